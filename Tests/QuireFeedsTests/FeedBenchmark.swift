import Foundation
import Testing

@testable import QuireFeeds

/// Timing of the feed writers on a large site; off by default to keep the suite fast.
/// Run: QUIRE_BENCH=1 swift test -c release --filter FeedBenchmark
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QUIRE_BENCH"] == "1"))
struct FeedBenchmark {
    @Test func twentyLargePosts() {
        let chunk =
            #"<p>Text <a href="../x/">link</a> &amp; <img src="a.png" srcset="a.png 1x, b.png 2x">"#
            + #" <code>&lt;a href="y"&gt;</code></p><svg viewBox="0 0 9 9"><path d="M0 0L9 9"/><text>é</text></svg>"#
        let html = String(repeating: chunk + "\n", count: 2500)
        let entries = (0..<20).map { index in
            FeedEntry(
                title: "Post \(index)", url: "https://example.org/blog/posts/p\(index)/",
                published: Date(timeIntervalSince1970: Double(index) * 86_400), updated: nil,
                summary: "Summary", contentHTML: html, author: nil, tags: ["ml"])
        }
        let clock = ContinuousClock()
        var rss = ""
        var atom = ""
        let rssTime = clock.measure { rss = RSSFeed.render(channel: FeedFixtures.channel, entries: entries) }
        let atomTime = clock.measure { atom = AtomFeed.render(channel: FeedFixtures.channel, entries: entries) }
        print(
            "FeedBenchmark: 20 posts × \(html.utf8.count) bytes of HTML; RSS \(rss.utf8.count) bytes in \(rssTime), Atom \(atom.utf8.count) bytes in \(atomTime)"
        )
        #expect(rss.components(separatedBy: "<item>").count == 21)
        #expect(!rss.contains("href=\"../x/\""))
        #expect(!atom.contains("href=\"../x/\""))
    }
}
