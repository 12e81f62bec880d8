import Testing

@testable import QuireMarkdown

/// Words and summaries come from the syntax tree. Every count here was made
/// by hand, block by block, in the comments.
@Suite struct ProseWordsTests {
    static let post = """
        Intro paragraph with *emphasised* words and a re*read* word.[^1]

        ```chart
        data: x
        x: label words in a chart
        ```

        ## Two words

        Some `inline code` here and math $x^2 + y$ done — see [@knuth].

        $$
        \\sum_{i=1}^n i = \\frac{n(n+1)}{2}
        $$

            indented code block words

        ```python
        print("not prose")
        ```

        | a | b |
        |---|---|
        | one | two |

        ![alt text words](img.png)

        Value {{ 1 + 1 }} percent.

        <div>raw html words</div>

        [^1]: Footnote text here.
        """

    @Test func onlyProseCounts() {
        let document = MarkdownDocument(Self.post, path: "p.md", directiveNames: ["chart"])
        // Intro paragraph with emphasised words and a reread word. → 9 (the footnote mark is none)
        // the chart → 0; "Two words" → 2
        // Some here and math done see → 6 (code, math, the dash and the citation are none)
        // display math, both code blocks → 0; table a b one two → 4
        // the lone image's alt text → 3: it is the figure's caption, shown under it
        // Value {{…}} percent. → 3 (the value is one); raw HTML → 0
        // Footnote text here. → 3, once, though sidenotes copy it beside the text
        #expect(document.wordCount == 9 + 2 + 6 + 4 + 3 + 3 + 3)
        #expect(document.hasSidenotes)
    }

    @Test func wordsJoinAcrossEmphasisButNotAcrossBlocks() {
        #expect(MarkdownDocument("re*read* and **bold**ly\n", path: "p.md").wordCount == 3)
        #expect(MarkdownDocument("- one\n- two\n\n> three\n", path: "p.md").wordCount == 3)
        #expect(MarkdownDocument("naïve café — ok 42\n", path: "p.md").wordCount == 4)
        #expect(MarkdownDocument("", path: "p.md").wordCount == 0)
    }

    /// Text from anywhere: words are read from cmark's bytes, so scripts, Unicode
    /// spaces and line endings must count as a reader counts them.
    @Test func wordsInAnyScriptAndSpacing() {
        // reread, and, struck: strikethrough joins like emphasis.
        #expect(MarkdownDocument("~~re~~read and struck\n", path: "p.md").wordCount == 3)
        // Привет, мир, 東京, 大阪: U+3000 (ideographic space) separates.
        #expect(MarkdownDocument("Привет мир 東京\u{3000}大阪\n", path: "p.md").wordCount == 4)
        // a, b (U+00A0 is white space), ٣ (an Arabic-Indic digit); the dash has no letter.
        #expect(MarkdownDocument("a\u{00A0}b — ٣\n", path: "p.md").wordCount == 3)
        // x, {{ 1 }}% (a value and its sign are one word), y.
        #expect(MarkdownDocument("x {{ 1 }}% y\n", path: "p.md").wordCount == 3)
        // one, two, three: Windows line endings.
        #expect(MarkdownDocument("one two\r\nthree\r\n", path: "p.md").wordCount == 3)
    }

    @Test func theSummaryIsTheFirstProseWithoutMarksOrChartText() throws {
        let markdown =
            "```chart\ntitle: Chart words\n```\n\nGrowth was {{ a.b }} with $x^2$ and `code`.[^n] More\ntext.\n\nSecond.\n\n[^n]: Note.\n"
        let document = MarkdownDocument(markdown, path: "p.md", directiveNames: ["chart"])
        let summary = try #require(document.summaryHTML(inlineValues: ["42"]))
        #expect(summary.hasPrefix("Growth was 42 with <math"), "math as MathML: a summary keeps its visible text")
        #expect(summary.hasSuffix("</math> and code. More text."), "no footnote number after 'code.'")
    }

    @Test func summaryTextIsEscaped() {
        let document = MarkdownDocument("Fish & \"chips\" <b>hot</b> 1 < 2\n", path: "p.md")
        #expect(document.summaryHTML(inlineValues: []) == "Fish &amp; &quot;chips&quot; hot 1 &lt; 2", "raw HTML tags are no text")
    }
}
