import Foundation

/// What an import did: translations counted by kind, and every construct it
/// could not translate at its source `PATH:LINE`.
public struct ImportReport: Sendable {
    package struct Note: Sendable, Equatable {
        /// Relative to the imported site's folder.
        public var path: String
        public var line: Int
        public var message: String
        /// The link it says reaches nothing, when it says so before the new
        /// site is checked: unlinking it later supersedes the note.
        var unreachedLink: String?
    }

    package var generator: String
    package var destination: URL
    public var posts = 0
    package var drafts = 0
    public var pages = 0
    public var assets = 0
    public var permalink = ""
    /// Decisions the importer made for the whole site.
    var remarks: [String] = []
    /// Posts (and pages) whose old address needed a `url:` of their own.
    package var addressesKept: [(path: String, url: String)] = []
    public private(set) var translated: [String: Int] = [:]
    package private(set) var notTranslated: [Note] = []
    /// Each Markdown file written (relative to the new site) → the document it came from.
    var sources: [String: String] = [:]
    /// Front matter keys quire has no use for, with how many files had them.
    public private(set) var droppedKeys: [String: Int] = [:]

    init(generator: String, destination: URL) {
        self.generator = generator
        self.destination = destination
    }

    mutating func count(_ kind: String, _ times: Int = 1) {
        guard times > 0 else { return }
        translated[kind, default: 0] += times
    }

    mutating func note(_ path: String, line: Int, _ message: String, unreachedLink: String? = nil) {
        notTranslated.append(Note(path: path, line: line, message: message, unreachedLink: unreachedLink))
    }

    /// Notes `link` unlinked in the new site's file `path`, in place of any
    /// earlier note that it reached nothing in the document the file came from.
    mutating func noteUnlinked(_ link: String, in path: String, line: Int) {
        let source = sources[path]
        notTranslated.removeAll { $0.unreachedLink == link && $0.path == source }
        note(path, line: line, "link '\(link)' reaches nothing in the new site: unlinked, its text kept")
    }

    mutating func dropped(_ key: String) {
        droppedKeys[key, default: 0] += 1
    }

    /// The report as printed at the end of `quire import`.
    public var text: String {
        var lines =
            [
                "imported \(posts) post\(posts == 1 ? "" : "s") (\(drafts) draft\(drafts == 1 ? "" : "s")), \(pages) page\(pages == 1 ? "" : "s") and \(assets) file\(assets == 1 ? "" : "s") from \(generator) into \(destination.path)",
                "permalink: \(permalink)",
            ] + remarks
        if !addressesKept.isEmpty {
            lines.append(
                "\(addressesKept.count) old address\(addressesKept.count == 1 ? "" : "es") the permalink cannot express kept with `url:`:")
            lines += addressesKept.map { "  \($0.path): \($0.url)" }
        }
        if !translated.isEmpty {
            lines.append("translated:")
            lines += translated.sorted { $0.key < $1.key }.map { "  \($0.value) × \($0.key)" }
        }
        if !droppedKeys.isEmpty {
            lines.append(
                "front matter keys quire has no use for, dropped: "
                    + droppedKeys.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
        }
        if notTranslated.isEmpty {
            lines.append("nothing left untranslated")
        } else {
            lines.append("not translated (\(notTranslated.count)):")
            lines += notTranslated.sorted { ($0.path, $0.line) < ($1.path, $1.line) }.map { "  \($0.path):\($0.line): \($0.message)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
