import Foundation
import Testing

@testable import QuireFeeds

@Suite struct AtomFeedTests {
    let xml = AtomFeed.render(channel: FeedFixtures.channel, entries: FeedFixtures.entries)

    @Test func noEntriesGivesAFixedUpdatedDate() {
        let empty = AtomFeed.render(channel: FeedFixtures.channel, entries: [])
        #expect(empty.contains("<updated>1970-01-01T00:00:00Z</updated>"))
        #expect(!empty.contains("<entry>"))
        #expect(empty == AtomFeed.render(channel: FeedFixtures.channel, entries: []))
    }

    @Test func withoutAnyAuthorTheSiteTitleStandsIn() {
        var channel = FeedFixtures.channel
        channel.author = nil
        let feed = AtomFeed.render(channel: channel, entries: [])
        #expect(feed.contains("<author>\n    <name>Lab notes &amp; &lt;experiments&gt;</name>\n  </author>"))
    }

    @Test func controlCharactersAndCDATATerminatorNeverReachTheOutput() {
        #expect(xml.unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\n" })
        #expect(!xml.contains("]]>"))
    }

    @Test func feedHeader() {
        #expect(xml.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#))
        #expect(xml.contains("<id>https://example.org/blog/</id>"))
        #expect(xml.contains(#"<title type="text">Lab notes &amp; &lt;experiments&gt;</title>"#))
        #expect(xml.contains("<updated>2026-11-21T15:05:00Z</updated>"))
        #expect(xml.contains(#"<link rel="self" type="application/atom+xml" href="https://example.org/blog/atom.xml"/>"#))
        #expect(xml.contains(#"<link rel="alternate" type="text/html" href="https://example.org/blog/"/>"#))
        #expect(xml.contains("<name>Ada Lovelace</name>"))
    }

    @Test func entryFields() {
        #expect(xml.contains("<id>https://example.org/blog/posts/hostile/</id>"))
        #expect(xml.contains("<published>2026-11-21T14:05:00Z</published>\n    <updated>2026-11-21T15:05:00Z</updated>"))
        // An entry without `updated` reports its publication date.
        #expect(xml.contains("<published>2026-11-20T14:05:00Z</published>\n    <updated>2026-11-20T14:05:00Z</updated>"))
        #expect(xml.contains(#"<link rel="alternate" type="text/html" href="https://example.org/blog/posts/second/"/>"#))
        #expect(xml.contains(#"<category term="R&amp;D"/>"#))
        #expect(xml.contains("<name>Grace Hopper</name>"))
        #expect(xml.contains(#"<summary type="text">Plain.</summary>"#))
        #expect(
            xml.contains(
                #"<content type="html" xml:base="https://example.org/blog/posts/second/">"#
                    + #"&lt;p&gt;&lt;a href="https://example.org/blog/"&gt;Home&lt;/a&gt;"#))
    }

    @Test func sameInputSameBytes() {
        #expect(AtomFeed.render(channel: FeedFixtures.channel, entries: FeedFixtures.entries) == xml)
    }
}
