import Foundation
import QuireDiagnostics
import QuireYAML

/// `quire.yaml` — PRODUCT §2.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    /// Absolute, always ending in "/".
    public var baseURL: String
    public var author: String?
    public var description: String
    public var language: String
    package var feedItems: Int
    public var permalink: String
    public var timezone: TimeZone
    /// Posts per index page.
    package var paginate: Int
    /// Defaults for posts that name none: `bibliography:` and `citation_style:`.
    public var bibliography: LocatedText?
    public var citationStyle: LocatedText?

    /// Bundle files left out of the site, as globs over the path below `content/`.
    package var exclude: [PathGlob]

    /// TeX macros for every formula: name with its backslash → replacement,
    /// `#1`… for arguments (PRODUCT §2).
    package var mathMacros: [String: String]

    public static let fileName = "quire.yaml"
    /// Every "no site here" message ends with this.
    package static let noSiteHint = "run quire in the site's folder or pass --source DIR; `quire init DIR` makes a new site"
    static let knownKeys = [
        "title", "base_url", "author", "description", "language", "feed_items", "permalink", "timezone", "paginate", "bibliography",
        "citation_style", "exclude", "math_macros",
    ]

    package init(
        title: String, baseURL: String, author: String? = nil, description: String = "", language: String = "en",
        feedItems: Int = 20, permalink: String = "/posts/:slug/", timezone: TimeZone = utc, paginate: Int = 10,
        exclude: [PathGlob] = [],
        mathMacros: [String: String] = [:]
    ) {
        self.title = title
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.author = author
        self.description = description
        self.language = language
        self.feedItems = feedItems
        self.permalink = permalink
        self.timezone = timezone
        self.paginate = paginate
        self.exclude = exclude
        self.mathMacros = mathMacros
    }

    /// UTC as a fixed offset. `TimeZone(identifier: "UTC")` is a zone from ICU,
    /// which costs every build 2 MB of ICU's data for an offset that is always 0.
    package static let utc = TimeZone(secondsFromGMT: 0)!

    /// The zone `timezone:` names, UTC's IANA names (and "GMT", "GMT+2"…, which
    /// Foundation reads itself) without ICU.
    static func zone(named name: String) -> TimeZone? {
        ["UTC", "Etc/UTC", "Etc/GMT"].contains(name) ? utc : TimeZone(identifier: name)
    }

    /// Reads `quire.yaml` in `root`. Throws a `DiagnosticList`; warnings go to `warnings`.
    public static func load(from root: URL, baseURLOverride: String? = nil, warnings: inout [Diagnostic]) throws -> SiteConfig {
        let path = fileName
        let url = root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Diagnostic.error(at: SourceLocation(path: path), "no quire.yaml in \(root.path)", hint: noSiteHint)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic.error(at: SourceLocation(path: path), "quire.yaml is not UTF-8 text")
        }
        let yaml = try YAMLMapping(parsing: text, path: path)
        warnings += yaml.unknownKeys(known: knownKeys, what: "quire.yaml")
        let top = SourceLocation(path: path)
        var problems: [Diagnostic] = []
        func attempt<T>(_ read: () throws -> T) -> T? {
            do { return try read() } catch {
                problems += error.diagnostics(orAt: top)
                return nil
            }
        }

        let title = attempt { try yaml.requiredString("title", at: top) }
        let baseURL = attempt { () -> String in
            let value = try baseURLOverride ?? yaml.requiredString("base_url", at: top)
            try validateBaseURL(value, at: yaml.node("base_url").map(yaml.location(of:)) ?? top, fromFlag: baseURLOverride != nil)
            return value
        }
        let permalink = attempt { () -> String in
            let value = try yaml.string("permalink") ?? "/posts/:slug/"
            let at = yaml.node("permalink").map(yaml.location(of:)) ?? top
            guard value.contains(":slug"), value.hasPrefix("/") else {
                throw Diagnostic.error(
                    at: at, "permalink must start with '/' and contain ':slug'",
                    hint: "for example /posts/:slug/ or /:year/:month/:slug/")
            }
            try validatePermalinkSegments(value, at: at)
            return value
        }
        let timezone = attempt { () -> TimeZone in
            let name = try yaml.string("timezone") ?? "UTC"
            guard let zone = Self.zone(named: name) else {
                throw Diagnostic.error(
                    at: yaml.node("timezone").map(yaml.location(of:)) ?? top, "unknown time zone '\(name)'",
                    hint: "use an IANA name such as Europe/Berlin or UTC")
            }
            return zone
        }
        // `author: ""`, as `quire init` writes it, is no author.
        let author = (attempt { try yaml.string("author") } ?? nil).flatMap { $0.isEmpty ? nil : $0 }
        let description = attempt { try yaml.string("description") } ?? nil
        let language = attempt { try yaml.string("language") } ?? nil
        let feedItems = attempt { try yaml.int("feed_items", range: 1...10_000) } ?? nil
        let paginate = attempt { try yaml.int("paginate", range: 1...10_000) } ?? nil
        let mathMacros = attempt { () -> [String: String] in
            var macros: [String: String] = [:]
            for entry in try yaml.stringMapping("math_macros") {
                let name = entry.key.hasPrefix("\\") ? entry.key : "\\" + entry.key
                let letters = name.dropFirst()
                guard letters.count == 1 || (!letters.isEmpty && letters.allSatisfy({ $0.isASCII && $0.isLetter })) else {
                    throw Diagnostic.error(
                        at: entry.location, "'\(entry.key)' is not a TeX command name",
                        hint: "write a backslash and letters, quoted: \"\\\\E\": \"\\\\mathbb{E}\"")
                }
                macros[name] = entry.value
            }
            return macros
        }
        let exclude = attempt { try yaml.strings("exclude").map(PathGlob.init) } ?? []

        guard problems.isEmpty, let title, let baseURL, let permalink, let timezone else { throw DiagnosticList(problems) }
        var config = SiteConfig(
            title: title, baseURL: baseURL, author: author, description: description ?? "", language: language ?? "en",
            feedItems: feedItems ?? 20, permalink: permalink, timezone: timezone, paginate: paginate ?? 10,
            exclude: exclude, mathMacros: mathMacros ?? [:])
        config.bibliography = try LocatedText(yaml, "bibliography")
        config.citationStyle = try LocatedText(yaml, "citation_style")
        return config
    }

    /// Every page's path comes from the pattern, so a pattern that could leave
    /// the output folder, or name a folder with no name, is refused here,
    /// before anything is built.
    static func validatePermalinkSegments(_ pattern: String, at location: SourceLocation) throws {
        // Split on the byte: "/" plus a combining mark is one Character.
        var segments = pattern.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if segments.last == "" { segments.removeLast() }
        for segment in segments {
            let problem: String? =
                switch segment {
                case "": "has an empty segment ('//')"
                case ".", "..": "has a '\(segment)' segment, which would leave the post's folder"
                default:
                    segment.contains("\\") || segment.contains("\0") || segment.contains("?") || segment.contains("#")
                        ? "has a segment with '\\', '?', '#' or NUL ('\(segment)')" : nil
                }
            if let problem {
                throw Diagnostic.error(
                    at: location, "permalink '\(pattern)' \(problem)",
                    hint: "each part between slashes must be a name, for example /posts/:slug/ or /:year/:month/:slug/")
            }
        }
    }

    package static func validateBaseURL(_ value: String, at location: SourceLocation, fromFlag: Bool) throws {
        guard let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw Diagnostic.error(
                at: location, "\(fromFlag ? "--base-url" : "base_url") must be an absolute http(s) URL, not '\(value)'",
                hint: "feeds and the sitemap need absolute links, e.g. https://example.org/")
        }
    }
}
