import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

@Suite struct InlineValuesTests {
    func context() throws -> (DirectiveTestSite, DirectiveContext) {
        let site = try DirectiveTestSite()
        try site.write("losses.csv", "step,loss,run\n1,0.9,a\n2,0.5,b\n3,0.25,c\n4,,d\n")
        return (site, try site.context())
    }

    @Test func valuesSummariesAndFormats() throws {
        let (site, context) = try context()
        defer { _ = site }
        let at = SourceLocation(path: site.post, line: 5, column: 10)
        func eval(_ expression: String) throws -> String { try InlineValues.evaluate(expression, at: at, in: context) }
        #expect(try eval(" losses.loss ") == "0.9")
        #expect(try eval("losses.loss[1]") == "0.5")
        #expect(try eval("losses.run[-1]") == "d")
        #expect(try eval("losses.loss | min") == "0.25")
        #expect(try eval("losses.loss | max | fmt \".1%\"") == "90.0%")
        #expect(try eval("losses.loss | mean | fmt \".3f\"") == "0.550")
        #expect(try eval("losses.loss | median") == "0.5")
        #expect(try eval("losses.step | sum") == "10")
        #expect(try eval("losses.loss | count") == "3")
        #expect(try eval("losses.loss | last") == "0.25")
        #expect(try eval("losses.step | max | fmt 'd'") == "4")
        #expect(try eval("losses.loss[3]") == "")
    }

    @Test func undefinedTableIsALocatedErrorWithAHint() throws {
        let (site, context) = try context()
        defer { _ = site }
        let at = SourceLocation(path: site.post, line: 7, column: 3)
        let table = diagnostic { _ = try InlineValues.evaluate("loses.loss", at: at, in: context) }
        // The caret points at the word inside the braces: `{{` + 0 characters.
        #expect(table?.location == SourceLocation(path: site.post, line: 7, column: 5))
        #expect(table?.message == "no table named 'loses' in scope")
        #expect(table?.hint == "did you mean 'losses'?")
        let column = diagnostic { _ = try InlineValues.evaluate("losses.los | max", at: at, in: context) }
        #expect(column?.hint == "did you mean 'loss'?")
        // `{{ losses.los | max }}` given as `losses.los | max`: `los` is 7 characters in, after `{{`.
        #expect(column?.location == SourceLocation(path: site.post, line: 7, column: 3 + 2 + 7))
        let spaced = diagnostic { _ = try InlineValues.evaluate(" losses.loss | maxx ", at: at, in: context) }
        #expect(spaced?.location == SourceLocation(path: site.post, line: 7, column: 3 + 2 + 15))
        let summary = diagnostic { _ = try InlineValues.evaluate("losses.loss | maxx", at: at, in: context) }
        #expect(summary?.message == "unknown summary 'maxx'")
        #expect(summary?.hint == "did you mean 'max'?")
        #expect(diagnostic { _ = try InlineValues.evaluate("losses.loss[9]", at: at, in: context) }?.message.contains("outside") == true)
        #expect(
            diagnostic { _ = try InlineValues.evaluate("losses.run | mean", at: at, in: context) }?.message.contains("holds text") == true)
        #expect(
            diagnostic { _ = try InlineValues.evaluate("losses.loss | fmt .1f", at: at, in: context) }?.message.contains("quoted") == true)
        #expect(
            diagnostic { _ = try InlineValues.evaluate("losses", at: at, in: context) }?.message.contains("does not name a column") == true)
    }
}
