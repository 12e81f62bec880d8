import Foundation

@testable import QuireFeeds

/// Sample channel and entries shared by the feed tests, including hostile text.
enum FeedFixtures {
    static let channel = FeedChannel(
        title: "Lab notes & <experiments>", siteURL: "https://example.org/blog/",
        description: "Training logs, \"essays\" and 'writeups'", language: "en", author: "Ada Lovelace",
        rssURL: "https://example.org/blog/feed.xml", atomURL: "https://example.org/blog/atom.xml")

    /// 2026-11-21T14:05:00Z (python: datetime(2026,11,21,14,5,tzinfo=timezone.utc).timestamp()).
    static let saturday = Date(timeIntervalSince1970: 1_795_269_900)

    static let hostileTitle = "<script>alert('x')</script> & \"quotes\" ]]> \u{1}\u{8}\u{B}ctrl Grüße 東京 🚀"
    /// What a reader should see: each control character becomes U+FFFD.
    static let hostileTitleAsRead = "<script>alert('x')</script> & \"quotes\" ]]> \u{FFFD}\u{FFFD}\u{FFFD}ctrl Grüße 東京 🚀"

    static let entries: [FeedEntry] = [
        FeedEntry(
            title: hostileTitle, url: "https://example.org/blog/posts/hostile/",
            published: saturday, updated: saturday.addingTimeInterval(3600),
            summary: "A summary with <b>tags</b>, & ampersands, ]]> and \u{0}nulls.",
            contentHTML: """
                <p>See <a href="../second/">the second post</a> and <a href="#fn1">a note</a>.</p>
                <img src="chart.svg" alt="loss &amp; accuracy" srcset="chart.svg 1x, chart@2x.png 2x">
                <pre><code>if a ]]> b &amp;&amp; c &lt; d { href="x" }</code></pre>
                <p>\u{7}bell and CDATA end ]]> in text</p>
                """,
            author: nil, tags: ["ml", "R&D", "<b>", ""]),
        FeedEntry(
            title: "Second post", url: "https://example.org/blog/posts/second/",
            published: saturday.addingTimeInterval(-86_400), updated: nil,
            summary: "Plain.", contentHTML: #"<p><a href="/blog/">Home</a> <a href="mailto:a@example.org">mail</a></p>"#,
            author: "grace@example.org", tags: []),
        FeedEntry(
            title: "Third, with an empty summary", url: "https://example.org/blog/posts/third/",
            published: saturday.addingTimeInterval(-2 * 86_400), updated: nil,
            summary: "", contentHTML: #"<video poster="p.jpg" src='v.mp4'></video>"#,
            author: "Grace Hopper", tags: ["essays"]),
    ]
}
