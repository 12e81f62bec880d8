import QuireDiagnostics
import Testing

@testable import QuireMarkdown

@Suite struct MathTests {
    func html(_ markdown: String) -> (String, [Diagnostic]) {
        let document = MarkdownDocument(markdown, path: "m.md", lineOffset: 3)
        return (document.render(directiveHTML: [], inlineValues: []), document.diagnostics)
    }

    @Test func inlineAndDisplayMathBecomeMathML() {
        let (page, problems) = html("Phase $\\phi_t = 2\\pi t / T$ here.\n\n$$\n\\sum_{i=1}^{n} \\frac{a_i}{b^2}\n$$\n")
        #expect(problems.isEmpty)
        #expect(
            page.contains(
                "<math><semantics><mrow><msub><mi>ϕ</mi><mi>t</mi></msub><mo>=</mo><mn>2</mn><mi>π</mi><mi>t</mi><mo>/</mo><mi>T</mi></mrow>"
            ))
        #expect(
            page.contains(
                "<math display=\"block\"><semantics><mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mrow><mi>n</mi></mrow></munderover><mfrac><mrow><msub><mi>a</mi><mi>i</mi></msub></mrow><mrow><msup><mi>b</mi><mn>2</mn></msup></mrow></mfrac></mrow>"
            ))
        #expect(page.contains("<annotation encoding=\"application/x-tex\">\\phi_t = 2\\pi t / T</annotation>"))
    }

    /// KaTeX 0.16.4 accepts `a\` + newline + `b` (checked with node): TeX reads
    /// the end of the line as a space, so the backslash makes a control space.
    @Test func aBackslashBeforeALineBreakIsAControlSpace() throws {
        let broken = try TeXToMathML.convert("a\\\nb", display: true)
        let spaced = try TeXToMathML.convert("a\\ b", display: true)
        #expect(broken.replacingOccurrences(of: "a\\\nb", with: "") == spaced.replacingOccurrences(of: "a\\ b", with: ""))
        #expect(!broken.contains("<merror"))
    }

    @Test func dollarsThatAreNotMathStayText() {
        let (page, _) = html("It cost $5 and $10, or \\$3 in `$code$`.\n\n```\n$x$\n```\n")
        #expect(page.contains("<p>It cost $5 and $10, or $3 in <code>$code$</code>.</p>"))
        #expect(page.contains("<pre><code>$x$\n</code></pre>"))
        #expect(!page.contains("<math"))
    }

    @Test func operatorsFunctionsDelimitersAndFonts() throws {
        let out = try TeXToMathML.convert(
            "\\sin\\theta \\cdot \\left( x \\leq \\mathbb{R} \\right) \\neq \\sqrt[3]{y} \\hat{v} \\text{if } a<b", display: false)
        #expect(out.contains("<mi>sin</mi><mo>\u{2061}</mo></mrow><mspace width=\"0.1667em\"></mspace><mi>θ</mi><mo>⋅</mo>"))
        #expect(
            try TeXToMathML.convert("\\sin(x)", display: false).contains(
                "<mi>sin</mi><mo>\u{2061}</mo></mrow><mo stretchy=\"false\">(</mo>"))
        #expect(
            out.contains(
                "<mo fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi><mo>≤</mo><mrow><mi>ℝ</mi></mrow><mo fence=\"true\" stretchy=\"true\">)</mo>"
            ))
        #expect(out.contains("<mroot><mrow><mi>y</mi></mrow><mn>3</mn></mroot>"))
        #expect(out.contains("<mover accent=\"true\"><mrow><mi>v</mi></mrow><mo>^</mo></mover>"))
        #expect(out.contains("<mtext>if\u{A0}</mtext><mi>a</mi><mo>&lt;</mo><mi>b</mi>"))
        let matrix = try TeXToMathML.convert("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", display: true)
        #expect(matrix.contains("<mo fence=\"true\" stretchy=\"true\">(</mo><mtable><mtr><mtd><mi>a</mi></mtd>"))
        #expect(matrix.components(separatedBy: "<mtr>").count == 3)
    }

    @Test func brokenMathIsALocatedErrorWithAHint() {
        let (_, problems) = html("Text\n\nwhere $\\alpah + 1$ holds.\n")
        #expect(problems.map(\.description) == ["m.md:6:8: error: in math: unknown TeX command \\alpah"])
        #expect(problems.first?.hint == "did you mean \\alpha?")
        for broken in ["x^", "{x", "x}", "\\frac{1}", "\\left( x", "x_1_2", "\\begin{foo}x\\end{foo}", "a & b", "\\", "\\sqrt[2"] {
            #expect(throws: TeXToMathML.Failure.self, "\(broken)") { try TeXToMathML.convert(broken, display: false) }
        }
    }

    @Test func mathSurvivesInHeadingsAndTablesAndKeepsLineNumbers() {
        let markdown = "## Energy $E = mc^2$\n\n| a | b |\n| - | - |\n| $x_i$ | 2 |\n\n$$\na\n$$\n\n{{ t.c }}\n"
        let document = MarkdownDocument(markdown, path: "m.md")
        let page = document.render(directiveHTML: [], inlineValues: ["v"])
        #expect(document.headings.first?.id == "energy-e--mc2")
        #expect(page.contains("<td><math>"))
        #expect(document.inlineExpressions.first?.location.line == 11)
    }
}

@Suite struct MathWithValuesTests {
    @Test func inlineValuesInsideMathAreEvaluatedThenTypeset() {
        let document = MarkdownDocument(
            "Fit: {{ a.b }} and $R^2 = {{ s.r2 | fmt \".2f\" }}$, share $p = {{ s.p }}$.\n", path: "m.md", lineOffset: 2)
        #expect(document.inlineExpressions.map(\.expression) == [" a.b ", " s.r2 | fmt \".2f\" ", " s.p "])
        #expect(document.inlineExpressions[1].location.line == 3)
        #expect(document.inlineExpressions[1].location.column == 27)
        let html = document.render(directiveHTML: [], inlineValues: ["x", "0.93", "67%"])
        #expect(html.contains("<mo>=</mo><mn>0.93</mn>"))
        #expect(html.contains("<mn>67</mn><mi mathvariant=\"normal\">%</mi>"))
        #expect(html.contains("Fit: x and"))
        #expect(!html.contains("\u{E000}"))
    }
}
