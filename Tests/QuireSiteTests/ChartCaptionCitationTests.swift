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
        // Nothing keeps the author's syntax, the chart's SVG <title> (its accessible name) included.
        #expect(!html.contains("[@goedel1931"))
        #expect(!html.contains("@fig-two"), "\(html)")
        #expect(html.contains("<title id=\"fig-1-title\">Loss, see Figure 2</title>"))
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
    /// A chart's SVG `<title>` names it to screen readers: its citations and
    /// cross-references read as the caption shows them, as words without links,
    /// in the page's inline SVG and in the standalone file feeds show.
    @Test func theSVGTitleReadsResolvedMarks() async throws {
        let post = Self.post.replacingOccurrences(of: "citation_style: numeric\n", with: "")
            .replacingOccurrences(of: "title: Loss, see @fig-two", with: "title: \"Loss *after* [@kaplan2020, p. 2], see @fig-two & co\"")
        let site = try ResearchWritingTests.fixture(post: post)
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        // Worked out by hand: the body renders [@kaplan2020, p. 2] as "(Kaplan et al. 2020, p. 2)" in author-year
        // style (ResearchWritingTests), @fig-two is the second chart; `*` is dropped and `&` escaped as before.
        let title = "<title id=\"fig-1-title\">Loss after (Kaplan et al. 2020, p. 2), see Figure 2 &amp; co</title>"
        let html = try site.read("site/posts/research/index.html")
        #expect(html.contains(title), "\(html)")
        #expect(html.contains("<span class=\"chart-title\">Loss <em>after</em> <span class=\"citation\">(<a href=\"#ref-kaplan2020\">"))
        let folder = site.site.appendingPathComponent("posts/research")
        let svgs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".svg") && $0.hasPrefix("chart-")
        }
        .map { folder.appendingPathComponent($0) }
        #expect(svgs.count == 2)
        let texts = try svgs.map { try String(contentsOf: $0, encoding: .utf8) }
        let first = try #require(texts.firstIndex { $0.contains("id=\"fig-1-title\"") })
        #expect(texts[first].contains(title), "\(texts[first])")
        #expect(!texts.joined().contains("\u{E000}"))
        // The standalone file is XML: it must still parse, and its title read as the caption's words.
        let parsed = try ProcessResult.run(
            "python3",
            [
                "-c", "import sys, xml.dom.minidom as m; print(m.parse(sys.argv[1]).getElementsByTagName('title')[0].firstChild.data)",
                svgs[first].path,
            ])
        #expect(parsed.stdout == "Loss after (Kaplan et al. 2020, p. 2), see Figure 2 & co\n", "\(parsed.stderr)")
    }
}
