import Foundation
import Testing

@testable import QuireFeeds

/// Reads the feeds with Python's `feedparser`, the parser behind many real
/// readers. Needs `python3` and `pip install feedparser`; without them the
/// test fails (it must never pass by skipping).
@Suite struct FeedparserTests {
    struct ParsedFeed: Decodable {
        var bozo: Bool
        var exception: String
        var version: String
        var title: String?
        var entries: [ParsedEntry]
    }

    struct ParsedEntry: Decodable {
        var title: String?
        var link: String?
        var id: String?
        var published: [Int]?
        var tags: [String]
        /// Every href/src/poster/srcset URL found in the entry's content.
        var contentURLs: [String]
        var hasContent: Bool
    }

    static let script = #"""
        import json, sys
        from html.parser import HTMLParser
        try:
            import feedparser
        except ImportError:
            sys.exit(3)

        class URLs(HTMLParser):
            def __init__(self):
                super().__init__()
                self.urls = []
            def handle_starttag(self, tag, attrs):
                for name, value in attrs:
                    if name in ("href", "src", "poster"):
                        self.urls.append(value)
                    elif name == "srcset":
                        self.urls += [c.split()[0] for c in value.split(", ") if c.strip()]

        def urls(entry):
            collector = URLs()
            for part in entry.get("content", []):
                collector.feed(part.value)
            return collector.urls

        out = []
        for path in sys.argv[1:]:
            d = feedparser.parse(path)
            out.append({
                "bozo": bool(d.bozo), "exception": str(d.get("bozo_exception", "")),
                "version": d.version, "title": d.feed.get("title"),
                "entries": [{
                    "title": e.get("title"), "link": e.get("link"), "id": e.get("id"),
                    "published": list(e.published_parsed)[:6] if e.get("published_parsed") else None,
                    "tags": [t.term for t in e.get("tags", [])],
                    "contentURLs": urls(e), "hasContent": bool(e.get("content")),
                } for e in d.entries],
            })
        json.dump(out, sys.stdout)
        """#

    @Test func rssAndAtomReadCleanlyWithHostileText() throws {
        let entries = FeedFixtures.entries
        let feeds: [ParsedFeed] = try PythonCheck.run(
            Self.script,
            on: [
                RSSFeed.render(channel: FeedFixtures.channel, entries: entries),
                AtomFeed.render(channel: FeedFixtures.channel, entries: entries),
            ])
        try #require(feeds.count == 2)
        #expect(feeds[0].version == "rss20")
        #expect(feeds[1].version == "atom10")
        for feed in feeds {
            #expect(!feed.bozo, "\(feed.version): \(feed.exception)")
            #expect(feed.title == FeedFixtures.channel.title)
            try #require(feed.entries.count == entries.count)
            #expect(feed.entries[0].title == FeedFixtures.hostileTitleAsRead, "\(feed.version)")
            #expect(feed.entries.map(\.title).dropFirst() == entries.map(\.title).dropFirst())
            #expect(feed.entries.map(\.link) == entries.map(\.url))
            #expect(feed.entries.map(\.id) == entries.map(\.url))
            #expect(feed.entries[0].published == [2026, 11, 21, 14, 5, 0])
            #expect(feed.entries[0].tags == ["ml", "R&D", "<b>"])
            for entry in feed.entries {
                #expect(entry.hasContent)
                #expect(!entry.contentURLs.isEmpty)
                for url in entry.contentURLs {
                    #expect(url.hasPrefix("https://example.org/") || url.hasPrefix("mailto:"), "\(feed.version): \(url)")
                }
            }
        }
    }
}
