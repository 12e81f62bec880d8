import Foundation

/// Expands `quire.yaml`'s `permalink` pattern (`/posts/:slug/`, `/:year/:month/:slug/`).
/// A permalink names a folder served by its `index.html`, or, ending in
/// `.html` (`/:year/:month/:day/:slug.html`, Jekyll's default), the page's
/// own file; the post's bundle files are then published in that file's folder.
public enum Permalink {
    public static func expand(_ pattern: String, slug: String, date: Date?, timezone: TimeZone) -> String {
        let day = date.map { ContentDate.components($0, timezone: timezone) } ?? (year: 1970, month: 1, day: 1)
        let fields: [(name: Substring, value: String)] = [
            (":slug", slug), (":year", ContentDate.padded(day.year, to: 4)), (":month", ContentDate.padded(day.month, to: 2)),
            (":day", ContentDate.padded(day.day, to: 2)),
        ]
        // One pass, left to right; runs per post, so no Foundation searching.
        var path = ""
        var rest = pattern[...]
        while let colon = rest.firstIndex(of: ":") {
            path += rest[..<colon]
            rest = rest[colon...]
            if let field = fields.first(where: { rest.hasPrefix($0.name) }) {
                path += field.value
                rest = rest.dropFirst(field.name.count)
            } else {
                path += ":"
                rest = rest.dropFirst()
            }
        }
        path += rest
        if !path.hasSuffix("/"), !namesFile(path) { path += "/" }
        return path
    }

    /// `/2019/03/04/title.html` is a page file, `/posts/title/` a folder.
    package static func namesFile(_ sitePath: String) -> Bool {
        sitePath.hasSuffix(".html")
    }

    /// Where the page and its bundle's files go below the output folder,
    /// without a leading "/": `posts/x/` for `/posts/x/`, `2019/03/04/` for `/2019/03/04/x.html`.
    public static func folder(of sitePath: String) -> String {
        let trimmed = sitePath.drop { $0 == "/" }
        guard namesFile(sitePath) else { return trimmed.isEmpty || trimmed.hasSuffix("/") ? String(trimmed) : trimmed + "/" }
        return trimmed.lastIndex(of: "/").map { String(trimmed[...$0]) } ?? ""
    }

    /// A path an item may be published at: `/…/` or `/….html`, no `..`, query or fragment.
    package static func isSitePath(_ path: String) -> Bool {
        path.hasPrefix("/") && (path.hasSuffix("/") || namesFile(path)) && !path.contains("//")
            && !path.split(separator: "/").contains { $0 == ".." || $0 == "." }
            && !path.contains { $0 == "?" || $0 == "#" || $0 == "\\" || $0.isWhitespace }
    }
}
