import Foundation
import QuireConfig
import QuireContent
import QuireDiagnostics

/// `quire new post "Title"` and `quire new page "Title"`: a file with front
/// matter, ready to write in.
public enum NewPost {
    /// Creates `content/posts/<slug>/index.md`, a draft; returns its path relative to `root`.
    public static func create(title: String, root: URL, date: Date, timezone: TimeZone = TimeZone(identifier: "UTC")!) throws -> String {
        let (trimmed, slug) = try titleAndSlug(title, kind: "post", root: root)
        let folder = root.appendingPathComponent("content/posts/\(slug)")
        let relative = "content/posts/\(slug)/index.md"
        let single = root.appendingPathComponent("content/posts/\(slug).md")
        if FileManager.default.fileExists(atPath: folder.path) || FileManager.default.fileExists(atPath: single.path) {
            throw Diagnostic.error(
                at: SourceLocation(path: relative), "a post with the slug '\(slug)' already exists",
                hint: "pick another title, or edit the existing post")
        }
        // A new post is a draft, so a half-written one is never published by accident.
        let text = """
            ---
            title: \(yamlQuoted(trimmed))
            date: \(dayText(date, timezone: timezone))
            summary: ""
            tags: []
            draft: true
            ---

            Write here. Data files (CSV, JSONL, .npy, SQLite) saved in this folder are
            tables your `query`, `analysis`, `chart` and `table` blocks can use.

            """
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        return relative
    }

    /// What `quire new post` tells the author about the draft it made.
    public static let publishingHint =
        "it is a draft: `quire serve --drafts` or `quire build --drafts` shows it; delete the line `draft: true` to publish it"

    /// Creates `content/<slug>.md`, a page linked from every page's header; returns its path relative to `root`.
    public static func createPage(title: String, root: URL) throws -> String {
        let (trimmed, slug) = try titleAndSlug(title, kind: "page", root: root)
        let relative = "content/\(slug).md"
        let file = root.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: file.path)
            || FileManager.default.fileExists(atPath: root.appendingPathComponent("content/\(slug)").path)
        {
            throw Diagnostic.error(
                at: SourceLocation(path: relative), "a page with the slug '\(slug)' already exists",
                hint: "pick another title, or edit the existing page")
        }
        let text = """
            ---
            title: \(yamlQuoted(trimmed))
            ---

            Write here.

            """
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return relative
    }

    private static func titleAndSlug(_ title: String, kind: String, root: URL) throws -> (String, String) {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = kind == "post" ? "content/posts" : "content"
        guard !trimmed.isEmpty else {
            throw Diagnostic.error(
                at: SourceLocation(path: folder), "a new \(kind) needs a title", hint: "quire new \(kind) \"What the probes found\"")
        }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(SiteConfig.fileName).path) else {
            throw Diagnostic.error(at: SourceLocation(path: SiteConfig.fileName), "no quire.yaml here", hint: SiteConfig.noSiteHint)
        }
        let slug = Slug.make(from: trimmed)
        guard !slug.isEmpty else {
            throw Diagnostic.error(
                at: SourceLocation(path: folder), "'\(trimmed)' has no letters or digits a web address can use",
                hint: "give a title with some ASCII letters; the \(kind)'s title can be changed in its front matter afterwards")
        }
        return (trimmed, slug)
    }

    static func dayText(_ date: Date, timezone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
    }

    static func yamlQuoted(_ text: String) -> String { YAMLQuoting.doubleQuoted(text) }
}
