import Foundation
import Testing

@testable import QuireFeeds

/// Data that reaches a feed reader: an RSS `description` is HTML by the spec,
/// so a plain-text summary must be escaped as HTML and then as XML.
@Suite struct AdversarialFeedTests {
    struct Read: Decodable {
        var text: String
        var tags: [String]
    }

    /// Python's XML parser takes off the XML escaping; its HTML parser then
    /// lists any element a reader would render, and html.unescape gives the
    /// text a reader shows.
    static let script = #"""
        import html, json, sys, xml.etree.ElementTree as ET
        from html.parser import HTMLParser

        class Tags(HTMLParser):
            def __init__(self):
                super().__init__()
                self.tags = []
            def handle_starttag(self, tag, attrs):
                self.tags.append(tag)

        root = ET.parse(sys.argv[1]).getroot()
        item = root.find("channel/item")
        text = item.find("description").text
        parser = Tags()
        parser.feed(text)
        print(json.dumps({"text": html.unescape(text), "tags": parser.tags}))
        """#

    @Test(arguments: [
        "Loss fell <img src=x onerror=alert(1)> after warmup",
        "a <script>alert('x')</script> & <b>bold</b> &amp; ]]> end",
        "&lt;img src=x onerror=alert(1)&gt; already looks escaped",
    ])
    func summaryWithMarkupArrivesInRSSDescriptionAsTextNotHTML(_ summary: String) throws {
        let entry = FeedEntry(
            title: "T", url: "https://example.org/p/", published: FeedFixtures.saturday, updated: nil,
            summary: summary, contentHTML: "<p>x</p>", author: nil, tags: [])
        let xml = RSSFeed.render(channel: FeedFixtures.channel, entries: [entry])
        let read: Read = try PythonCheck.run(Self.script, on: [xml])
        #expect(read.tags.isEmpty)
        #expect(read.text == summary)
    }
}
