import Testing
@testable import QuireSite

/// Counted by hand: words are runs outside tags between ASCII white space.
@Suite struct PlainTextTests {
    @Test func wordsAreCountedOutsideTags() {
        #expect(PlainText.wordCount(html: "<p>Hello <em>big</em> world</p>") == 3)
        #expect(PlainText.wordCount(html: "<a href=\"x y z\" title='a b'>link</a>\ttext") == 2)
        #expect(PlainText.wordCount(html: "x<br>y") == 2, "a tag ends a word")
        #expect(PlainText.wordCount(html: "a > b") == 3, "a stray > is text")
        #expect(PlainText.wordCount(html: "naïve café — ok") == 4)
        #expect(PlainText.wordCount(html: " \n\r\t") == 0)
        #expect(PlainText.wordCount(html: "") == 0)
    }

    @Test func plainTextDropsTagsAndDecodesEntities() {
        #expect(PlainText.from(html: "<p>Fish &amp; chips,\n  <em>&lt;hot&gt;</em></p>") == "Fish & chips, <hot>")
        #expect(PlainText.truncate("one two three", to: 7) == "one…")
    }
}
