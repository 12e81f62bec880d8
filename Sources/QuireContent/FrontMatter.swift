import Foundation
import QuireConfig
import QuireDiagnostics
import QuireYAML

/// The YAML between the `---` lines at the top of a post or page — PRODUCT §2.
public struct FrontMatter: Sendable, Hashable {
    public var title: String
    public var date: Date?
    public var updated: Date?
    public var summary: String?
    public var tags: [String]
    package var series: String?
    package var draft: Bool
    public var slug: String?
    public var author: String?
    package var discuss: String?
    /// `bibliography:` and `citation_style:`, with where they were written (checked when the post renders).
    public var bibliography: LocatedText?
    public var citationStyle: LocatedText?

    /// The item's whole site path, overriding the permalink pattern: how an
    /// imported post keeps an old address no pattern expresses.
    public var url: String?

    static let knownKeys = [
        "title", "date", "updated", "summary", "tags", "series", "draft", "slug", "author", "discuss",
        "bibliography", "citation_style", "url",
    ]

    public init(
        title: String, date: Date? = nil, updated: Date? = nil, summary: String? = nil, tags: [String] = [], series: String? = nil,
        draft: Bool = false, slug: String? = nil, author: String? = nil, discuss: String? = nil, url: String? = nil
    ) {
        self.title = title
        self.date = date
        self.updated = updated
        self.summary = summary
        self.tags = tags
        self.series = series
        self.draft = draft
        self.slug = slug
        self.author = author
        self.discuss = discuss
        self.url = url
    }
}

/// A source file split into its front matter and Markdown body.
public struct SplitSource: Sendable, Equatable {
    package var frontMatter: String
    public var body: String
    /// Lines before the body (the front matter and its fences); add it to
    /// line numbers the Markdown parser reports.
    package var bodyLineOffset: Int

    /// Lines before the YAML itself (the opening fence).
    let yamlLineOffset = 1

    /// `keepingBody: false` leaves `body` empty: a one-shot build reads each
    /// body again when its page is made, so copying it out here was waste.
    public static func split(_ text: String, path: String, keepingBody: Bool = true) throws -> SplitSource {
        var text = text
        let found = text.withUTF8 { bytes -> (fences: Fences, yaml: String)? in
            guard case .found(let fences) = Self.fences(in: bytes, complete: true) else { return nil }
            let yaml = fences.yaml.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) } ?? ""
            return (fences, yaml)
        }
        guard let found else {
            throw Diagnostic.error(
                at: SourceLocation(path: path), "missing front matter",
                hint: "start the file with a block like\n---\ntitle: My post\ndate: 2026-01-31\n---")
        }
        guard found.fences.yaml != nil else {
            throw Diagnostic.error(
                at: SourceLocation(path: path), "front matter is not closed", hint: "end it with a line holding only ---")
        }
        // The body starts after a line feed, so on a Character boundary: it is copied, not decoded again.
        let utf8 = text.utf8
        let body = keepingBody ? String(text[utf8.index(utf8.startIndex, offsetBy: found.fences.end)...]) : ""
        return SplitSource(frontMatter: found.yaml, body: body, bodyLineOffset: found.fences.lines)
    }

    /// Where a source's fences are, as far as its first bytes tell.
    package enum FenceSearch: Equatable {
        /// The first line is no fence, or the front matter is closed
        /// (`yaml` nil: it never is). Either way the split needs nothing past `end`.
        case found(Fences)
        /// The bytes so far end inside the front matter.
        case undecided
    }

    package struct Fences: Equatable {
        /// The YAML between the fences; nil when they never close.
        var yaml: Range<Int>?
        /// Just past the closing fence's line: where the body starts.
        package var end: Int
        /// Lines through the closing fence.
        var lines: Int
    }

    /// Finds the fences line by line, byte by byte: the body is one slice,
    /// never split into lines and joined again. `complete` says the bytes
    /// are the whole file, so a last line without a line feed counts;
    /// otherwise only whole lines do, and running out is `.undecided`.
    /// Nil: the first line is no fence.
    package static func fences(in bytes: UnsafeBufferPointer<UInt8>, complete: Bool) -> FenceSearch? {
        var lineStart = 0
        var lineNumber = 0
        var yamlStart: Int?
        while lineStart <= bytes.count {
            guard let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? (complete ? bytes.count : nil) else {
                return .undecided
            }
            lineNumber += 1
            let isFence = Self.isFence(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), closing: yamlStart != nil)
            guard let start = yamlStart else {
                guard isFence else { return nil }
                yamlStart = min(lineEnd + 1, bytes.count)
                lineStart = lineEnd + 1
                continue
            }
            if isFence {
                return .found(Fences(yaml: start..<max(start, lineStart - 1), end: min(lineEnd + 1, bytes.count), lines: lineNumber))
            }
            lineStart = lineEnd + 1
        }
        return complete ? .found(Fences(yaml: nil, end: bytes.count, lines: lineNumber)) : .undecided
    }

    /// `---` (or `...` to close), with optional spaces and a CR around it.
    private static func isFence(_ line: UnsafeBufferPointer<UInt8>, closing: Bool) -> Bool {
        var start = 0
        var end = line.count
        while start < end, line[start] == 32 || line[start] == 9 { start += 1 }
        while end > start, line[end - 1] == 32 || line[end - 1] == 9 || line[end - 1] == 13 { end -= 1 }
        guard end - start == 3 else { return false }
        let mark = line[start]
        return line[start + 1] == mark && line[start + 2] == mark
            && (mark == UInt8(ascii: "-") || (closing && mark == UInt8(ascii: ".")))
    }
}

extension FrontMatter {
    /// Parses and validates front matter; `requireDate` is true for posts.
    static func parse(_ source: SplitSource, path: String, requireDate: Bool, timezone: TimeZone, warnings: inout [Diagnostic]) throws
        -> FrontMatter
    {
        let yaml = try YAMLMapping(parsing: source.frontMatter, path: path, lineOffset: source.yamlLineOffset)
        warnings += yaml.unknownKeys(known: knownKeys, what: "the front matter")
        let top = SourceLocation(path: path)
        var problems: [Diagnostic] = []
        func attempt<T>(_ read: () throws -> T) -> T? {
            do { return try read() } catch {
                problems += error.diagnostics(orAt: top)
                return nil
            }
        }
        func date(_ key: String) throws -> Date? {
            guard let text = try yaml.string(key) else { return nil }
            let at = yaml.node(key).map(yaml.location(of:)) ?? top
            switch ISODateTime.read(text) {
            case .valid(let parsed):
                guard let date = ContentDate.date(parsed, timezone: timezone) else { break }
                return date
            case .impossible(let reason):
                throw Diagnostic.error(at: at, "'\(key)' is not a real date: '\(text)' (\(reason))", hint: "check the month and day")
            case .malformed:
                break
            }
            throw Diagnostic.error(at: at, "'\(key)' is not an ISO 8601 date: '\(text)'", hint: "write 2026-01-31 or 2026-01-31T14:05:00Z")
        }

        let title = attempt { try yaml.requiredString("title", at: top) }
        let published = attempt { try date("date") } ?? nil
        if requireDate, published == nil, yaml.node("date") == nil {
            problems.append(.error(at: top, "'date' is required", hint: "add a line such as `date: 2026-01-31` to the front matter"))
        }
        let updated = attempt { try date("updated") } ?? nil
        let summary = attempt { try yaml.string("summary") } ?? nil
        let tags = attempt { try yaml.strings("tags") } ?? []
        let series = attempt { try yaml.string("series") } ?? nil
        let draft = attempt { try yaml.bool("draft") } ?? nil
        let slug =
            attempt { () -> String? in
                guard let slug = try yaml.string("slug") else { return nil }
                guard Slug.isValid(slug) else {
                    throw Diagnostic.error(
                        at: yaml.node("slug").map(yaml.location(of:)) ?? top,
                        "slug '\(slug)' may only hold lowercase letters, digits, '-' and '_'",
                        hint: "try '\(Slug.make(from: slug))'")
                }
                return slug
            } ?? nil
        let author = attempt { try yaml.string("author") } ?? nil
        let discuss =
            attempt { () -> String? in
                guard let link = try yaml.string("discuss") else { return nil }
                guard let url = URL(string: link), url.scheme == "https" || url.scheme == "http" else {
                    throw Diagnostic.error(at: yaml.node("discuss").map(yaml.location(of:)) ?? top, "'discuss' must be an http(s) URL")
                }
                return link
            } ?? nil
        let url =
            attempt { () -> String? in
                guard let path = try yaml.string("url") else { return nil }
                guard Permalink.isSitePath(path) else {
                    throw Diagnostic.error(
                        at: yaml.node("url").map(yaml.location(of:)) ?? top,
                        "url '\(path)' must be a site path such as /2019/03/04/title.html or /notes/title/",
                        hint: "start it with '/', end it with '/' or '.html', and leave out '..', '?' and '#'")
                }
                return path
            } ?? nil

        guard problems.isEmpty, let title else { throw DiagnosticList(problems) }
        var frontMatter = FrontMatter(
            title: title, date: published, updated: updated, summary: summary, tags: tags, series: series,
            draft: draft ?? false, slug: slug, author: author, discuss: discuss, url: url)
        frontMatter.bibliography = try LocatedText(yaml, "bibliography")
        frontMatter.citationStyle = try LocatedText(yaml, "citation_style")
        return frontMatter
    }
}
