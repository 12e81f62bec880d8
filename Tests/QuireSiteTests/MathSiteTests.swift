import Foundation
import Testing

@testable import QuireSite

/// Math through a whole build: `math_macros` from quire.yaml, the hard-cases
/// page, and summaries that carry a formula once, without its TeX.
@Suite struct MathSiteTests {
    static let hardCases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MathHardCases")

    @Test func theHardCasesPageBuildsWithoutProblems() async throws {
        let files = try [
            "content/posts/hard-cases.md": String(
                contentsOf: Self.hardCases.appendingPathComponent("content/posts/hard-cases.md"), encoding: .utf8)
        ]
        let config = try String(contentsOf: Self.hardCases.appendingPathComponent("quire.yaml"), encoding: .utf8)
        let fixture = try SiteFixture(config: config, files: files)
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
        let page = try fixture.read("site/posts/hard-cases/index.html")
        #expect(page.contains("<mi>𝔼</mi>"), "the site macro \\E became a double-struck E")
        #expect(page.contains("<mi>𝜶</mi>"), "bold Greek through \\boldsymbol")
        #expect(page.contains("<mtext>a { set }</mtext>"), "\\{ inside \\text is a brace")
        #expect(page.contains("<mtext>(2.1)</mtext>"), "the \\tag shows")
        #expect(page.components(separatedBy: "<math display=\"block\">").count == 8)
    }

    @Test func summariesCarryTheFormulaOnceWithoutItsTeX() async throws {
        let post = "---\ntitle: Rates\ndate: 2026-01-02\n---\n\nWe decay $\\alpha_t = \\frac{1}{\\sqrt{t}}$ per step.\n"
        let fixture = try SiteFixture(files: ["content/posts/rates.md": post])
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(report.diagnostics.isEmpty)
        let rss = try fixture.read("site/feed.xml")
        let atom = try fixture.read("site/atom.xml")
        #expect(rss.contains("<description>We decay αt=1t per step.</description>"), "the formula's visible text, once, no TeX")
        #expect(atom.contains("<summary type=\"text\">We decay αt=1t per step.</summary>"))
        let page = try fixture.read("site/posts/rates/index.html")
        #expect(page.contains("content=\"We decay αt=1t per step.\""), "meta description")
    }

    @Test func aBadMacroNameInQuireYAMLIsALocatedError() async throws {
        let config = SiteFixture.defaultConfig + "\nmath_macros:\n  \"\\\\E\": \"\\\\mathbb{E}\"\n  \"\\\\a b\": \"x\"\n"
        let fixture = try SiteFixture(config: config, files: [:])
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(
            report.diagnostics.map(\.description).contains { $0.hasPrefix("quire.yaml:7:") && $0.contains("is not a TeX command name") })
    }
}
