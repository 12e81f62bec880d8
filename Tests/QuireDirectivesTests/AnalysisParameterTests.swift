import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

/// An `analysis` body read into a typed request: the op table, every
/// parameter's type and range, and where each problem is reported.
@Suite struct AnalysisParameterTests {
    /// The body starts at line 20 of the post.
    let at = SourceLocation(path: "content/posts/p/index.md", line: 20)

    func request(_ yaml: String) throws -> Analysis.Request {
        try AnalysisParameters.request(DirectiveParameters(yaml: yaml, at: at))
    }

    func problem(_ yaml: String) -> Diagnostic? {
        do {
            _ = try request(yaml)
            return nil
        } catch { return error.diagnostics(orAt: at).first }
    }

    /// Runs the body through the directive against a three-row table `series`.
    func runProblem(_ yaml: String) throws -> Diagnostic? {
        let site = try DirectiveTestSite()
        try site.write("series.csv", "step,v,run\n0,1.5,a\n1,2.5,a\n2,0.5,b\n")
        let context = try site.context()
        return diagnostic { _ = try AnalysisDirective().run(site.block("analysis", "out", yaml, line: 19), in: context) }
    }

    @Test func unknownOpAndParameterAreLocatedWithHints() throws {
        let op = problem("op: rollin\nfrom: series")
        #expect(op?.message == "unknown op 'rollin'")
        #expect(op?.hint?.hasPrefix("did you mean 'rolling'?") == true)
        #expect(op?.location.line == 20)
        let parameter = problem("op: rolling\nfrom: series\ncolumns: v\nwindow: 3\nwindw: 4")
        #expect(parameter?.message == "unknown key 'windw' in op 'rolling'")
        #expect(parameter?.hint == "did you mean 'window'?")
        #expect(parameter?.location == SourceLocation(path: at.path, line: 24, column: 1))
        #expect(problem("op: ewm\nfrom: series\ncolumns: v\nweight: 2")?.message == "'weight' must be between 0 and 1")
        #expect(problem("op: [unclosed")?.message.hasPrefix("invalid YAML: ") == true)
    }

    @Test func aMisspeltColumnIsLocatedAtItsWordInTheList() throws {
        let column = try runProblem("op: rolling\nfrom: series\ncolumns: [v, vv]\nwindow: 3")
        #expect(column?.message == "no column 'vv' in table 'series'")
        #expect(column?.hint == "did you mean 'v'?")
        // `columns: [v, vv]`: the `vv` starts at column 14.
        #expect(column?.location == SourceLocation(path: at.path, line: 22, column: 14))
    }

    @Test func badSolverIsLocatedWithHint() throws {
        let misspelt = problem("op: pca\nfrom: acts\nk: 2\nsolver: randomised")
        #expect(misspelt?.message == "unknown solver 'randomised'")
        #expect(misspelt?.hint?.hasPrefix("did you mean 'randomized'?") == true)
        #expect(misspelt?.location.line == 23)
        let unknown = problem("op: pca\nfrom: acts\nsolver: fast\nk: 2")
        #expect(unknown?.message == "unknown solver 'fast'")
        #expect(unknown?.hint == "one of: exact, randomized, auto")
        #expect(unknown?.location.line == 22)
        let list = problem("op: pca\nfrom: acts\nk: 2\nsolver: [exact]")
        #expect(list?.message == "'solver' must be a single value")
        #expect(list?.location.line == 23)
        #expect(problem("op: pca\nfrom: acts\nk: 2\nsolvr: exact")?.hint == "did you mean 'solver'?")
    }

    @Test func pcaDefaultsAreExactCenteredTwoComponents() throws {
        guard case .pca(let from, let layer, let k, let center, let rows, let solver) = try request("op: pca\nfrom: Acts") else {
            Issue.record("not a pca request")
            return
        }
        #expect(from == "acts")
        #expect(layer == nil && rows == nil)
        #expect(k == 2 && center && solver == .exact)
    }

    @Test func frequenciesTakeListsNumbersAndRanges() throws {
        func frequencies(_ text: String) throws -> [Int] {
            guard
                case .fourier(_, _, _, _, _, let frequencies) = try request(
                    "op: fourier\nfrom: w\ngroup: g\nposition: p\ncolumns: x\n" + text)
            else { return [] }
            return frequencies
        }
        #expect(try frequencies("") == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try frequencies("frequencies: 1-3") == [1, 2, 3])
        #expect(try frequencies("frequencies: [2, 5]") == [2, 5])
        #expect(
            problem("op: fourier\nfrom: w\ngroup: g\nposition: p\ncolumns: x\nfrequencies: 40")?.message
                == "'frequencies' must be between 0 and samples/2 (32)")
    }

    /// Analysis and table bodies follow the one YAML policy (see YAMLNode).
    /// Before: `~` was the text "~", `1_000` was not a number, a quoted
    /// "false" was a boolean, and Swift's Double read `0x10` as 16.
    @Test func bodiesFollowTheYAMLPolicy() throws {
        guard case .pca(_, _, let k, let center, _, _) = try request("op: pca\nfrom: acts\nk: ~\ncenter: off") else {
            Issue.record("not a pca request")
            return
        }
        #expect(k == 2)
        #expect(center == false)
        guard case .rolling(_, _, let order, let window, _, _) = try request("op: rolling\nfrom: t\ncolumns: v\norder:\nwindow: 1_000")
        else {
            Issue.record("not a rolling request")
            return
        }
        #expect(order == nil)
        #expect(window == 1000)
        guard case .probe(_, _, _, _, let alpha, _, _) = try request("op: probe\nfrom: m\nrows: r\ntargets: y\nalpha: 1e-2") else {
            Issue.record("not a probe request")
            return
        }
        #expect(alpha == 0.01)
        #expect(problem("op: pca\nfrom: acts\ncenter: \"false\"")?.message == "'center' must be true or false")
        #expect(problem("op: ewm\nfrom: t\ncolumns: v\nweight: 0x0.8")?.message == "'weight' must be a number")
        #expect(problem("op: rolling\nfrom: t\ncolumns: v\nwindow: 1e3")?.message == "'window' must be a whole number")
        let tab = problem("op: pca\n\tfrom: acts")
        #expect(tab?.message.hasPrefix("invalid YAML: ") == true)
        #expect(tab?.location.line == 21)
        let twice = problem("op: pca\nfrom: a\nfrom: b")
        #expect(twice?.message == "invalid YAML: key 'from' appears twice in the same mapping")
        #expect(twice?.location == SourceLocation(path: at.path, line: 21, column: 1))
    }

    @Test func tableBodiesFollowTheYAMLPolicy() throws {
        let site = try DirectiveTestSite()
        try site.write("t.csv", "a,b\n1,2\n3,4\n")
        let context = try site.context()
        let html = try TableDirective().run(site.block("table", "", "data: t\nlimit: ~\ncaption: 2026-01-01"), in: context).html
        #expect(html.contains("<caption>2026-01-01</caption>"))
        let hex = diagnostic { _ = try TableDirective().run(site.block("table", "", "data: t\nlimit: 0x10"), in: context) }
        #expect(hex?.message == "'limit' must be a whole number")
        #expect(hex?.location == SourceLocation(path: site.post, line: 12, column: 8))
    }
}
