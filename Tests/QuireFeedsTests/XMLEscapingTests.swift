import QuireDiagnostics
import Testing

@testable import QuireFeeds

@Suite struct XMLEscapingTests {
    @Test func escapesMarkupCharactersInText() {
        #expect(
            HTMLText.escape(#"<a href="x">Tom & 'Jerry'</a>"#, for: .xmlText)
                == #"&lt;a href="x"&gt;Tom &amp; 'Jerry'&lt;/a&gt;"#)
    }

    @Test func escapesQuotesAndWhitespaceInAttributes() {
        #expect(HTMLText.escape("a\"b'c&d<e>\tf\ng", for: .xmlAttribute) == "a&quot;b'c&amp;d&lt;e&gt;&#9;f&#10;g")
    }

    @Test func cdataTerminatorCannotSurvive() {
        #expect(HTMLText.escape("a]]>b", for: .xmlText) == "a]]&gt;b")
    }

    @Test func replacesCharactersXMLForbidsOrDiscouragesWithReplacementCharacter() {
        let hostile = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{7F}h\u{85}i\u{FFFE}j\u{FFFF}k"
        let replaced = "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h\u{FFFD}i\u{FFFD}j\u{FFFD}k"
        #expect(HTMLText.escape(hostile, for: .xmlText) == replaced)
        #expect(HTMLText.escape(hostile, for: .xmlAttribute) == replaced)
    }

    @Test func keepsWhitespaceAndNonASCII() {
        #expect(HTMLText.escape("tab\there\nnew line", for: .xmlText) == "tab\there\nnew line")
        #expect(HTMLText.escape("crlf\r\n", for: .xmlText) == "crlf&#13;\n")
        #expect(HTMLText.escape("Grüße — 東京 🚀 \u{A0}", for: .xmlText) == "Grüße — 東京 🚀 \u{A0}")
    }

    @Test func emptyStaysEmpty() {
        #expect(HTMLText.escape("", for: .xmlText) == "")
    }
}
