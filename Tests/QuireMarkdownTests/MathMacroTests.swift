import Foundation
import QuireDiagnostics
import Testing

@testable import QuireMarkdown

/// Author macros (site `math_macros`, a post's `\newcommand`/`\def`) against
/// KaTeX run with the same macros, and the limits that keep bad input from
/// hanging or crashing.
@Suite struct MathMacroTests {
    /// Macros as authors of ML posts write them (the held-out corpus's misses).
    static let siteMacros = [
        "\\E": "\\mathbb{E}", "\\bfx": "\\mathbf{x}", "\\diag": "\\operatorname{diag}", "\\R": "\\mathbb{R}",
        "\\norm": "\\left\\lVert #1 \\right\\rVert", "\\KL": "D_{\\mathrm{KL}}\\left(#1 \\,\\|\\, #2\\right)",
        "\\vect": "\\boldsymbol{#1}", "\\given": "\\mid",
    ]
    static let siteCases = [
        "\\E_{x \\sim p}[f(x)]", "\\bfx^\\top \\bfx", "\\diag(\\lambda_1, \\dots, \\lambda_n)", "x \\in \\R^{n}",
        "\\norm{\\bfx - \\mu}_2^2", "\\KL{q(z \\given x)}{p(z)}", "\\vect{\\theta}^{*} = \\arg\\min_{\\vect\\theta} L",
        "\\E[\\norm{\\vect{w}}]",
    ]
    /// Formulas of one post, in order; definitions carry to the later ones.
    static let postFormulas = [
        "\\newcommand{\\Loss}{\\mathcal{L}} \\Loss(\\theta)",
        "\\nabla_\\theta \\Loss",
        "\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}} \\pd{\\Loss}{w}",
        "\\def\\half#1{\\frac{#1}{2}} \\half{x} + \\pd{y}{t}",
        "\\renewcommand{\\Loss}{\\ell} \\Loss + \\half{3}",
    ]

    @Test(.enabled(if: KaTeXOracle.available, "needs node and libjs-katex"))
    func siteMacrosMatchKaTeXWithTheSameMacros() throws {
        let answers = try KaTeXOracle.render(Self.siteCases.map { .init(tex: $0, display: false, macros: Self.siteMacros) })
        for (tex, answer) in zip(Self.siteCases, answers) {
            let katex = try #require(answer.mathml, "KaTeX rejects \(tex): \(answer.error ?? "")")
            let quire = try TeXToMathML.convert(tex, display: false, macros: TeXMacros(Self.siteMacros))
            #expect(MathMLStructure.normalize(quire) == MathMLStructure.normalize(katex), "\(tex)")
        }
    }

    @Test(.enabled(if: KaTeXOracle.available, "needs node and libjs-katex"))
    func definitionsInAPostReachItsLaterFormulasAsInKaTeX() throws {
        let answers = try KaTeXOracle.render(Self.postFormulas.map { .init(tex: $0, display: true, group: 1) })
        var definitions = TeXMacros()
        for (tex, answer) in zip(Self.postFormulas, answers) {
            let katex = try #require(answer.mathml, "KaTeX rejects \(tex): \(answer.error ?? "")")
            let quire = try TeXToMathML.convert(tex, display: true, definitions: &definitions)
            #expect(MathMLStructure.normalize(quire) == MathMLStructure.normalize(katex), "\(tex)")
        }
    }

    @Test func aPostsDefinitionsStayInThatPost() {
        let first = MarkdownDocument("$\\newcommand{\\V}{\\mathbb{V}} \\V$ then $\\V[x]$\n", path: "a.md")
        #expect(first.diagnostics.isEmpty)
        #expect(first.render(directiveHTML: [], inlineValues: []).components(separatedBy: "𝕍").count == 3)
        let second = MarkdownDocument("$\\V[x]$\n", path: "b.md")
        #expect(second.diagnostics.map(\.message) == ["in math: unknown TeX command \\V"])
    }

    @Test func siteMacrosReachEveryFormulaAndInlineValues() {
        let macros = TeXMacros(["\\E": "\\mathbb{E}", "R": "\\mathbb{R}"])
        let document = MarkdownDocument("$\\E[X] = {{ a.b }}$ in $\\R$\n", path: "m.md", mathMacros: macros)
        let html = document.render(directiveHTML: [], inlineValues: ["3"])
        #expect(document.diagnostics.isEmpty)
        #expect(html.contains("<mi>𝔼</mi>") && html.contains("<mi>ℝ</mi>") && html.contains("<mn>3</mn>"))
    }

    @Test func recursiveMacrosAreLocatedErrorsNotHangs() {
        for (tex, offset) in [("x + \\def\\a{\\a} \\a", 15), ("\\newcommand{\\b}{\\b\\b} y \\b", 24), ("\\def\\c#1{\\c{#1#1}} \\c{x}", 19)]
        {
            #expect {
                try TeXToMathML.convert(tex, display: false)
            } throws: { error in
                guard let failure = error as? TeXToMathML.Failure else { return false }
                return failure.message.contains("expands without end") && failure.offset == offset
            }
        }
        let recursiveSite = TeXMacros(["\\loop": "a\\loop"])
        #expect(throws: TeXToMathML.Failure.self) { try TeXToMathML.convert("\\loop", display: false, macros: recursiveSite) }
    }

    @Test func badDefinitionsAreLocatedErrors() {
        let cases: [(String, String)] = [
            ("\\newcommand{\\alpha}{a}", "\\alpha is already defined"),
            ("\\renewcommand{\\zz}{a}", "\\zz is not defined yet"),
            ("\\newcommand{\\p}[1]{#2}", "uses #2 but takes 1 argument"),
            ("\\newcommand{x}{a}", "needs a command name"),
            ("\\newcommand{\\q}[1]{#1} \\q", "\\q needs an argument"),
        ]
        for (tex, message) in cases {
            #expect {
                try TeXToMathML.convert(tex, display: false)
            } throws: { error in
                (error as? TeXToMathML.Failure)?.message.contains(message) == true
            }
        }
    }

    /// Issue 16, item 7: 8,000 levels of nesting crashed quire (SIGSEGV).
    /// Run on a thread with half the stack of the build's worker threads
    /// (Dispatch's take the 8 MiB default on Linux), in a debug build whose
    /// frames are larger than release's: the depth limit must answer first.
    @Test func deepNestingIsALocatedErrorOnASmallStack() {
        let bombs = [
            String(repeating: "\\sqrt{", count: 8_000) + "x" + String(repeating: "}", count: 8_000),
            String(repeating: "\\frac{", count: 8_000) + "x" + String(repeating: "}{y}", count: 8_000),
            String(repeating: "\\frac", count: 8_000) + "xy",
            String(repeating: "{", count: 8_000) + "x" + String(repeating: "}", count: 8_000),
            String(repeating: "\\left(", count: 8_000) + "x" + String(repeating: "\\right)", count: 8_000),
            String(repeating: "x^{", count: 8_000) + "y" + String(repeating: "}", count: 8_000),
            String(repeating: "\\mathbf", count: 8_000) + "x",
            String(repeating: "\\text{", count: 8_000) + "a" + String(repeating: "}", count: 8_000),
            String(repeating: "\\begin{matrix}", count: 8_000) + "a" + String(repeating: "\\end{matrix}", count: 8_000),
            String(repeating: "a \\over ", count: 8_000) + "b",
            String(repeating: "\\color{red}", count: 8_000) + "b",
            String(repeating: "\\not", count: 8_000) + "=",
        ]
        final class Box: @unchecked Sendable { var results: [String] = [] }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for bomb in bombs {
                do {
                    _ = try TeXToMathML.convert(bomb, display: true)
                    box.results.append("ok")
                } catch {
                    box.results.append((error as? TeXToMathML.Failure)?.message ?? "\(error)")
                }
            }
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(box.results.count == bombs.count)
        for (bomb, result) in zip(bombs, box.results) {
            #expect(result.contains("nested more than") || result == "ok", "\(bomb.prefix(30)): \(result)")
        }
        #expect(box.results.filter { $0.contains("nested more than") }.count >= 9)
    }

    @Test func deepNestingInAPostIsAPostError() {
        let bomb = String(repeating: "\\sqrt{", count: 8_000) + "x" + String(repeating: "}", count: 8_000)
        let document = MarkdownDocument("Text\n\n$$\n\(bomb)\n$$\n", path: "deep.md")
        #expect(document.diagnostics.count == 1)
        #expect(document.diagnostics.first?.description.hasPrefix("deep.md:4:") == true)
        #expect(document.diagnostics.first?.message.contains("nested more than 60 levels") == true)
    }
}
