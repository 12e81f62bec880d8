import Foundation
import Testing

@testable import QuireFeeds

/// The one attribute scanner, read directly: which attributes of which tags
/// it reports, and where. Expected values worked out by hand from the WHATWG
/// tokenizer (tag open, attribute name/value states, comment, raw text).
@Suite struct HTMLAttributeScannerTests {
    /// Each attribute as (name as written, value as written, quoted).
    static func attributes(_ html: String) -> [(String, String, Bool)] {
        var found: [(String, String, Bool)] = []
        var bytes = Array(html.utf8)
        bytes.withUnsafeMutableBufferPointer { mutable in
            let bytes = UnsafeBufferPointer(mutable)
            HTMLAttributeScanner.forEachAttribute(in: bytes) { attribute in
                found.append(
                    (
                        String(decoding: bytes[attribute.name], as: UTF8.self), String(decoding: bytes[attribute.value], as: UTF8.self),
                        attribute.isQuoted
                    ))
            }
        }
        return found
    }

    static func names(_ html: String) -> [String] { attributes(html).map { "\($0.0)=\($0.1)\($0.2 ? "" : " unquoted")" } }

    @Test func readsEveryQuotingAndSpacing() {
        #expect(
            Self.names(#"<IMG SRC="a.png" alt='it"s' width=10 title = "t" hidden data-x="">"#)
                == ["SRC=a.png", "alt=it\"s", "width=10 unquoted", "title=t", "data-x="])
    }

    @Test func endTagsCommentsAndDeclarationsAreNotRead() {
        #expect(
            Self.names(#"<!DOCTYPE html><!-- <a href="c"> --><!--><p id="after-empty-comment"></p id="end">"#) == ["id=after-empty-comment"]
        )
        #expect(Self.names(#"<![CDATA[<a href="cdata">]]><?php echo "<a href='pi'>" ?><b id="b">"#) == ["id=b"])
    }

    @Test func rawTextElementsAreSkippedToTheirEndTagInAnyCase() {
        let html = #"<script src="s.js">let a = "<a href='x'>"; /* </scriptx> */</SCRIPT ><a href="after">"#
        #expect(Self.names(html) == ["src=s.js", "href=after"])
        #expect(Self.names(#"<textarea name="t"><a href="no"></textarea><i id="yes">"#) == ["name=t", "id=yes"])
        // No end tag: the rest is text.
        #expect(Self.names(#"<style>a[href="/x"]{}<a href="never">"#) == [])
    }

    /// A `>` inside a quoted value does not end the tag; a quote followed by a
    /// combining mark (one Swift Character) still ends the value.
    @Test func delimitersAreBytesNotCharacters() {
        #expect(Self.names("<a title='1>0' href=\"h\"\u{301} id=\"i\">") == ["title=1>0", "href=h", "id=i"])
        #expect(Self.names("<a href=\"\u{301}x\"/><br/ id=z>") == ["href=\u{301}x", "id=z unquoted"])
    }

    @Test func unterminatedInputEndsTheScan() {
        #expect(Self.names(#"<a href="open"#) == [])
        #expect(Self.names(#"<a id=x href="#) == ["id=x unquoted"])
        #expect(Self.names("<") == [] && Self.names("<a") == [] && Self.names("") == [])
    }

    @Test func namesAreComparedInAnyASCIICase() {
        var bytes = Array("HrEf hreff".utf8)
        bytes.withUnsafeMutableBufferPointer { mutable in
            let bytes = UnsafeBufferPointer(mutable)
            #expect(HTMLAttributeScanner.bytes(0..<4, in: bytes, spell: "href"))
            #expect(!HTMLAttributeScanner.bytes(5..<10, in: bytes, spell: "href"))
        }
    }

    /// `</span>` and `<span class="…">` are read by a shortcut; `SPAN` in
    /// capitals (the same element to a browser) takes the general path, so the
    /// two spellings of random documents must give the same attributes. The
    /// pieces are the shortcut's edges: a value holding `>`, a second
    /// attribute, single quotes, a value longer than the short search, no
    /// closing quote, a tag cut off by the end of input.
    @Test func spanTagsReadLikeAnyOtherTag() {
        let pieces = [
            #"<span class="k">"#, "</span>", #"<span class="a>b">"#, #"<span class="nf" id="x">"#, "<span class='q'>",
            #"<span class="a-very-long-class-name-here">"#, #"<span class="nv"/>"#, "</span >", "</spanx>", #"<span class=""#,
            #"<span classy="c">"#, "x = 1 &lt; 2", #"<a href="u">"#, #"<!-- <span class="c"> -->"#,
            #"<script>"<span class='s'>"</script>"#, "\n", "<", "",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var html = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            html = String(html.prefix(Int.random(in: 0...html.count, using: &generator)))
            let capitals = html.replacingOccurrences(of: "span", with: "SPAN")
            let read = Self.attributes(html).map { "\($0.0)=\($0.1)\($0.2)" }
            // A value that runs on over later tags holds them as written: spelled back for the comparison.
            let readInCapitals = Self.attributes(capitals).map { "\($0.0)=\($0.1)\($0.2)".replacingOccurrences(of: "SPAN", with: "span") }
            #expect(read == readInCapitals, "\(html)")
        }
        #expect(
            Self.names(#"<span class="k">if</span> <span class="a>b" id="i">x</span><span class='q'>"#)
                == ["class=k", "class=a>b", "id=i", "class=q"])
    }

    @Test func rawTextNameLengthsAreTheListsLengths() {
        let lengths = HTMLAttributeScanner.rawTextElements.reduce(UInt16(0)) { $0 | 1 << $1.utf8CodeUnitCount }
        #expect(HTMLAttributeScanner.rawTextNameLengths == lengths)
    }
}
