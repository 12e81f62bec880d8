import Foundation
import QuireContent

/// The quire `permalink` that gives the old site's posts their old
/// addresses, and, for each post or page, its folder, slug and — where the
/// pattern cannot express the old address — its own `url:`.
struct PermalinkPlan {
    struct Placement {
        /// The bundle folder below content/posts/, or a page's file name without `.md`.
        var folder: String
        /// Written to front matter only when the folder name does not give it.
        var slug: String?
        var url: String?
        /// Where quire puts the item without a `url:`.
        var expected: String
    }

    let pattern: String
    let placements: [Placement]

    init(oldPattern: String, generator: SiteImporter.Generator, documents: [SourceDocument], timezone: TimeZone) {
        let section = documents.first { $0.kind == .post }?.placeholders["section"] ?? "posts"
        let translated = Self.translate(oldPattern, generator: generator, section: section)
        pattern = translated?.pattern ?? "/posts/:slug/"
        let slugToken = translated?.slugToken
        var used: Set<String> = []
        var placements: [Placement] = []
        for document in documents {
            let fallback = document.placeholders["slug"] ?? document.placeholders["filename"] ?? Slug.make(from: document.title)
            let candidate = slugToken.flatMap { document.placeholders[$0] } ?? fallback
            let valid = Slug.isValid(candidate) ? candidate : Slug.make(from: candidate)
            var folder = valid
            var counter = 2
            let space = document.kind == .post ? "post:" : "page:"
            while used.contains(space + folder) {
                folder = valid + "-" + String(counter)
                counter += 1
            }
            used.insert(space + folder)
            let expected: String
            if document.kind == .post {
                let date = document.date.flatMap { ContentDate.parse($0.iso, timezone: timezone) }
                expected = Permalink.expand(pattern, slug: valid, date: date, timezone: timezone)
            } else {
                expected = "/" + valid + "/"
            }
            let derived = Slug.make(from: folder)
            let url = expected == document.oldURL || !Permalink.isSitePath(document.oldURL) ? nil : document.oldURL
            placements.append(
                Placement(folder: folder, slug: derived == valid || document.kind == .page ? nil : valid, url: url, expected: expected))
        }
        self.placements = placements
    }

    /// The old pattern in quire's tokens, and which old token gives the slug; nil when it has no quire form.
    static func translate(_ old: String, generator: SiteImporter.Generator, section: String) -> (pattern: String, slugToken: String)? {
        var out = ""
        var slugToken: String?
        var rest = old[...]
        let known: [String] =
            generator == .jekyll
            ? ["year", "month", "day", "title", "slug", "name", "output_ext", "categories"]
            : [
                "year", "month", "day", "slugorcontentbasename", "contentbasename", "slugorfilename", "filename", "slug", "title",
                "sections", "section",
            ]
        while let colon = rest.firstIndex(of: ":") {
            out += rest[..<colon]
            rest = rest[rest.index(after: colon)...]
            let name = rest.prefix { $0.isLowercase || $0 == "_" }
            guard let token = known.filter({ name.hasPrefix($0) }).max(by: { $0.count < $1.count }) else { return nil }
            rest = rest.dropFirst(token.count)
            switch token {
            case "year", "month", "day": out += ":" + token
            case "output_ext": out += ".html"
            case "categories": break
            case "section", "sections": out += section
            default:
                guard slugToken == nil else { return nil }
                slugToken = token
                out += ":slug"
            }
        }
        out += rest
        guard let slugToken else { return nil }
        var squeezed = ""
        for character in "/" + out where !(character == "/" && squeezed.hasSuffix("/")) { squeezed.append(character) }
        if !squeezed.hasSuffix("/"), !squeezed.hasSuffix(".html") { squeezed += generator == .jekyll ? ".html" : "/" }
        return (squeezed, slugToken)
    }
}
