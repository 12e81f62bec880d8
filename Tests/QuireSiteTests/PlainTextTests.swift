import Testing

@testable import QuireSite

/// Worked out by hand. (Words are counted on the syntax tree: ProseWordsTests.)
@Suite struct PlainTextTests {
    @Test func plainTextDropsTagsAndDecodesEntities() {
        #expect(PlainText.from(html: "<p>Fish &amp; chips,\n  <em>&lt;hot&gt;</em></p>") == "Fish & chips, <hot>")
        #expect(PlainText.truncate("one two three", to: 7) == "one…")
    }
}
