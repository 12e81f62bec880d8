import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

/// PRODUCT §7 "one mistake, one error" and §3's shared series colours, over
/// a post's directives run in document order as the site builder runs them.
@Suite struct OneMistakeOneErrorTests {
    static let post = ChartDirectiveTests.post

    static func block(_ name: String, _ argument: String, _ body: String, line: Int) -> DirectiveBlock {
        DirectiveBlock(
            name: name, argument: argument, body: body,
            location: SourceLocation(path: post, line: line, column: 1),
            bodyLocation: SourceLocation(path: post, line: line + 1, column: 1))
    }

    /// Runs the blocks in order and collects every diagnostic, as ItemRenderer does.
    static func diagnostics(_ blocks: [DirectiveBlock], context: DirectiveContext) -> [Diagnostic] {
        let registry = DirectiveRegistry.standard
        registry.declareNames(of: blocks, in: context)
        var found: [Diagnostic] = []
        for block in blocks {
            do { _ = try registry.run(block, in: context) } catch { found += error.diagnostics(orAt: block.location) }
        }
        return found
    }

    @Test func aFailedDirectiveIsReportedOnceNotAtEveryUse() throws {
        let context = try ChartDirectiveTests.context(["runs": ChartDirectiveTests.runs])
        let blocks = [
            Self.block("analysis", "smooth", "op: ewmm\nfrom: runs\norder: step\ncolumns: [loss]\nweight: 0.6\n", line: 10),
            Self.block("chart", "", "data: smooth\nmark: line\nx: step\ny: loss_ewm\n", line: 20),
            Self.block("query", "last", "SELECT * FROM smooth ORDER BY step DESC LIMIT 1", line: 30),
            Self.block("table", "", "data: smooth\n", line: 40),
            Self.block("chart", "", "data: last\nmark: point\nx: step\ny: loss\n", line: 50),
        ]
        let found = Self.diagnostics(blocks, context: context)
        #expect(found.count == 1)
        #expect(found.first?.location.line == 11)
        #expect(context.scope.isFailed("smooth"))
        #expect(context.scope.isFailed("last"))
        // An inline value of a failed result is quiet too.
        do {
            _ = try InlineValues.evaluate("smooth.loss_ewm | max", at: SourceLocation(path: Self.post, line: 60, column: 3), in: context)
            Issue.record("a failed table has no values")
        } catch {
            #expect(error.diagnostics(orAt: SourceLocation(path: Self.post)).isEmpty)
        }
    }

    @Test func aNameUsedAboveItsDirectiveSaysSo() throws {
        let context = try ChartDirectiveTests.context(["runs": ChartDirectiveTests.runs])
        let blocks = [
            Self.block("chart", "", "data: smooth\nmark: line\nx: step\ny: loss_ewm\n", line: 10),
            Self.block("analysis", "smooth", "op: ewm\nfrom: runs\norder: step\ncolumns: [loss]\nweight: 0.6\n", line: 20),
        ]
        let found = Self.diagnostics(blocks, context: context)
        #expect(found.map(\.message) == ["no table named 'smooth' in scope"])
        #expect(found.first?.hint == "'smooth' is defined by the directive at line 20, which runs later: directives run in document order")
        #expect(found.first?.hint?.contains("earlier") == false)
    }

    @Test func aRenamedTableSuggestsTheNearestStem() throws {
        let context = try ChartDirectiveTests.context(["train_losses": ChartDirectiveTests.runs, "check_ins": ChartDirectiveTests.runs])
        let renamed = Self.diagnostics(
            [Self.block("chart", "", "data: losses\nmark: line\nx: step\ny: loss\n", line: 10)], context: context)
        #expect(renamed.first?.hint == "did you mean 'train_losses'?")
        let asFile = Self.diagnostics(
            [Self.block("chart", "", "data: check-ins\nmark: line\nx: step\ny: loss\n", line: 10)], context: context)
        #expect(asFile.first?.hint?.hasPrefix("did you mean 'check_ins'?") == true)
    }

    @Test func aSeriesKeepsItsColourInEveryChartOfThePost() throws {
        let accuracy = Table(columns: [
            Column(name: "step", integers: [0, 100]), Column(name: "acc", doubles: [0.5, 0.7]),
            Column(name: "run", strings: ["say \"hi\"", "say \"hi\""]),
        ])
        let context = try ChartDirectiveTests.context(["runs": ChartDirectiveTests.runs, "accuracy": accuracy])
        func stroke(_ body: String, line: Int) throws -> String? {
            let html = try DirectiveRegistry.standard.run(Self.block("chart", "", body, line: line), in: context).html
            // The stroke of the first line drawn for the run `say "hi"`.
            guard let range = html.range(of: "data-series=\"say &quot;hi&quot;\"") else { return nil }
            let before = html[..<range.lowerBound]
            guard let stroke = before.range(of: "stroke=\"", options: .backwards) else { return nil }
            return String(before[stroke.upperBound...].prefix { $0 != "\"" })
        }
        let first = try stroke("data: runs\nmark: line\nx: step\ny: loss\ncolor: run\n", line: 10)
        let second = try stroke("data: accuracy\nmark: line\nx: step\ny: acc\ncolor: run\n", line: 20)
        // `a,b` took the first slot, so `say "hi"` has the second in both charts.
        #expect(first == "var(--chart-series-2, #E69F00)" || first?.hasPrefix("var(--chart-series-2,") == true)
        #expect(second == first)
    }
}

@Suite struct CaretInsideListsTests {
    @Test func aMissingColumnInAListIsPointedAtItself() throws {
        let context = try ChartDirectiveTests.context(["runs": ChartDirectiveTests.runs])
        // Body line 1 is post line 11; `lss` starts at column 17 of "columns: [step, lss]".
        let table = OneMistakeOneErrorTests.diagnostics(
            [OneMistakeOneErrorTests.block("table", "", "data: runs\ncolumns: [step, lss]\n", line: 10)], context: context)
        #expect(table.map(\.message) == ["no column 'lss' in table 'runs'"])
        #expect(table.first?.location == SourceLocation(path: OneMistakeOneErrorTests.post, line: 12, column: 17))
        let analysis = OneMistakeOneErrorTests.diagnostics(
            [
                OneMistakeOneErrorTests.block(
                    "analysis", "smooth", "op: ewm\nfrom: runs\norder: step\ncolumns: [loss, lss]\nweight: 0.6\n", line: 20)
            ], context: context)
        #expect(analysis.map(\.message) == ["no column 'lss' in table 'runs'"])
        #expect(analysis.first?.location == SourceLocation(path: OneMistakeOneErrorTests.post, line: 24, column: 17))
    }
}
