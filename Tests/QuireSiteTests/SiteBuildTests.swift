import Foundation
import QuireDiagnostics
import QuireDirectives
import Testing

@testable import QuireSite

@Suite struct SiteBuildTests {
    static func post(_ title: String, date: String, extra: String = "", body: String = "Some text.") -> String {
        "---\ntitle: \(title)\ndate: \(date)\n\(extra)---\n\n\(body)\n"
    }

    @Test func writesEveryOutputOfTheContract() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/first.md": Self.post("First", date: "2026-01-01", extra: "tags: [ml, Notes]\nseries: Log\n"),
            "content/posts/second/index.md": Self.post(
                "Second", date: "2026-01-02", extra: "tags: [ml]\nseries: Log\n", body: "![plot](figure.svg)"),
            "content/posts/second/figure.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
            "content/posts/second/metrics.csv": "a,b\n1,2\n",
            "content/about.md": "---\ntitle: About\n---\n\nAbout us.\n",
        ])
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let files = Set(SiteFixture.snapshot(fixture.site).keys)
        for expected in [
            "index.html", "posts/first/index.html", "posts/second/index.html", "posts/second/figure.svg", "about/index.html",
            "tags/index.html", "tags/ml/index.html", "tags/notes/index.html", "series/log/index.html",
            "feed.xml", "atom.xml", "sitemap.xml", "404.html", "assets/quire.css",
        ] {
            #expect(files.contains(expected), "missing \(expected)")
        }
        #expect(!files.contains("posts/second/metrics.csv"), "raw data files are not published")
        let second = try fixture.read("site/posts/second/index.html")
        #expect(second.contains("rel=\"prev\""))
        #expect(second.contains("href=\"/posts/first/\""))
        let first = try fixture.read("site/posts/first/index.html")
        #expect(!first.contains("rel=\"prev\""), "the oldest post of a series has no previous link")
        #expect(
            try fixture.read("site/index.html").range(of: "Second")!.lowerBound
                < fixture.read("site/index.html").range(of: "First")!.lowerBound)
    }

    /// A bundle publishes its other files, in folders too, but not its
    /// Markdown, data, hidden files, or links that lead out of the site.
    @Test func bundleFilesArePublishedButNothingOutsideTheSite() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/b/index.md": Self.post("B", date: "2026-01-01", body: "![a](a.svg)"),
            "content/posts/b/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
            "content/posts/b/figures/deep.png": "png",
            "content/posts/b/notes.md": "not a post",
            "content/posts/b/runs.jsonl": "{}",
            "content/posts/b/.hidden.png": "secret",
            "content/data/shared.png": "inside the site",
            "outside-the-site/secret.txt": "secret",
        ])
        defer { fixture.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("quire-outside-\(UUID().uuidString).txt")
        try "secret".write(to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        let bundle = fixture.root.appendingPathComponent("content/posts/b")
        try FileManager.default.createSymbolicLink(
            atPath: bundle.appendingPathComponent("leak.txt").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: bundle.appendingPathComponent("shared.png").path,
            withDestinationPath: fixture.root.appendingPathComponent("content/data/shared.png").path)
        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let files = Set(SiteFixture.snapshot(fixture.site).keys.filter { $0.hasPrefix("posts/b/") })
        #expect(files == ["posts/b/index.html", "posts/b/a.svg", "posts/b/figures/deep.png", "posts/b/shared.png"])
    }

    @Test func paginatesTheIndexAndHonoursPermalinkPatterns() async throws {
        var files: [String: String] = [:]
        for day in 1...5 { files["content/posts/p\(day).md"] = Self.post("Post \(day)", date: "2026-02-0\(day)") }
        let fixture = try SiteFixture(config: SiteFixture.defaultConfig + "\npaginate: 2\npermalink: /:year/:month/:slug/\n", files: files)
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let index = try fixture.read("site/index.html")
        #expect(index.contains("Post 5") && index.contains("Post 4") && !index.contains("Post 3"))
        #expect(index.contains("href=\"/page/2/\""))
        #expect(try fixture.read("site/page/3/index.html").contains("Post 1"))
        #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("2026/02/p3/index.html").path))
    }

    @Test func draftsOnlyWithTheFlag() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/wip.md": Self.post("WIP", date: "2026-01-01", extra: "draft: true\n"),
            "content/posts/sketch/index.md": Self.post("Sketch", date: "2026-01-02", extra: "draft: true\n", body: "![figure](figure.svg)"),
            "content/posts/sketch/figure.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
        ])
        defer { fixture.remove() }
        _ = await fixture.build()
        for path in ["posts/wip/index.html", "posts/sketch/index.html", "posts/sketch/figure.svg"] {
            #expect(!FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent(path).path), "\(path) without --drafts")
        }
        _ = await fixture.build { $0.includeDrafts = true }
        for path in ["posts/wip/index.html", "posts/sketch/index.html", "posts/sketch/figure.svg"] {
            #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent(path).path), "\(path) with --drafts")
        }
    }

    @Test func reportsEveryErrorWithItsLocation() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/no-date.md": "---\ntitle: No date\n---\nText\n",
            "content/posts/bad-date.md": "---\ntitle: Bad\ndate: 2026-02-31\n---\nText\n",
            "content/posts/no-front-matter.md": "Just text\n",
            "content/posts/bad-yaml.md": "---\ntitle: [unclosed\ndate: 2026-01-01\n---\n",
            "content/posts/typo.md": "---\ntitle: Typo\ndate: 2026-01-01\ntgas: [x]\n---\nText\n",
        ])
        defer { fixture.remove() }
        let report = await fixture.build()
        let errors = report.errors.map(\.description)
        #expect(errors.contains("content/posts/no-date.md:1:1: error: 'date' is required"))
        #expect(
            errors.contains("content/posts/bad-date.md:3:7: error: 'date' is not a real date: '2026-02-31' (February 2026 has 28 days)"))
        #expect(errors.contains("content/posts/no-front-matter.md:1:1: error: missing front matter"))
        #expect(errors.contains { $0.hasPrefix("content/posts/bad-yaml.md:3:") && $0.contains("invalid YAML") })
        #expect(
            report.warnings.contains {
                $0.description == "content/posts/typo.md:4:1: warning: unknown key 'tgas' in the front matter is ignored"
                    && $0.hint == "did you mean 'tags'?"
            })
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path), "a failed build writes nothing")
    }

    @Test func aFailedBuildLeavesThePreviousSiteExactlyAsItWas() async throws {
        let fixture = try SiteFixture(files: ["content/posts/ok.md": Self.post("OK", date: "2026-01-01")])
        defer { fixture.remove() }
        #expect(await fixture.build().succeeded)
        let before = SiteFixture.snapshot(fixture.site)
        try fixture.write("content/posts/ok.md", Self.post("OK changed", date: "2026-13-01"))
        let failed = await fixture.build()
        #expect(!failed.succeeded)
        #expect(SiteFixture.snapshot(fixture.site) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter {
            $0.contains(".quire-staging") || $0.contains(".quire-previous")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Pages are written to the staging folder as they are made, so a failure
    /// found later (a broken link, a page on a listing's path) must still leave
    /// the previous site untouched.
    @Test func aFailureAfterPagesWereWrittenLeavesThePreviousSite() async throws {
        let fixture = try SiteFixture(files: ["content/posts/ok.md": Self.post("OK", date: "2026-01-01")])
        defer { fixture.remove() }
        #expect(await fixture.build().succeeded)
        let before = SiteFixture.snapshot(fixture.site)
        let leftovers = {
            try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter {
                $0.contains(".quire-staging") || $0.contains(".quire-previous")
            }
        }

        try fixture.write("content/posts/linker.md", Self.post("Linker", date: "2026-01-02", body: "See [nowhere](/posts/nowhere/)."))
        let broken = await fixture.build()
        #expect(
            broken.errors.contains { $0.message.contains("broken link '/posts/nowhere/'") && $0.location.path == "content/posts/linker.md" }
        )
        #expect(SiteFixture.snapshot(fixture.site) == before)
        #expect(try leftovers().isEmpty)

        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("content/posts/linker.md"))
        try fixture.write("content/tags.md", "---\ntitle: Tags\n---\n\nA page where the tag list goes.\n")
        let twice = await fixture.build()
        #expect(twice.errors.contains { $0.message.contains("'tags/index.html' would be written twice") }, "\(twice.diagnostics)")
        #expect(SiteFixture.snapshot(fixture.site) == before)
        #expect(try leftovers().isEmpty)
    }

    @Test func brokenAndMissingTemplatesAreLocated() async throws {
        let fixture = try SiteFixture(files: ["content/posts/ok.md": Self.post("OK", date: "2026-01-01")], copyTheme: true)
        defer { fixture.remove() }
        try fixture.write(
            "templates/partials/footer.mustache", "<footer>\n<p>{{#site.author}}{{site.author}}{{/site.title}}</p>\n</footer>\n")
        // A template the site's theme lacks comes from the built-in theme.
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("templates/tags.mustache"))
        let report = await fixture.build()
        let broken = report.errors.first { $0.message.contains("template does not parse") }
        #expect(broken?.location.path == "templates/partials/footer.mustache")
        #expect(broken?.location.line == 2, "the line as the author numbers it")
        #expect(report.errors.count == 1, "\(report.errors)")
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func refusesToReplaceAFolderItDidNotMake() async throws {
        let fixture = try SiteFixture(files: ["content/posts/ok.md": Self.post("OK", date: "2026-01-01")])
        defer { fixture.remove() }
        try fixture.write("precious/notes.txt", "keep me")
        let report = await fixture.build { $0.output = fixture.root.appendingPathComponent("precious") }
        #expect(report.errors.contains { $0.message.contains("was not made by quire") })
        #expect(try fixture.read("precious/notes.txt") == "keep me")
        let itself = await fixture.build { $0.output = fixture.root }
        #expect(itself.errors.contains { $0.message.contains("would replace the site itself") })
    }

    @Test func twoBuildsAreByteIdenticalInAnyTimeZone() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/a.md": Self.post("A", date: "2026-01-01T23:30:00", extra: "tags: [x, y, z]\n"),
            "content/posts/b.md": Self.post("B", date: "2026-01-02", extra: "tags: [z, y]\nseries: S\n"),
            "content/posts/c.md": Self.post("C", date: "2026-01-02", extra: "series: S\n"),
        ])
        defer { fixture.remove() }
        let other = fixture.root.appendingPathComponent("other")
        #expect(await fixture.build().succeeded)
        setenv("TZ", "Pacific/Kiritimati", 1)
        tzset()
        defer {
            unsetenv("TZ")
            tzset()
        }
        #expect(await fixture.build { $0.output = other }.succeeded)
        let first = SiteFixture.snapshot(fixture.site)
        #expect(first.count > 10)
        #expect(first == SiteFixture.snapshot(other))
    }

    /// A directive that shows its block back, to prove the hook end to end.
    struct EchoDirective: Directive {
        let name = "query"
        func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
            if block.body.contains("fail") {
                throw Diagnostic.error(at: block.bodyLocation.advanced(lines: 1, column: 3), "echo refused")
            }
            return DirectiveOutput(
                html: "<div class=\"echo\">\(block.argument)@\(block.location)</div>",
                feedHTML: "<img src=\"echo.svg\" alt=\"echo\">",
                files: ["echo.svg": Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)])
        }
    }

    @Test func directivesReplaceTheirBlocksWithLocatedErrors() async throws {
        let body = "Intro.\n\n```query losses\nSELECT 1\n```\n\n```query broken\nline one\n  fail here\n```\n"
        let fixture = try SiteFixture(files: ["content/posts/d/index.md": Self.post("D", date: "2026-01-01", body: body)])
        defer { fixture.remove() }
        let failing = await fixture.build { $0.directives = DirectiveRegistry([EchoDirective()]) }
        #expect(failing.errors.map(\.description) == ["content/posts/d/index.md:14:3: error: echo refused"])

        try fixture.write(
            "content/posts/d/index.md", Self.post("D", date: "2026-01-01", body: "Intro.\n\n```query losses\nSELECT 1\n```\n"))
        let report = await fixture.build { $0.directives = DirectiveRegistry([EchoDirective()]) }
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(try fixture.read("site/posts/d/index.html").contains("<div class=\"echo\">losses@content/posts/d/index.md:8:1</div>"))
        #expect(try fixture.read("site/posts/d/echo.svg").hasPrefix("<svg"))
        #expect(try fixture.read("site/feed.xml").contains("&lt;img src=\"https://fixture.example/posts/d/echo.svg\""))
    }

    @Test func unimplementedDirectivesGiveLocatedErrorsNotCrashes() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/x.md": Self.post("X", date: "2026-01-01", body: "```chart\ndata: nothing\n```\n\nValue {{ t.c }}.\n")
        ])
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(!report.succeeded)
        #expect(report.errors.allSatisfy { $0.location.path == "content/posts/x.md" && $0.location.line >= 6 })
    }

    /// Hugo and Jekyll keep a name's letters in its URL. Two tags in another
    /// script once both became `untitled`, and one vanished from the post.
    @Test func namesInOtherScriptsKeepTheirLettersAndTheirOwnPages() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/学習ノート.md": """
            ---
            title: 学習ノート
            date: 2026-01-02
            tags: [日本語, 中文, Über]
            ---
            Back to [this note](/posts/学習ノート/) and [the tag](/tags/日本語/).
            """
        ])
        defer { fixture.remove() }
        let report = await fixture.build()
        try #require(report.succeeded, "\(report.diagnostics)")
        for path in ["posts/学習ノート/index.html", "tags/日本語/index.html", "tags/中文/index.html", "tags/uber/index.html"] {
            #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent(path).path), "\(path) is missing")
        }
        let post = try fixture.read("site/posts/学習ノート/index.html")
        // Links and feeds carry the letters percent-encoded as UTF-8, as URLs must.
        #expect(post.contains(#"href="/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/" rel="tag">日本語</a>"#))
        #expect(post.contains(#"href="/tags/%E4%B8%AD%E6%96%87/" rel="tag">中文</a>"#))
        #expect(post.contains(#"href="/tags/uber/" rel="tag">Über</a>"#))
        #expect(
            try fixture.read("site/feed.xml").contains(
                "<link>https://fixture.example/posts/%E5%AD%A6%E7%BF%92%E3%83%8E%E3%83%BC%E3%83%88/</link>"))
        #expect(try fixture.read("site/sitemap.xml").contains("<loc>https://fixture.example/tags/%E4%B8%AD%E6%96%87/</loc>"))
    }
}
