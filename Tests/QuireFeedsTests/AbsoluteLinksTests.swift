import Foundation
import Testing

@testable import QuireFeeds

@Suite struct AbsoluteLinksTests {
    static let base = "https://example.org/blog/posts/hello/"

    /// Expected values from Python's RFC 3986 resolver, not from this code:
    ///   from urllib.parse import urljoin
    ///   urljoin("https://example.org/blog/posts/hello/", ref)
    static let resolutions: [(reference: String, expected: String)] = [
        ("img.png", "https://example.org/blog/posts/hello/img.png"),
        ("./img.png", "https://example.org/blog/posts/hello/img.png"),
        ("../other/", "https://example.org/blog/posts/other/"),
        ("../../../../x", "https://example.org/x"),
        ("/x", "https://example.org/x"),
        ("?q=1", "https://example.org/blog/posts/hello/?q=1"),
        ("#fn1", "https://example.org/blog/posts/hello/#fn1"),
        ("//cdn.example.net/a.js", "https://cdn.example.net/a.js"),
        ("a/b/../c", "https://example.org/blog/posts/hello/a/c"),
        ("./", "https://example.org/blog/posts/hello/"),
        ("..", "https://example.org/blog/posts/"),
        (".", "https://example.org/blog/posts/hello/"),
        ("a?x=1&amp;y=2#f", "https://example.org/blog/posts/hello/a?x=1&amp;y=2#f"),
        ("/a/./b/../c/", "https://example.org/a/c/"),
    ]

    @Test(arguments: resolutions)
    func resolvesLikeRFC3986(_ sample: (reference: String, expected: String)) {
        let html = #"<a href="\#(sample.reference)">x</a>"#
        #expect(AbsoluteLinks.rewrite(html, base: Self.base) == #"<a href="\#(sample.expected)">x</a>"#)
    }

    /// urljoin("https://example.org/blog/p?x=1#top", "#f") → "https://example.org/blog/p?x=1#f"
    /// urljoin("https://example.org/blog/p?x=1#top", "?y") → "https://example.org/blog/p?y"
    @Test func baseWithQueryAndFragment() {
        let base = "https://example.org/blog/p?x=1#top"
        #expect(AbsoluteLinks.rewrite(##"<a href="#f">"##, base: base) == #"<a href="https://example.org/blog/p?x=1#f">"#)
        #expect(AbsoluteLinks.rewrite(#"<a href="?y">"#, base: base) == #"<a href="https://example.org/blog/p?y">"#)
    }

    static let keptAsWritten = [
        #"<a href="https://other.example/x?a=1&amp;b=2">"#,
        #"<a href="mailto:me@example.org">"#,
        #"<img src="data:image/svg+xml,%3Csvg%3E">"#,
        #"<a href="tel:+441234">"#,
        #"<a href="HTTP://EXAMPLE.ORG/">"#,
        #"<a href="">empty</a>"#,
        #"<a title="img.png" data-src="x.png" class="../y">"#,
        "<a>no attributes</a>",
    ]

    @Test(arguments: keptAsWritten)
    func leavesAbsoluteAndUnrelatedValuesAlone(_ html: String) {
        #expect(AbsoluteLinks.rewrite(html, base: Self.base) == html)
    }

    @Test func textAndCodeThatLookLikeAttributesAreNotTouched() {
        let html = """
            <p>Write href="img.png" to link.</p>
            <pre><code>&lt;a href="img.png"&gt;link&lt;/a&gt; src=x.png</code></pre>
            <code>&lt;img src='a.png'&gt;</code> a > b href="c"
            """
        #expect(AbsoluteLinks.rewrite(html, base: Self.base) == html)
    }

    @Test func commentsScriptsAndStylesAreNotTouched() {
        let html = """
            <!-- <a href="x.png"> --><!--><a href="real.html">
            <script>var s = '<img src="a.png">';</script>
            <style>/* <a href="b"> */</style>
            <textarea><img src="c.png"></textarea>
            <![CDATA[ <a href="d"> ]]><!DOCTYPE html>
            """
        // Only the link after the empty comment "<!-->" is real markup.
        let expected = html.replacingOccurrences(
            of: #"href="real.html""#, with: #"href="https://example.org/blog/posts/hello/real.html""#)
        #expect(AbsoluteLinks.rewrite(html, base: Self.base) == expected)
    }

    @Test func quotingStylesAndCase() {
        let cases: [(String, String)] = [
            (#"<A HREF='a.png'>"#, #"<A HREF='https://example.org/blog/posts/hello/a.png'>"#),
            (#"<img SRC=a.png alt=x>"#, #"<img SRC="https://example.org/blog/posts/hello/a.png" alt=x>"#),
            (#"<img src=a.png>"#, #"<img src="https://example.org/blog/posts/hello/a.png">"#),
            (#"<img src = "a.png" />"#, #"<img src = "https://example.org/blog/posts/hello/a.png" />"#),
            (
                #"<video poster="p.jpg" src='v.mp4'>"#,
                #"<video poster="https://example.org/blog/posts/hello/p.jpg" src='https://example.org/blog/posts/hello/v.mp4'>"#
            ),
            (#"<a title="a > b" href="x">"#, #"<a title="a > b" href="https://example.org/blog/posts/hello/x">"#),
            (#"<a href="  x  ">"#, #"<a href="https://example.org/blog/posts/hello/x">"#),
            (#"<a download href="x">"#, #"<a download href="https://example.org/blog/posts/hello/x">"#),
            (#"<a href=x"y>"#, #"<a href="https://example.org/blog/posts/hello/x&quot;y">"#),
            (
                ##"<svg><a href="#p"/><image href="i.png"/></svg>"##,
                #"<svg><a href="https://example.org/blog/posts/hello/#p"/><image href="https://example.org/blog/posts/hello/i.png"/></svg>"#
            ),
        ]
        for (html, expected) in cases {
            #expect(AbsoluteLinks.rewrite(html, base: Self.base) == expected, "\(html)")
        }
    }

    /// As in the HTML standard's srcset parser, a URL runs to the next white
    /// space, so "d.png,e.png" is one URL while "f.png, g.png" is two.
    @Test func srcsetCandidatesAreEachRewritten() {
        let html = #"<img srcset="a.png 1x, /b.png 2x,c.png 640w , data:image/png;base64,AAA= 3x,d.png,e.png f.png, g.png">"#
        let expected =
            #"<img srcset="https://example.org/blog/posts/hello/a.png 1x, https://example.org/b.png 2x,"#
            + #"https://example.org/blog/posts/hello/c.png 640w , data:image/png;base64,AAA= 3x,"#
            + #"https://example.org/blog/posts/hello/d.png,e.png f.png, https://example.org/blog/posts/hello/g.png">"#
        #expect(AbsoluteLinks.rewrite(html, base: Self.base) == expected)
    }

    @Test func brokenMarkupNeverCrashesAndKeepsTheRest() {
        let broken = [
            "<", "<a", "<a href", "<a href=", "<a href=\"x", "<a href='x", "</", "</a", "<!--", "<!", "<?",
            "<script>", "<a href=\"x\"", "<<a href=x>>", "<a =x href=y>", "<img srcset=\",,, ,\">", "a < b > c",
        ]
        for html in broken {
            let out = AbsoluteLinks.rewrite(html, base: Self.base)
            #expect(out.count >= html.count, "\(html)")
        }
        #expect(AbsoluteLinks.rewrite("<a href=\"x", base: Self.base) == "<a href=\"x")
        #expect(AbsoluteLinks.rewrite("<a href=x", base: Self.base) == "<a href=\"https://example.org/blog/posts/hello/x\"")
    }

    @Test func nonASCIIAroundAndInsideLinksSurvives() {
        let html = #"<p>Grüße 🚀</p><a href="bilder/straße.png">東京</a>"#
        #expect(
            AbsoluteLinks.rewrite(html, base: Self.base)
                == #"<p>Grüße 🚀</p><a href="https://example.org/blog/posts/hello/bilder/straße.png">東京</a>"#)
    }

    /// A character reference cannot hide URL syntax; unknown named references leave the value alone.
    static let characterReferences: [(html: String, expected: String)] = [
        (#"<a href="a?x=1&amp;y=2">"#, #"<a href="https://example.org/blog/posts/hello/a?x=1&amp;y=2">"#),
        (#"<a href="a?x=1&y=2">"#, #"<a href="https://example.org/blog/posts/hello/a?x=1&amp;y=2">"#),
        (#"<a href="&#47;x">"#, #"<a href="https://example.org/x">"#),
        (#"<a href="&#x2F;x">"#, #"<a href="https://example.org/x">"#),
        (#"<a href="mailto&#58;me@example.org">"#, #"<a href="mailto&#58;me@example.org">"#),
        (##"<a href="&#35;fn1">"##, ##"<a href="https://example.org/blog/posts/hello/#fn1">"##),
        (#"<a href="it&#39;s">"#, #"<a href="https://example.org/blog/posts/hello/it&#39;s">"#),
        (#"<a href='say&quot;hi'>"#, #"<a href='https://example.org/blog/posts/hello/say&quot;hi'>"#),
        (#"<a href="a&nbsp;b">"#, #"<a href="a&nbsp;b">"#),
        (#"<a href="a&amp">"#, #"<a href="a&amp">"#),
        (#"<a href="a&#;b">"#, #"<a href="a&#;b">"#),
        (#"<a href="a&#0;b">"#, #"<a href="a&#0;b">"#),
        (#"<a href="a&#x110000;">"#, #"<a href="a&#x110000;">"#),
        // Without HTML's full entity table "&b;" cannot be told from a real entity, so it is kept too.
        (#"<a href="a&b;c">"#, #"<a href="a&b;c">"#),
        (#"<a href="a&b=c">"#, #"<a href="https://example.org/blog/posts/hello/a&amp;b=c">"#),
        (
            #"<img srcset="a.png?x=1&amp;y=2 1x, https://cdn.example/b.png?p&amp;q 2x">"#,
            #"<img srcset="https://example.org/blog/posts/hello/a.png?x=1&amp;y=2 1x, https://cdn.example/b.png?p&amp;q 2x">"#
        ),
        (#"<img srcset="https://cdn.example/b.png?p&#38;q 2x">"#, #"<img srcset="https://cdn.example/b.png?p&#38;q 2x">"#),
    ]

    @Test(arguments: characterReferences)
    func characterReferencesInValues(_ sample: (html: String, expected: String)) {
        #expect(AbsoluteLinks.rewrite(sample.html, base: Self.base) == sample.expected)
    }

    @Test func whiteSpaceAroundNonASCIIURLsIsTrimmed() {
        #expect(
            AbsoluteLinks.rewrite("<a href=\" \n東京\t\">", base: Self.base)
                == #"<a href="https://example.org/blog/posts/hello/東京">"#)
        #expect(
            AbsoluteLinks.rewrite("<a href=\"é\u{301}\">", base: Self.base)
                == "<a href=\"https://example.org/blog/posts/hello/é\u{301}\">")
    }

    @Test func hostileBaseCannotBreakOutOfTheAttribute() {
        let out = AbsoluteLinks.rewrite(#"<a href="x">"#, base: #"https://e.org/a"b'c<d>&e f/"#)
        #expect(out == #"<a href="https://e.org/a%22b%27c%3Cd%3E&amp;e%20f/x">"#)
    }
}
