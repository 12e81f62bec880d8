import Foundation
import Testing

@testable import QuireSite

@Suite struct LinkCheckTests {
    @Test func brokenLinksAndAnchorsAreLocatedAndFailTheBuild() async throws {
        let body = """
            See [the other post](/posts/other/), [its results](/posts/other/#results),
            [a relative one](../other/#results) and [below](#details).

            Broken: [gone](/posts/gone/) and [no anchor](/posts/other/#resluts) and [here](#nowhere).

            External links are not checked: [x](https://example.org/missing), [mail](mailto:a@b.c).

            ## Details
            """
        let fixture = try SiteFixture(files: [
            "content/posts/first.md": "---\ntitle: First\ndate: 2026-01-02\n---\n\n\(body)\n",
            "content/posts/other.md": "---\ntitle: Other\ndate: 2026-01-01\n---\n\n## Results\n\nText.\n",
        ])
        defer { fixture.remove() }
        let report = await fixture.build { $0.writeOutput = false }
        let messages = report.errors.map(\.description)
        #expect(
            messages == [
                "content/posts/first.md:9:16: error: broken link '/posts/gone/': nothing is built at /posts/gone/index.html",
                "content/posts/first.md:9:46: error: broken anchor '/posts/other/#resluts': /posts/other/index.html has no element with id 'resluts'",
                "content/posts/first.md:9:80: error: broken anchor '#nowhere': /posts/first/index.html has no element with id 'nowhere'",
            ])
        #expect(report.errors.first { $0.message.contains("resluts") }?.hint == "did you mean '#results'?")
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func checkCommandNamesBrokenLinksAndWritesNothing() throws {
        let fixture = try SiteFixture(files: ["content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n\nA [link](/about/#team).\n"])
        defer { fixture.remove() }
        let result = try ProcessResult.run(CommandLineTests.quire, ["check", "--source", fixture.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/posts/a.md:6:10: error: broken link '/about/#team'"))
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func resolvesRelativeRootedAndAbsoluteForms() {
        let checker = LinkChecker(
            urls: SiteURLs(baseURL: "https://x.example/blog/"), outputPaths: ["posts/a/index.html", "assets/quire.css", "tags/index.html"])
        #expect(checker.resolve("/blog/posts/a/", from: "index.html")?.file == "posts/a/index.html")
        #expect(checker.resolve("https://x.example/blog/tags/", from: "index.html")?.file == "tags/index.html")
        #expect(checker.resolve("../../assets/quire.css", from: "posts/a/index.html")?.file == "assets/quire.css")
        #expect(checker.resolve("/blog/posts/a", from: "index.html")?.file == "posts/a/index.html")
        #expect(checker.resolve("#top", from: "posts/a/index.html")?.fragment == "top")
        #expect(checker.resolve("https://other.example/", from: "index.html") == nil)
        #expect(checker.resolve("mailto:me@x.example", from: "index.html") == nil)
        #expect(checker.resolve("//cdn.example/x.js", from: "index.html") == nil)
    }

    /// Links with nothing to take apart skip the long way through `resolve`;
    /// every other form (dot segments, escapes, queries, fragments, another
    /// root) still goes it, and both ways land on the same file.
    @Test func plainPathsAreTakenAsTheyAreAndOnlyThey() {
        #expect(LinkChecker.plainPath("/posts/a/", under: "/") == "posts/a/")
        #expect(LinkChecker.plainPath("/blog/a.b/.../c", under: "/blog/") == "a.b/.../c")
        #expect(LinkChecker.plainPath("/", under: "/") == "")
        for link in ["/a/./b", "/a/../b", "/a/.", "/a/..", "/a#b", "/a?b", "/a%20b", "/a&b", "/other/a", "a/b"] {
            #expect(LinkChecker.plainPath(link, under: link.hasPrefix("/other") ? "/blog/" : "/") == nil, "\(link)")
        }
        let checker = LinkChecker(
            urls: SiteURLs(baseURL: "https://x.example/"), outputPaths: ["a/b/index.html", "a/c.txt", "a/.../index.html"])
        let files = ["/a/b/", "/a/b", "/a/./b/", "/a/x/../b", "/a/b/#", "/a/c.txt", "/a/%62/", "/a/...", "/", "https://x.example/a/b"]
        #expect(
            files.map { checker.resolve($0, from: "index.html")?.file } == [
                "a/b/index.html", "a/b/index.html", "a/b/index.html", "a/b/index.html", "a/b/index.html", "a/c.txt", "a/b/index.html",
                "a/.../index.html", "index.html", "a/b/index.html",
            ])
    }

    /// Schemes are read byte by byte; what Characters make of the same link
    /// (a combining mark joins the ":" before it) is the answer either way.
    @Test func schemesReadAsBytesAsTheyReadAsCharacters() {
        let links = [
            "https://x.example/", "mailto:a@b.c", "data:,x", "C++:x", "a-b.c+d:", "a:", ":x", "1a:b", "/posts/a:b/", "#a:b", "",
            "a b:c", "a\u{301}:x", "ab:\u{301}x", "ab:\u{301}", "\r\nab:x", "é:x", "ab:é", "https", "h:ttp://", "ab\u{200D}:x",
        ]
        for link in links {
            #expect(LinkChecker.hasScheme(link) == LinkChecker.hasSchemeByCharacters(link), "\(Array(link.unicodeScalars))")
        }
        #expect(
            links.filter(LinkChecker.hasScheme) == [
                "https://x.example/", "mailto:a@b.c", "data:,x", "C++:x", "a-b.c+d:", "a:", "ab:é", "h:ttp://",
            ])
    }

    /// A page's links to its own ids that are there are not kept for the
    /// check at the end; a missing one is, to be reported.
    @Test func linksToIdsOfTheSamePageThatAreThereAreNotKept() {
        let html = ##"<h2 id="a">A</h2><a href="#a">a</a> <a href="#b">b</a> <a href="/x/#a">x</a> <a href="#a%20">c</a>"##
        let found = LinkChecker.linksAndIDs(in: Data(html.utf8))
        #expect(found.links == ["#b", "/x/#a", "#a%20"])
        #expect(found.ids == ["a"])
    }

    /// Where the link checker's own scanner (double-quoted `name="…"` only, any
    /// `<` opening a tag) and the feed rewriter's differed; the one scanner now
    /// reads as the HTML tokenizer does. Expected values worked out by hand from
    /// the WHATWG tokenizer states (attribute value (single-quoted / unquoted),
    /// comment, script data, after attribute value (quoted)).
    @Test func readsAttributesAsTheHTMLTokenizerDoes() {
        let html = """
            <A HREF="/upper/" ID="Up">x</A>
            <a href='/single/'>s</a> <a href=/unquoted/>u</a> <a href = "/spaced/">sp</a>
            <a title='1>0' href="/after-quoted-gt/">q</a>
            <!-- <a href="/commented/" id="commented"> -->
            <script>document.write('<img src="/in-script.png" id="scripted">')</script>
            <code>&lt;a href="/as-text/"&gt;</code>
            <a href="/mark/"\u{301} id="after-mark">m</a>
            <p id="x&amp;y">e</p><a href="/a&#47;b/">e</a>
            """
        let found = LinkChecker.linksAndIDs(in: Data(html.utf8))
        // Links stay as written (messages quote them so); ids are decoded, as a fragment is.
        #expect(found.links == ["/upper/", "/single/", "/unquoted/", "/spaced/", "/after-quoted-gt/", "/mark/", "/a&#47;b/"])
        #expect(found.ids == ["Up", "after-mark", "x&y"])
    }

    /// Browsers strip the white space around a URL in `href` or `src` (WHATWG
    /// URL parsing, "strip leading and trailing C0 control or space"): the
    /// links are checked as they reach.
    @Test func whiteSpaceAroundALinkIsDroppedAsBrowsersDo() {
        let html = "<img src=\"/a.png \"><a href=\"\n /b/\t\">b</a><a href=\"/c d/\">c</a>"
        #expect(LinkChecker.linksAndIDs(in: Data(html.utf8)).links == ["/a.png", "/b/", "/c d/"])
    }

    /// A character reference in a link means what it decodes to, as in a browser:
    /// `&#47;` is a `/`, and `#x&amp;y` names the element whose id is `x&y`.
    @Test func characterReferencesInLinksAreDecodedBeforeResolving() {
        let checker = LinkChecker(urls: SiteURLs(baseURL: "https://x.example/"), outputPaths: ["a/b/index.html", "posts/p/index.html"])
        #expect(checker.resolve("/a&#47;b/", from: "index.html")?.file == "a/b/index.html")
        #expect(checker.resolve("#x&amp;y", from: "posts/p/index.html")?.fragment == "x&y")
        #expect(
            checker.resolve("/posts/p/?a=1&amp;b=2#top", from: "index.html").map { [$0.file, $0.fragment] } == [
                "posts/p/index.html", "top",
            ])
        // A named reference quire does not decode leaves the link as written.
        #expect(checker.resolve("/a&nbsp;b/", from: "index.html")?.file == "a&nbsp;b/index.html")
        let found = LinkChecker.linksAndIDs(in: Data(##"<p id="x&amp;y">e</p><a href="#x&amp;y">e</a>"##.utf8))
        let problems = checker.check([
            .init(outputPath: "posts/p/index.html", sourcePath: "content/posts/p.md", links: found.links, ids: found.ids)
        ])
        #expect(problems.isEmpty)
    }

    /// Broken links and anchors are each reported once per page, and a hint
    /// between equally near pages or ids is the first in sort order: pages
    /// and ids are sets, whose order changes from run to run.
    @Test func problemsAreReportedOnceWithTheSameHintEveryRun() {
        let paths: Set<String> = ["posts/p059/index.html", "posts/p009/index.html", "posts/p/index.html", "index.html"]
        let checker = LinkChecker(urls: SiteURLs(baseURL: "https://x.example/"), outputPaths: paths)
        let page = LinkChecker.Page(
            outputPath: "posts/p/index.html", sourcePath: "content/posts/p.md",
            links: [
                "/posts/p999/", "/posts/p999/", "../p999/", "/posts/p009/#ab", "/posts/p009/#ab", "#ba", "https://x.example/posts/p009/",
            ],
            ids: ["ab", "aa", "bb"])
        let target = LinkChecker.Page(
            outputPath: "posts/p009/index.html", sourcePath: "content/posts/p009.md", links: [], ids: ["aa", "bb"])
        let problems = checker.check([page, target])
        #expect(
            problems.map(\.message) == [
                "broken link '/posts/p999/': nothing is built at /posts/p999/index.html",
                "broken link '../p999/': nothing is built at /posts/p999/index.html",
                "broken anchor '/posts/p009/#ab': /posts/p009/index.html has no element with id 'ab'",
                "broken anchor '#ba': /posts/p/index.html has no element with id 'ba'",
            ])
        #expect(
            problems.map(\.hint) == [
                "did you mean '/posts/p009/index.html'?", "did you mean '/posts/p009/index.html'?", "did you mean '#aa'?",
                "did you mean '#aa'?",
            ])
    }

    /// Pages are checked in chunks on all cores, each chunk deciding the
    /// links every page shares once: across many chunks, every page still
    /// reports its own broken links, in page order.
    @Test func everyChunkOfManyPagesReportsItsOwnBrokenLinks() {
        let count = 200
        #expect(count / LinkChecker.pagesPerChunk(of: count) >= 2, "more than one chunk")
        let paths = Set((0..<count).map { "posts/p\($0)/index.html" })
        let checker = LinkChecker(urls: SiteURLs(baseURL: "https://x.example/"), outputPaths: paths)
        let pages = (0..<count).map { index in
            LinkChecker.Page(
                outputPath: "posts/p\(index)/index.html", sourcePath: "content/posts/p\(index).md",
                // Every page shares a good and a broken link; every seventh has one of its own.
                links: ["/posts/p0/", "/tags/gone/"] + (index % 7 == 0 ? ["../q\(index)/"] : []),
                ids: [])
        }
        let problems = checker.check(pages)
        var expected: [String] = []
        for index in 0..<count {
            expected.append("content/posts/p\(index).md: broken link '/tags/gone/'")
            if index % 7 == 0 { expected.append("content/posts/p\(index).md: broken link '../q\(index)/'") }
        }
        #expect(problems.map { "\($0.location.path): \($0.message.prefix { $0 != ":" })" } == expected)
    }
}
