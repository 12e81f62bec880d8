import Testing

@testable import QuireMarkdown

/// Highlighted fenced code, GitHub alerts and sidenotes at the Markdown layer.
@Suite struct CodeCalloutSidenoteTests {
    func page(_ markdown: String, values: [String] = [], sidenotes: Bool = true) -> String {
        MarkdownDocument(markdown, path: "a.md", directiveNames: ["chart"]).render(
            directiveHTML: ["<figure>C</figure>"], inlineValues: values, sidenotes: sidenotes)
    }

    @Test func fencedCodeIsColouredDirectivesAndIndentedCodeAreNot() {
        let html = page("```python\nx = 1  # one\n```\n\n```chart\ndata: x\n```\n\n    indented = 1\n\n```\nno language\n```\n")
        #expect(
            html.contains(
                #"<pre><code class="language-python">x <span class="o">=</span> <span class="m">1</span>  <span class="c"># one</span>"#
            ))
        #expect(html.contains("<figure>C</figure>"))
        #expect(html.contains("<pre><code>indented = 1\n</code></pre>"))
        #expect(html.contains("<pre><code>no language\n</code></pre>"))
    }

    @Test func codeKeepsInlineValueAndMathSyntaxLiterally() {
        let html = page("```python\nprint(\"{{ x }} costs $5 and $6\")\n```\n")
        #expect(html.contains("{{ x }} costs $5 and $6"))
    }

    @Test func alertsBecomeTitledBoxes() {
        let html = page("> [!Important]\n> Read *this*.\n>\n> - a list\n")
        #expect(
            html
                == "<div class=\"callout callout-important\">\n<p class=\"callout-title\"><strong>Important</strong></p>\n<p>Read <em>this</em>.</p>\n<ul>\n<li>a list</li>\n</ul>\n</div>\n"
        )
        // The marker alone in its paragraph.
        #expect(
            page("> [!CAUTION]\n\n> x\n").hasPrefix(
                "<div class=\"callout callout-caution\">\n<p class=\"callout-title\"><strong>Caution</strong></p>\n</div>\n"))
        // Not alerts: an unknown kind, text after the marker on its line, a marker not first, a nested quote stays a quote inside.
        #expect(page("> [!FOO]\n> x\n").hasPrefix("<blockquote>\n<p>[!FOO]"))
        #expect(page("> [!NOTE] inline\n").hasPrefix("<blockquote>"))
        #expect(page("> text\n> [!NOTE]\n").hasPrefix("<blockquote>"))
        let nested = page("> [!NOTE]\n> > [!TIP]\n> > inner\n")
        #expect(nested.contains("callout-note") && nested.contains("callout-tip"))
    }

    @Test func footnotesGetOneSidenoteOnThePageAndNoneInTheFeed() {
        let markdown =
            "Text.[^a] More.[^b] Again.[^a]\n\n[^a]: One with $x^2$ and {{ v }}.\n\n    Second paragraph.\n[^b]: A list:\n\n    - i\n"
        let document = MarkdownDocument(markdown, path: "a.md")
        #expect(document.hasSidenotes)
        let html = document.render(directiveHTML: [], inlineValues: ["42"])
        let feed = document.render(directiveHTML: [], inlineValues: ["42"], sidenotes: false)
        #expect(html.components(separatedBy: "class=\"sidenote\"").count == 2)
        #expect(html.contains("<span class=\"sidenote\"><span class=\"sidenote-number\">1</span> One with <math"))
        #expect(html.contains("and 42.<br>Second paragraph.</span>"))
        #expect(!html.contains("\u{E000}"))
        #expect(!feed.contains("sidenote\"") && !feed.contains("\u{E000}"))
        // The feed is the page less the copies, and less the class that hides a copied note's item at the end.
        let copy = html[html.range(of: "<span class=\"sidenote\">")!.lowerBound...]
        let copyEnd = copy.range(of: "Second paragraph.</span>")!.upperBound
        #expect(html.contains("<li id=\"fn-a\" class=\"sidenoted\">") && feed.contains("<li id=\"fn-a\">"))
        #expect(
            html.replacingCharacters(in: copy.startIndex..<copyEnd, with: "").replacingOccurrences(of: " class=\"sidenoted\"", with: "")
                == feed)
        // A summary never carries the copy.
        #expect(document.firstParagraphHTML(inlineValues: ["42"])?.contains("sidenote") == false)
    }

    /// Highlighted code reaches the page through a token (cmark never copies it): a
    /// footnote holding some is a block, so it stays at the end, coloured, and is not copied.
    @Test func aFootnoteWithHighlightedCodeIsNotCopied() {
        let markdown = "Text.[^c]\n\n```python\nx = 1\n```\n\n[^c]: Code:\n\n    ```python\n    def f(): pass\n    ```\n"
        let document = MarkdownDocument(markdown, path: "a.md")
        let html = document.render(directiveHTML: [], inlineValues: [])
        #expect(!html.contains("class=\"sidenote\""))
        #expect(
            html.contains(
                "<pre><code class=\"language-python\">x <span class=\"o\">=</span> <span class=\"m\">1</span>\n</code></pre>\n"
            ), "\(html)")
        #expect(
            html.contains("<li id=\"fn-c\">\n<p>Code:</p>\n<pre><code class=\"language-python\"><span class=\"k\">def</span>"),
            "\(html)")
        #expect(!html.contains("\u{E000}"))
    }

    @Test func documentsWithoutFootnotesHaveNoSidenotes() {
        #expect(!MarkdownDocument("Plain.\n", path: "a.md").hasSidenotes)
    }
}

/// The byte search sidenotes and summaries are found with.
@Suite struct ByteSearchTests {
    func find(_ needle: String, in text: String, from start: Int = 0) -> Range<Int>? {
        var text = text
        return text.withUTF8 { $0.firstRange(of: needle, from: start) }
    }

    @Test func findsTheFirstWholeMatchFromTheStart() {
        #expect(find("</a></sup>", in: "x</a></sup>y</a></sup>") == 1..<11)
        #expect(find("</a></sup>", in: "x</a></sup>y</a></sup>", from: 2) == 12..<22)
        #expect(find("ab", in: "aab") == 1..<3, "a partial match just before does not hide it")
        #expect(find("ab", in: "xab") == 1..<3, "a match that ends the text")
        #expect(find("ab", in: "xa") == nil && find("abc", in: "ab") == nil && find("ab", in: "") == nil)
        #expect(find("é", in: "café") == 3..<5, "offsets are UTF-8 bytes")
        #expect(find("a", in: "ab", from: 3) == nil, "a start past the end finds nothing")
    }

    /// The search waits on the needle's least common byte (`#`, `q`, a digit),
    /// wherever it sits in the needle: the match found is still the first.
    @Test func findsMatchesByTheirRarestByte() {
        #expect(find("<a href=\"#fn", in: "#<a href=\"#<a href=\"#fn") == 11..<23)
        #expect(find("ab#", in: "#ab#ab#") == 1..<4, "a rare byte before the start of a match")
        #expect(find("q<q", in: "q<q<q") == 0..<3)
        #expect(find("<li id=\"fn-2\">", in: "<li id=\"fn-1\"><li id=\"fn-2\">", from: 1) == 14..<28)
        #expect(find("x2", in: "2x2", from: 1) == 1..<3)
        #expect(find("x2", in: "2x", from: 0) == nil)
    }

    @Test func slicesByByteOffsets() {
        #expect("café au lait".utf8Slice(6, 8) == "au")
        #expect("café".utf8Slice(0, 3) == "caf")
    }
}
