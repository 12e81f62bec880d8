import Foundation
import QuireConfig
import QuireDiagnostics

/// One post or page of the old site, read, before its body is translated.
struct SourceDocument {
    enum Kind { case post, page }

    var kind: Kind
    /// Relative to the old site's folder, for the report.
    var path: String
    var file: URL
    /// A Hugo page bundle's folder: every file in it belongs to the post.
    var bundleFolder: URL?
    var frontMatter: ImportValue
    var body: String
    /// The source line of the body's first line.
    var bodyLine: Int
    /// The old address, a site path without the base URL's path.
    var oldURL: String
    /// The old pattern's placeholders for this post (`title`, `slug`, `filename` …):
    /// the one the pattern uses becomes the quire slug when it can.
    var placeholders: [String: String]
    var date: ImportedDate?
    var draft: Bool
    var title: String
    /// Tags the old site gave by place rather than front matter (a Jekyll
    /// collection's label).
    var extraTags: [String] = []
    /// The name the old pattern language calls the post by, for `post_url`/`ref`.
    var lookupNames: [String] = []
}

/// Splits `---` YAML or `+++` TOML front matter from the body.
enum SourceFrontMatter {
    static func split(_ text: String, path: String, report: inout ImportReport) throws -> (
        frontMatter: ImportValue, body: String, bodyLine: Int
    )? {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }), first == "---" || first == "+++" else {
            return nil
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines) == first }) else {
            throw Diagnostic.error(at: SourceLocation(path: path), "front matter is not closed")
        }
        let inner = lines[1..<close].joined(separator: "\n")
        let value: ImportValue
        do {
            value =
                first == "---"
                ? try ImportValue.yaml(inner, path: path, lineOffset: 1) : try TOMLReader.read(inner, path: path, lineOffset: 1)
        } catch {
            // Hugo and Jekyll read a key written twice at the top, the last
            // one winning; quire's reader refuses it. The earlier lines go.
            guard first == "---", let (kept, keys) = Self.lastOfEachKey(inner) else { throw error }
            value = try ImportValue.yaml(kept, path: path, lineOffset: 1)
            for key in keys {
                report.note(path, line: 1, "front matter key '\(key)' is written twice: the last one is kept, as the old site read it")
            }
        }
        lines.removeSubrange(0...close)
        return (value, lines.joined(separator: "\n"), close + 2)
    }
}

extension SourceFrontMatter {
    /// `yaml` with the earlier of any top-level `key: value` lines that share
    /// a key blanked out (so lines keep their numbers), and the keys; nil
    /// when no key is written twice or one of them spans lines.
    static func lastOfEachKey(_ yaml: String) -> (String, [String])? {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var last: [String: Int] = [:]
        var keyOfLine: [Int: String] = [:]
        for (index, line) in lines.enumerated() {
            guard let first = line.first, first.isLetter || first.isNumber || first == "_",
                let colon = line.firstIndex(of: ":")
            else { continue }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            guard !key.contains(" ") else { continue }
            keyOfLine[index] = key
            last[key] = index
        }
        let repeated = keyOfLine.filter { last[$0.value] != $0.key }
        guard !repeated.isEmpty else { return nil }
        for index in repeated.keys {
            // A repeated key whose value continues on indented lines is left to fail.
            if index + 1 < lines.count, lines[index + 1].first == " " { return nil }
            lines[index] = ""
        }
        return (lines.joined(separator: "\n"), Set(repeated.values).sorted())
    }
}

/// Old front matter → the keys quire reads (PRODUCT §2).
enum FrontMatterMapping {
    /// Keys the importer reads itself; the rest are reported as dropped.
    static let consumed: Set<String> = [
        "title", "date", "updated", "lastmod", "last_modified_at", "modified", "summary", "description", "excerpt",
        "tags", "categories", "category", "draft", "published", "author", "authors", "series", "slug",
    ]

    static func yaml(for document: SourceDocument, slug: String?, url: String?, report: inout ImportReport) -> String {
        let matter = document.frontMatter
        var lines = ["title: " + quoted(document.title)]
        if let date = document.date { lines.append("date: " + date.iso) }
        for key in ["updated", "lastmod", "last_modified_at", "modified"] {
            guard let text = matter[key]?.string else { continue }
            if let date = ImportedDate(text) {
                lines.append("updated: " + date.iso)
                if key != "updated" { report.count("front matter \(key) → updated") }
            } else {
                report.note(document.path, line: 1, "'\(key): \(text)' is not a date quire reads; left out")
            }
            break
        }
        for key in ["summary", "description", "excerpt"] {
            guard let text = matter[key]?.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { continue }
            lines.append("summary: " + quoted(text))
            if key != "summary" { report.count("front matter \(key) → summary") }
            break
        }
        var tags: [String] = []
        for key in ["tags", "categories", "category"] {
            let words = matter[key]?.words ?? []
            if key != "tags", !words.isEmpty { report.count("front matter \(key) → tags") }
            for word in words where !tags.contains(word) { tags.append(word) }
        }
        for word in document.extraTags where !tags.contains(word) { tags.append(word) }
        if !tags.isEmpty { lines.append("tags: [" + tags.map(quoted).joined(separator: ", ") + "]") }
        if let series = matter["series"]?.words.first { lines.append("series: " + quoted(series)) }
        if document.draft { lines.append("draft: true") }
        if let slug { lines.append("slug: " + slug) }
        if let url { lines.append("url: " + quoted(url)) }
        // Hugo themes and Jekyll's jekyll-seo-tag also read a list of `authors`.
        if let author = author(matter["author"]) ?? author(matter["authors"]) { lines.append("author: " + quoted(author)) }
        for key in matter.keys where !consumed.contains(key) { report.dropped(key) }
        return "---\n" + lines.joined(separator: "\n") + "\n---\n"
    }

    /// A name, a `{name: …}` map or a list of either.
    static func author(_ value: ImportValue?) -> String? {
        switch value {
        case .text(let name)?: return name.isEmpty ? nil : name
        case .table?: return value?["name"]?.string ?? value?["display_name"]?.string
        case .list(let items)?:
            let names = items.compactMap { author($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        default: return nil
        }
    }

    static func quoted(_ text: String) -> String { YAMLQuoting.doubleQuoted(text) }
}
