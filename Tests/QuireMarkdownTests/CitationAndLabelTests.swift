import QuireDiagnostics
import Testing

@testable import QuireMarkdown

/// Pandoc's citation syntax, labels and image figures as the Markdown layer finds them.
@Suite struct CitationAndLabelTests {
    func document(_ markdown: String) -> MarkdownDocument {
        MarkdownDocument(
            markdown, path: "p.md", lineOffset: 3, directiveNames: ["chart", "table"],
            numberedDirectives: ["chart": .figure, "table": .table])
    }

    @Test func everyCitationForm() {
        let doc = document(
            """
            One [@kaplan2020]. Two [@kaplan2020, p. 4]. Three [see @a; -@b, chap. 2].
            Narrative @smith:2019 says, and @smith [p. 7] too.
            """)
        let items = doc.citations.map(\.items)
        #expect(doc.citations.map(\.bracketed) == [true, true, true, false, false])
        #expect(items[0] == [.init(key: "kaplan2020", prefix: "", suffix: "", suppressAuthor: false)])
        #expect(items[1] == [.init(key: "kaplan2020", prefix: "", suffix: ", p. 4", suppressAuthor: false)])
        #expect(
            items[2] == [
                .init(key: "a", prefix: "see", suffix: "", suppressAuthor: false),
                .init(key: "b", prefix: "", suffix: ", chap. 2", suppressAuthor: true),
            ])
        // Trailing punctuation is not part of a key; inner punctuation is.
        #expect(items[3] == [.init(key: "smith:2019", prefix: "", suffix: "", suppressAuthor: false)])
        #expect(items[4] == [.init(key: "smith", prefix: "", suffix: "p. 7", suppressAuthor: false)])
        #expect(doc.citations[0].location == SourceLocation(path: "p.md", line: 4, column: 5))
        #expect(doc.citations[3].location == SourceLocation(path: "p.md", line: 5, column: 11))
        let html = doc.render(
            directiveHTML: [], inlineValues: [],
            references: ResolvedReferences(citations: ["(K 2020)", "(K 2020, p. 4)", "(see A; B)", "S (2019)", nil]))
        #expect(html == "<p>One (K 2020). Two (K 2020, p. 4). Three (see A; B).\nNarrative S (2019) says, and @smith [p. 7] too.</p>\n")
    }

    @Test func notCitations() {
        let doc = document(
            """
            Mail me@example.org, see [@link](https://x.org) and [text][@ref], a [^note] and [brackets @ in text].
            `[@code]` and `@code`, a path /users/@me, \\@escaped.

            ```
            [@fenced] @fenced
            ```

                [@indented]

            [^note]: Footnote.
            [@ref]: https://example.org
            """)
        // The scan cannot tell an indented code block; the document drops what it finds there.
        #expect(doc.citations.allSatisfy { $0.items.isEmpty })
        let html = doc.render(directiveHTML: [], inlineValues: [])
        #expect(html.contains("<code>[@code]</code> and <code>@code</code>"))
        #expect(html.contains("[@fenced] @fenced"))
        #expect(html.contains("[@indented]"))
        #expect(html.contains("<a href=\"mailto:me@example.org\">me@example.org</a>"))
        #expect(html.contains("<a href=\"https://x.org\">@link</a>"))
        #expect(html.contains("@escaped"))
    }

    @Test func headingLabelsBecomeIds() {
        let doc = document("# Intro\n\n## Results and methods {#sec-results}\n\n## Results and methods\n")
        #expect(doc.headings.map(\.id) == ["intro", "sec-results", "results-and-methods"])
        #expect(doc.headings[1].text == "Results and methods")
        #expect(
            doc.labels == [
                LabelTarget(
                    label: "sec-results", kind: .section, number: nil, title: "Results and methods",
                    location: SourceLocation(path: "p.md", line: 6, column: 1))
            ])
        #expect(doc.render(directiveHTML: [], inlineValues: []).contains("<h2 id=\"sec-results\">Results and methods</h2>"))
    }

    @Test func figuresAreNumberedInDocumentOrderWithCharts() {
        let doc = document(
            """
            ![First *image*](a.png)

            ```chart
            data: x
            ```

            ![Second](b.png "A title"){#fig-second}

            ```table
            data: t
            ```

            Text with ![an inline image](c.png) is no figure.

            ```chart
            data: y
            ```
            """)
        #expect(doc.directiveNumbers == [2, 1, 4])
        #expect(doc.imageFigures.map(\.number) == [1, 3])
        #expect(doc.imageFigures.map(\.anchor) == ["fig-1", "fig-second"])
        #expect(doc.imageFigures.map(\.source) == ["a.png", "b.png"])
        #expect(doc.labels.map(\.label) == ["fig-1", "fig-second"])
        #expect(doc.imageFigures[1].location.line == 10)
        let html = doc.render(
            directiveHTML: ["C1", "T1", "C2"], inlineValues: [],
            references: ResolvedReferences(imageAttributes: [" width=\"2\" height=\"1\"", " loading=\"lazy\""]))
        #expect(
            html.contains(
                """
                <figure class="image-figure" id="fig-1"><img src="a.png" alt="First image" width="2" height="1"><figcaption><span class="figure-number">Figure 1.</span> First <em>image</em></figcaption></figure>
                """))
        #expect(
            html.contains(
                """
                <figure class="image-figure" id="fig-second"><img src="b.png" alt="Second" title="A title" loading="lazy"><figcaption><span class="figure-number">Figure 3.</span> Second</figcaption></figure>
                """))
        #expect(html.contains("<p>Text with <img src=\"c.png\" alt=\"an inline image\" /> is no figure.</p>"))
    }

    @Test func imageLabelOfTheWrongKindIsAnError() {
        let doc = document("![x](a.png){#tbl-nope}\n")
        #expect(doc.diagnostics.count == 1)
        #expect(doc.diagnostics.first?.location == SourceLocation(path: "p.md", line: 4, column: 1))
        #expect(doc.diagnostics.first?.message.contains("must start with 'fig-'") == true)
    }

    @Test func labelledEquationsAreNumberedOnTheRight() {
        let doc = document(
            """
            $$a = b$$ {#eq-first}

            Unlabelled: $$c$$

            $$
            e = mc^2
            $$ {#eq-energy}
            """)
        #expect(doc.labels.map(\.label) == ["eq-first", "eq-energy"])
        #expect(doc.labels.map(\.number) == [1, 2])
        #expect(doc.labels[1].location.line == 8)
        let html = doc.render(directiveHTML: [], inlineValues: [])
        #expect(html.contains("<span class=\"equation\" id=\"eq-first\"><math display=\"block\">"))
        #expect(html.contains("<span class=\"equation-number\">(2)</span></span>"))
        #expect(!html.contains("{#eq"))
        #expect(html.components(separatedBy: "equation-number").count == 3)
    }

    @Test func referenceText() {
        #expect(LabelTarget(label: "eq-x", kind: .equation, number: 3, location: SourceLocation(path: "p")).referenceText == "Equation (3)")
        #expect(LabelTarget(label: "tbl-x", kind: .table, number: 1, location: SourceLocation(path: "p")).referenceText == "Table 1")
        #expect(LabelKind.figure.problem(with: "fig-ok_1") == nil)
        #expect(LabelKind.figure.problem(with: "loss") != nil)
        #expect(LabelKind.table.problem(with: "tbl-a b") != nil)
    }
}
