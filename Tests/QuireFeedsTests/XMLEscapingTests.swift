import Testing

@testable import QuireFeeds

@Suite struct XMLEscapingTests {
    @Test func escapesMarkupCharactersInText() {
        #expect(
            XMLEscaping.escape(#"<a href="x">Tom & 'Jerry'</a>"#)
                == #"&lt;a href="x"&gt;Tom &amp; 'Jerry'&lt;/a&gt;"#)
    }

    @Test func escapesQuotesAndWhitespaceInAttributes() {
        #expect(XMLEscaping.escapeAttribute("a\"b'c&d<e>\tf\ng") == "a&quot;b'c&amp;d&lt;e&gt;&#9;f&#10;g")
    }

    @Test func cdataTerminatorCannotSurvive() {
        #expect(XMLEscaping.escape("a]]>b") == "a]]&gt;b")
    }

    @Test func replacesCharactersXMLForbidsOrDiscouragesWithReplacementCharacter() {
        let hostile = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{7F}h\u{85}i\u{FFFE}j\u{FFFF}k"
        let replaced = "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h\u{FFFD}i\u{FFFD}j\u{FFFD}k"
        #expect(XMLEscaping.escape(hostile) == replaced)
        #expect(XMLEscaping.escapeAttribute(hostile) == replaced)
    }

    @Test func keepsWhitespaceAndNonASCII() {
        #expect(XMLEscaping.escape("tab\there\nnew line") == "tab\there\nnew line")
        #expect(XMLEscaping.escape("crlf\r\n") == "crlf&#13;\n")
        #expect(XMLEscaping.escape("Grüße — 東京 🚀 \u{A0}") == "Grüße — 東京 🚀 \u{A0}")
    }

    @Test func emptyStaysEmpty() {
        #expect(XMLEscaping.escape("") == "")
    }
}
