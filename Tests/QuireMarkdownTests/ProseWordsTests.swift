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

    /// The counter reads ASCII eight bytes at a time: random text, cut into
    /// literals at random, with the bytes on either side of each class's
    /// range, counted against Unicode's own properties scalar by scalar.
    @Test func wordsCountedInBulkAreWordsCountedOneByOne() {
        let alphabet: [String] = [
            "a", "z", "A", "Z", "0", "9", "q", "M", "5", " ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{08}", "\u{0E}", "\u{1F}",
            "!", "/", ":", "@", "[", "`", "{", "~", "\u{7F}", "\u{01}", "-", ".", "é", "\u{00A0}", "東", "\u{3000}", "٣",
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            // SplitMix64: a fixed sequence, so a failure can be run again.
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        for round in 0..<2_000 {
            // Mostly letters and spaces, as prose is, in some rounds nothing but.
            let plain = round % 3 == 0
            let pieces = (0..<next(4) + 1).map { _ in
                (0..<next(90)).map { _ in plain ? (next(5) == 0 ? " " : "e") : alphabet[next(alphabet.count)] }.joined()
            }
            var counter = ProseWords.WordCounter()
            for piece in pieces { piece.withCString { counter.read($0) } }
            var expected = 0
            var inWord = false
            for scalar in pieces.joined().unicodeScalars {
                if scalar.properties.isWhitespace {
                    inWord = false
                } else if !inWord, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    expected += 1
                    inWord = true
                }
            }
            #expect(counter.count == expected, "\(pieces)")
        }
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
