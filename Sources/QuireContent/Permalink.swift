import Foundation

/// Expands `quire.yaml`'s `permalink` pattern (`/posts/:slug/`, `/:year/:month/:slug/`).
public enum Permalink {
    public static func expand(_ pattern: String, slug: String, date: Date?, timezone: TimeZone) -> String {
        let day = date.map { ContentDate.components($0, timezone: timezone) } ?? (year: 1970, month: 1, day: 1)
        var path = pattern
            .replacingOccurrences(of: ":slug", with: slug)
            .replacingOccurrences(of: ":year", with: String(format: "%04d", day.year))
            .replacingOccurrences(of: ":month", with: String(format: "%02d", day.month))
            .replacingOccurrences(of: ":day", with: String(format: "%02d", day.day))
        if !path.hasSuffix("/") { path += "/" }
        return path
    }
}
