import Foundation
import Testing

@testable import QuireSite

/// Citations and cross-references in a chart's `title:` and `caption:` resolve
/// as they do in the body: same links, numbered in document order, listed in
/// References, absolute in feeds — PRODUCT §2 "Research writing".
@Suite struct ChartCaptionCitationTests {
    // Line numbers below count from this post's first line.
    static let post = """
        ---
        title: Captions
        date: 2026-01-02
        bibliography: refs.bib
        citation_style: numeric
        ---
        Nothing is cited before the chart.

        ```chart
        data: losses
        mark: line
        x: step
        y: loss
        title: Loss, see @fig-two
        caption: "As in [@goedel1931, p. 4]; compare @fig-two, not `[@code]`."
        ```

        Then [@kaplan2020] in the body.

        ```chart
        data: losses
        mark: point
        x: step
        y: loss
        id: fig-two
        caption: The same points.
        ```
        """

    @Test func captionsCiteAndReferLikeTheBody() async throws {
        let site = try ResearchWritingTests.fixture(post: Self.post)
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let html = try site.read("site/posts/research/index.html")
        let caption = try #require(
            html.range(of: "<figure class=\"chart\" id=\"fig-1\">").map { html[$0.lowerBound...] }.flatMap { rest in
                rest.range(of: "</figcaption>").map { rest[..<$0.upperBound] }
            })
        // The title and the caption both refer to the later chart, by its number.
        #expect(
            caption.contains("<span class=\"chart-title\">Loss, see <a class=\"cross-ref\" href=\"#fig-two\">Figure 2</a></span>"),
            "\(caption)")
        // The caption's work is cited first in document order, so numeric style makes it [1]; the body's is [2].
        #expect(
            caption.contains(
                "As in <span class=\"citation\">[<a href=\"#ref-goedel1931\">1</a>, p. 4]</span>; compare <a class=\"cross-ref\" href=\"#fig-two\">Figure 2</a>, not <code>[@code]</code>."
            ), "\(caption)")
        #expect(html.contains("Then <span class=\"citation\">[<a href=\"#ref-kaplan2020\">2</a>]</span> in the body."))
        // A work cited only in a caption is listed, first.
        let goedel = try #require(html.range(of: "<li id=\"ref-goedel1931\">"))
        let kaplan = try #require(html.range(of: "<li id=\"ref-kaplan2020\">"))
        #expect(goedel.lowerBound < kaplan.lowerBound)
        // No caption keeps the author's syntax (the chart's SVG <title>, its accessible name, still does).
        #expect(!html.contains("[@goedel1931"))
        #expect(!html.contains(">Loss, see @fig-two</span>") && !html.contains("compare @fig-two"))
        // The feed's caption links to the entry on the post's page.
        let atom = try site.read("site/atom.xml")
        #expect(atom.contains("https://fixture.example/posts/research/#ref-goedel1931"))
        #expect(atom.contains("https://fixture.example/posts/research/#fig-two"))
        #expect(!atom.contains("\u{E000}"))
    }

    @Test func anUnknownKeyInACaptionIsAnErrorAtItsPlace() async throws {
        let post = Self.post.replacingOccurrences(of: "[@goedel1931, p. 4]", with: "[@goedel1932, p. 4]")
            .replacingOccurrences(of: "Loss, see @fig-two", with: "Loss, see @fig-tow")
        let site = try ResearchWritingTests.fixture(post: post)
        defer { site.remove() }
        let report = await site.build()
        let found = report.errors.map { $0.description + ($0.hint.map { " | " + $0 } ?? "") }
        // Line 15, column 17 is the "[" of the caption's citation; line 14, column 18 the "@" of the title's reference.
        #expect(
            found.contains {
                $0.hasPrefix("content/posts/research/index.md:15:17: error: no entry 'goedel1932' in the bibliography")
                    && $0.contains("goedel1931")
            }, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix("content/posts/research/index.md:14:18: error: no figure is labelled 'fig-tow'") && $0.contains("fig-two")
            }, "\(found)")
        #expect(found.count == 2, "\(found)")
    }
}
