import Foundation
import Testing

@testable import QuireFeeds

@Suite struct SitemapTests {
    @Test func emptySitemapIsStillAValidDocument() {
        #expect(
            Sitemap.render([]) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                </urlset>

                """)
    }

    @Test func escapesURLsAndReplacesControlCharacters() {
        let xml = Sitemap.render([SitemapEntry(url: "https://example.org/?a=1&b=<2>\u{1}", lastModified: nil)])
        #expect(xml.contains("<loc>https://example.org/?a=1&amp;b=&lt;2&gt;\u{FFFD}</loc>"))
        #expect(!xml.contains("lastmod"))
    }

    @Test func writesEntriesInOrderWithUTCLastmod() {
        let xml = Sitemap.render([
            SitemapEntry(url: "https://example.org/blog/", lastModified: FeedFixtures.saturday),
            SitemapEntry(url: "https://example.org/blog/about/", lastModified: nil),
        ])
        #expect(
            xml == """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url>
                    <loc>https://example.org/blog/</loc>
                    <lastmod>2026-11-21T14:05:00Z</lastmod>
                  </url>
                  <url>
                    <loc>https://example.org/blog/about/</loc>
                  </url>
                </urlset>

                """)
    }
}
