import Foundation
import Testing

@testable import QuireDirectives

/// `$…$` in a chart's caption or title renders as MathML, like the prose.
@Suite struct ChartCaptionMathTests {
    @Test func dollarsThatAreNotMathStayText() {
        // Prices, a lone dollar, spaces inside the delimiters, an escaped dollar, bad TeX.
        #expect(ChartCaption.html("costs $5 and $6") == "costs $5 and $6")
        #expect(ChartCaption.html("a $ b") == "a $ b")
        #expect(ChartCaption.html("$ x$ and $x $") == "$ x$ and $x $")
        #expect(ChartCaption.html("\\$x$") == "$x$")
        #expect(ChartCaption.html("$\\frac{1}$") == "$\\frac{1}$")
        #expect(ChartCaption.html("$$") == "$$")
        #expect(ChartCaption.html("unclosed $g(f)") == "unclosed $g(f)")
    }

    @Test func inlineMathBecomesMathML() throws {
        let html = ChartCaption.html("Growth $g(f)$ per *round*, $x<y$.")
        #expect(!html.contains("$"))
        #expect(html.hasPrefix("Growth <math"))
        #expect(html.contains("<mi>g</mi>") && html.contains("<mi>f</mi>"))
        #expect(html.contains("<em>round</em>"))
        // The "<" inside TeX is MathML's business: escaped as text, never raw markup.
        #expect(html.contains("&lt;") && !html.contains("<y"))
        #expect(html.components(separatedBy: "<math").count == 3)
        #expect(!html.contains("display=\"block\""))
    }
}
