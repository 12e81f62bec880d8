import Foundation
import Testing

@testable import QuireFeeds

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every document must be well-formed XML to a strict parser (libxml2 via
/// XMLParser), including when fed hostile text.
@Suite struct WellFormednessTests {
    static let documents: [(name: String, xml: String)] = [
        ("rss", RSSFeed.render(channel: FeedFixtures.channel, entries: FeedFixtures.entries)),
        ("rss-empty", RSSFeed.render(channel: FeedFixtures.channel, entries: [])),
        ("atom", AtomFeed.render(channel: FeedFixtures.channel, entries: FeedFixtures.entries)),
        ("atom-empty", AtomFeed.render(channel: FeedFixtures.channel, entries: [])),
        (
            "sitemap",
            Sitemap.render([
                SitemapEntry(url: FeedFixtures.hostileTitle, lastModified: FeedFixtures.saturday),
                SitemapEntry(url: "https://example.org/", lastModified: nil),
            ])
        ),
    ]

    /// libxml2 through XMLParser catches bad characters, entities and mismatched tags.
    @Test(arguments: documents)
    func xmlParserAcceptsIt(_ document: (name: String, xml: String)) {
        let parser = XMLParser(data: Data(document.xml.utf8))
        let ok = parser.parse()
        #expect(ok, "\(document.name): \(String(describing: parser.parserError))")
    }

    /// Guards the check above: the same parser must reject what the escaping prevents.
    @Test(arguments: ["<a>\u{1}</a>", "<a>x & y</a>", "<a></b>", "<a>]]></a>", "<a>&nbsp;</a>"])
    func xmlParserRejectsBrokenXML(_ xml: String) {
        #expect(!XMLParser(data: Data(xml.utf8)).parse())
    }

    /// XMLParser here tolerates unclosed elements and several roots, so the
    /// documents also go through Python's expat, which is strict about both.
    static let expatScript = """
        import json, sys
        import xml.etree.ElementTree as ET
        errors = []
        for path in sys.argv[1:]:
            try:
                ET.parse(path)
                errors.append("")
            except ET.ParseError as error:
                errors.append(str(error) or "parse error")
        json.dump(errors, sys.stdout)
        """

    @Test func expatAcceptsEveryDocument() throws {
        let errors: [String] = try PythonCheck.run(Self.expatScript, on: Self.documents.map(\.xml))
        #expect(
            errors == Array(repeating: "", count: Self.documents.count),
            "\(zip(Self.documents.map(\.name), errors).filter { !$0.1.isEmpty })")
    }

    @Test func expatRejectsWhatXMLParserLetsThrough() throws {
        let errors: [String] = try PythonCheck.run(Self.expatScript, on: ["<a><b></a>", "<a><b>", "<a/><b/>", "<a>\u{1}</a>"])
        #expect(errors.allSatisfy { !$0.isEmpty }, "\(errors)")
    }
}
