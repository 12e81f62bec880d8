import Foundation
import QuireDiagnostics
import Testing

@testable import QuireFeeds

/// NUL and the other C0 controls in data become U+FFFD in every output
/// (PRODUCT.md §7); XML 1.0 forbids them, so in a feed too they must be
/// replaced, never dropped (a dropped character silently joins two words) and
/// never written raw (one raw control makes the whole feed unreadable).
@Suite struct FeedControlCharacterTests {
    struct Parsed: Decodable {
        var bozo: Bool
        var exception: String
        var version: String
        var title: String?
        var tags: [String]
        var author: String?
    }

    /// feedparser reads the feed as a reader would; bozo says whether it was well-formed.
    static let script = #"""
        import json, sys
        try:
            import feedparser
        except ImportError:
            sys.exit(3)
        out = []
        for path in sys.argv[1:]:
            d = feedparser.parse(path)
            e = d.entries[0] if d.entries else {}
            out.append({
                "bozo": bool(d.bozo), "exception": str(d.get("bozo_exception", "")), "version": d.version,
                "title": e.get("title"), "tags": [t.term for t in e.get("tags", [])], "author": e.get("author"),
            })
        json.dump(out, sys.stdout)
        """#

    /// Every C0 control but tab, LF and CR, each between two letters.
    static let controls = (0..<0x20).filter { ![0x09, 0x0A, 0x0D].contains($0) }.map { Unicode.Scalar(UInt8($0)) }
    static let hostile = controls.map { "x\(Character($0))" }.joined() + "x"
    /// Worked out from the rule: each control becomes one U+FFFD.
    static let asRead = String(repeating: "x\u{FFFD}", count: 29) + "x"

    @Test func controlsInTitleTagsAndAuthorReadAsReplacementCharacterInRSSAndAtom() throws {
        #expect(Self.controls.count == 29)
        let entry = FeedEntry(
            title: Self.hostile, url: "https://example.org/p/", published: FeedFixtures.saturday, updated: nil,
            summary: "s", contentHTML: "<p>x\u{0}y</p>", author: "Name\u{1B}[31m", tags: [Self.hostile])
        let feeds: [Parsed] = try PythonCheck.run(
            Self.script,
            on: [
                RSSFeed.render(channel: FeedFixtures.channel, entries: [entry]),
                AtomFeed.render(channel: FeedFixtures.channel, entries: [entry]),
            ])
        try #require(feeds.count == 2)
        #expect(feeds.map(\.version) == ["rss20", "atom10"])
        for feed in feeds {
            #expect(!feed.bozo, "\(feed.version): \(feed.exception)")
            #expect(feed.title == Self.asRead, "\(feed.version)")
            #expect(feed.tags == [Self.asRead], "\(feed.version)")
            #expect(feed.author == "Name\u{FFFD}[31m", "\(feed.version)")
        }
    }

    @Test func escaperReplacesEachControlAndKeepsTabLineFeedAndCarriageReturn() {
        #expect(HTMLText.escape(Self.hostile, for: .xmlText) == Self.asRead)
        #expect(HTMLText.escape(Self.hostile, for: .xmlAttribute) == Self.asRead)
        #expect(HTMLText.escape("a\tb\nc\rd", for: .xmlText) == "a\tb\nc&#13;d")
    }
}
