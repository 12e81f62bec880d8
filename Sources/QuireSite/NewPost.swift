import Foundation
import QuireContent
import QuireDiagnostics

/// `quire new post "Title"`: a bundle with front matter, ready to write in.
public enum NewPost {
    /// Creates `content/posts/<slug>/index.md`; returns its path relative to `root`.
    public static func create(title: String, root: URL, date: Date, timezone: TimeZone = TimeZone(identifier: "UTC")!) throws -> String {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw Diagnostic.error(at: SourceLocation(path: "content/posts"), "a new post needs a title", hint: "quire new post \"What the probes found\"")
        }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("quire.yaml").path) else {
            throw Diagnostic.error(at: SourceLocation(path: "quire.yaml"), "no quire.yaml here", hint: "run quire in the site's folder or pass --source DIR")
        }
        let slug = Slug.make(from: trimmed)
        let folder = root.appendingPathComponent("content/posts/\(slug)")
        let relative = "content/posts/\(slug)/index.md"
        let single = root.appendingPathComponent("content/posts/\(slug).md")
        if FileManager.default.fileExists(atPath: folder.path) || FileManager.default.fileExists(atPath: single.path) {
            throw Diagnostic.error(at: SourceLocation(path: relative), "a post with the slug '\(slug)' already exists", hint: "pick another title, or edit the existing post")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        let dateText = String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
        let text = """
            ---
            title: \(yamlQuoted(trimmed))
            date: \(dateText)
            summary: ""
            tags: []
            ---

            Write here. Data files (CSV, JSONL, .npy, SQLite) saved in this folder are
            tables your `query`, `analysis`, `chart` and `table` blocks can use.

            """
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        return relative
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
