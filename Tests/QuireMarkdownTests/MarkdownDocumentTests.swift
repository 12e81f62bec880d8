import QuireDiagnostics
import Testing

@testable import QuireMarkdown

@Suite struct MarkdownDocumentTests {
    let names: Set<String> = ["query", "analysis", "chart", "table"]

    @Test func directivesAreFoundWithTheirFileLocationAndReplaced() {
        let markdown = """
            Intro.

            ```query losses
            SELECT 1
            ```

            ```python
            print(1)
            ```

                ```chart
                indented code, not a directive

            ~~~chart
            data: losses
            ~~~
            """
        let document = MarkdownDocument(markdown, path: "content/posts/a.md", lineOffset: 4, directiveNames: names)
        #expect(document.directives.map(\.name) == ["query", "chart"])
        #expect(document.directives[0].argument == "losses")
        #expect(document.directives[0].body == "SELECT 1\n")
        #expect(document.directives[0].location == SourceLocation(path: "content/posts/a.md", line: 7, column: 1))
        #expect(document.directives[0].bodyLocation.line == 8)
        #expect(document.directives[1].location.line == 18)
        let html = document.render(directiveHTML: ["<div>Q</div>", "<figure>C</figure>"], inlineValues: [])
        #expect(html.contains("<div>Q</div>"))
        #expect(html.contains("<figure>C</figure>"))
        #expect(html.contains("<code class=\"language-python\"><span class=\"nb\">print</span>"))
        #expect(html.contains("```chart\nindented code"))
        #expect(!html.contains("SELECT 1"))
    }

    @Test func inlineValuesAreEvaluatedInProseButNotInCode() {
        let markdown = """
            Loss fell to {{ losses.loss | min }} by the end.

            `{{ not.this }}` and \\{{ literal }} and | table |

            ```
            {{ nor.this }}
            ```
            """
        let document = MarkdownDocument(markdown, path: "p.md", lineOffset: 2, directiveNames: names)
        // Code is skipped by the scan, so only the prose value is an expression.
        #expect(document.inlineExpressions.map(\.expression) == [" losses.loss | min "])
        #expect(document.inlineExpressions[0].location == SourceLocation(path: "p.md", line: 3, column: 14))
        let html = document.render(directiveHTML: [], inlineValues: ["<0.25>"])
        #expect(html.contains("Loss fell to &lt;0.25&gt; by the end."))
        #expect(html.contains("<code>{{ not.this }}</code>"))
        #expect(html.contains("and {{ literal }} and"))
        #expect(html.contains("<pre><code>{{ nor.this }}\n</code></pre>"))
    }

    @Test func inlineValueInsideATableCellKeepsTheTable() {
        let markdown = """
            | metric | value |
            | --- | --- |
            | best | {{ s.r2 | max | fmt ".2f" }} |
            """
        let document = MarkdownDocument(markdown, path: "p.md")
        let html = document.render(directiveHTML: [], inlineValues: ["0.97"])
        #expect(html.contains("<td>0.97</td>"))
    }

    @Test func headingsGetStableUniqueIDs() {
        let markdown = "# Intro\n\n## Results\n\n## Results\n\n### Why 2 > 1?\n\n## fn-1\n"
        let document = MarkdownDocument(markdown, path: "p.md")
        #expect(document.headings.map(\.id) == ["intro", "results", "results-1", "why-2--1", "section-fn-1"])
        let html = document.render(directiveHTML: [], inlineValues: [])
        #expect(html.contains("<h2 id=\"results-1\">Results</h2>"))
        #expect(html.contains("<h3 id=\"why-2--1\">Why 2 &gt; 1?</h3>"))
    }

    /// ASCII headings take a byte-by-byte way to their id; it must give
    /// what the Character-by-Character way gives (GitHub's ids, as in
    /// github-slugger's fixtures), and other text still takes that way.
    @Test func asciiAndOtherHeadingsGetGitHubsIDs() {
        var ids = HeadingIDs()
        let made = [
            "Hello World", "UPPER_case-Dash", "C++ & C#: 10 tips!", "  spaced  out ", "\t tab\r\n", "?!", "Café au lait",
            "Ünïcödé 2", "日本語 見出し", "Hello World",
        ].map { ids.make(from: $0) }
        #expect(
            made == [
                "hello-world", "upper_case-dash", "c--c-10-tips", "--spaced--out-", "-tab", "section", "café-au-lait", "ünïcödé-2",
                "日本語-見出し", "hello-world-1",
            ])
    }

    @Test func backslashEscapesApplyOnce() {
        let html = MarkdownDocument("First off-cycle \\[brb:...\\] marker.\n", path: "p.md").render(directiveHTML: [], inlineValues: [])
        #expect(html == "<p>First off-cycle [brb:...] marker.</p>\n")
    }

    @Test func footnotesTablesTaskListsAndDetailsRender() {
        let markdown = """
            Claim.[^1]

            - [x] done
            - [ ] open

            <details><summary>More</summary>

            Hidden *text*.

            </details>

            ~~gone~~ www.example.org

            [^1]: Source.
            """
        let html = MarkdownDocument(markdown, path: "p.md").render(directiveHTML: [], inlineValues: [])
        #expect(html.contains("class=\"footnotes\""))
        #expect(html.contains("type=\"checkbox\" checked=\"\" disabled=\"\""))
        #expect(html.contains("<details><summary>More</summary>"))
        #expect(html.contains("<em>text</em>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"))
    }

    @Test func firstParagraphIsOfferedForSummaries() {
        let document = MarkdownDocument("# Title\n\nThe *first* point, {{ a.b }}.\n\nSecond.\n", path: "p.md")
        #expect(document.firstParagraphHTML(inlineValues: ["42"]) == "<p>The <em>first</em> point, 42.</p>")
        #expect(!document.render(directiveHTML: [], inlineValues: ["42"]).contains("\u{E000}"))
    }

    @Test func hostileInputNeverCrashes() {
        for markdown in [
            "", "{{", "{{}}", "}} {{", "\u{E000}V9\u{E001}", "```chart", "\0\0", String(repeating: "[", count: 5000), "{{ a }} {{ b",
            "\u{E000}D0\u{E001}",
        ] {
            let document = MarkdownDocument(markdown, path: "p.md", directiveNames: names)
            _ = document.render(directiveHTML: [], inlineValues: [])
        }
    }
}
