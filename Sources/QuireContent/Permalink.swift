import Foundation

/// Expands `quire.yaml`'s `permalink` pattern (`/posts/:slug/`, `/:year/:month/:slug/`).
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
        if !path.hasSuffix("/") { path += "/" }
        return path
    }
}
