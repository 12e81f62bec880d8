import Foundation
import Testing

@testable import QuireFeeds

@Suite struct RSSFeedTests {
    let xml = RSSFeed.render(channel: FeedFixtures.channel, entries: FeedFixtures.entries)

    @Test func noEntriesMeansNoLastBuildDate() {
        let empty = RSSFeed.render(channel: FeedFixtures.channel, entries: [])
        #expect(!empty.contains("lastBuildDate"))
        #expect(!empty.contains("<item>"))
        #expect(empty.contains(#"<atom:link href="https://example.org/blog/feed.xml" rel="self" type="application/rss+xml"/>"#))
    }

    @Test func controlCharactersNeverReachTheOutput() {
        let forbidden = xml.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }
        #expect(forbidden.isEmpty)
    }

    @Test func cdataTerminatorAndScriptAreEscaped() {
        #expect(!xml.contains("]]>"))
        #expect(!xml.contains("<script>"))
        #expect(xml.contains(#"&lt;script&gt;alert('x')&lt;/script&gt; &amp; "quotes" ]]&gt; \#u{FFFD}\#u{FFFD}\#u{FFFD}ctrl Grüße 東京 🚀"#))
    }

    @Test func channelHeader() {
        #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<rss version=\"2.0\""))
        #expect(xml.contains(#"xmlns:content="http://purl.org/rss/1.0/modules/content/""#))
        #expect(xml.contains(#"xmlns:atom="http://www.w3.org/2005/Atom""#))
        #expect(xml.contains("<title>Lab notes &amp; &lt;experiments&gt;</title>"))
        #expect(xml.contains("<link>https://example.org/blog/</link>"))
        #expect(xml.contains("<language>en</language>"))
        // A plain name is no e-mail address, so no managingEditor.
        #expect(!xml.contains("managingEditor"))
    }

    @Test func lastBuildDateIsTheNewestChangeNotTheClock() {
        // The hostile entry was updated an hour after 14:05.
        #expect(xml.contains("<lastBuildDate>Sat, 21 Nov 2026 15:05:00 +0000</lastBuildDate>"))
    }

    @Test func itemFields() {
        #expect(xml.contains(#"<guid isPermaLink="true">https://example.org/blog/posts/hostile/</guid>"#))
        #expect(xml.contains("<pubDate>Sat, 21 Nov 2026 14:05:00 +0000</pubDate>"))
        #expect(xml.contains("<pubDate>Fri, 20 Nov 2026 14:05:00 +0000</pubDate>"))
        #expect(xml.contains("<category>R&amp;D</category>"))
        #expect(xml.contains("<category>&lt;b&gt;</category>"))
        #expect(!xml.contains("<category></category>"))
        #expect(xml.contains("<author>grace@example.org</author>"))
        #expect(xml.contains("<dc:creator>Grace Hopper</dc:creator>"))
        // Falls back to the channel's author when the entry has none.
        #expect(xml.contains("<dc:creator>Ada Lovelace</dc:creator>"))
        // Escaped as HTML (readers render description as HTML), then as XML; NUL became U+FFFD.
        #expect(
            xml.contains(
                "<description>A summary with &amp;lt;b&amp;gt;tags&amp;lt;/b&amp;gt;, &amp;amp; ampersands, ]]&amp;gt; and \u{FFFD}nulls.</description>"
            ))
        #expect(xml.components(separatedBy: "<description>").count == 1 + 1 + 2)  // channel + two non-empty summaries
    }

    @Test func contentHasAbsoluteLinksEscapedAsText() {
        #expect(xml.contains(#"&lt;a href="https://example.org/blog/posts/second/"&gt;the second post&lt;/a&gt;"#))
        #expect(xml.contains(##"href="https://example.org/blog/posts/hostile/#fn1""##))
        #expect(
            xml.contains(
                #"srcset="https://example.org/blog/posts/hostile/chart.svg 1x, https://example.org/blog/posts/hostile/chart@2x.png 2x""#))
        #expect(xml.contains(#"alt="loss &amp;amp; accuracy""#))
        #expect(xml.contains(#"poster="https://example.org/blog/posts/third/p.jpg""#))
        // Code that merely looks like markup stays escaped text, and its "]]>" is harmless.
        #expect(xml.contains(#"&lt;code&gt;if a ]]&gt; b &amp;amp;&amp;amp; c &amp;lt; d { href="x" }&lt;/code&gt;"#))
        #expect(xml.contains("mailto:a@example.org"))
    }

    /// The site builder may make links absolute before handing the HTML over; doing it twice changes nothing.
    @Test func contentAlreadyMadeAbsoluteGivesTheSameFeed() {
        let preRewritten = FeedFixtures.entries.map { entry in
            var copy = entry
            copy.contentHTML = AbsoluteLinks.rewrite(entry.contentHTML, base: entry.url)
            return copy
        }
        #expect(RSSFeed.render(channel: FeedFixtures.channel, entries: preRewritten) == xml)
        #expect(
            AtomFeed.render(channel: FeedFixtures.channel, entries: preRewritten)
                == AtomFeed.render(channel: FeedFixtures.channel, entries: FeedFixtures.entries))
    }

    @Test func sameInputSameBytes() {
        #expect(RSSFeed.render(channel: FeedFixtures.channel, entries: FeedFixtures.entries) == xml)
    }
}
