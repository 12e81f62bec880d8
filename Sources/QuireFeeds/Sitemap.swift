import Foundation

/// One page in the sitemap.
public struct SitemapEntry: Sendable {
    /// Absolute URL of the page.
    public var url: String
    package var lastModified: Date?

    public init(url: String, lastModified: Date?) {
        self.url = url
        self.lastModified = lastModified
    }
}

/// Sitemap protocol 0.9 (sitemaps.org). Entries are written in the order given.
package enum Sitemap {
    public static func render(_ entries: [SitemapEntry]) -> String {
        var xml = XMLLines()
        xml.raw(#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#, depth: 0)
        for entry in entries {
            xml.raw("<url>", depth: 1)
            xml.element("loc", entry.url, depth: 2)
            if let modified = entry.lastModified {
                xml.element("lastmod", FeedDates.rfc3339(modified), depth: 2)
            }
            xml.raw("</url>", depth: 1)
        }
        xml.raw("</urlset>", depth: 0)
        return xml.document
    }
}
