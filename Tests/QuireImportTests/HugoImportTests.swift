import Foundation
import QuireImport
import QuireSite
import Testing

/// Hugo sites, one construct at a time. The oracle for addresses is Hugo
/// itself (installed by scripts/install-deps --test): the fixture is built
/// with `hugo`, and every page it writes must exist at the same path in
/// quire's output.
@Suite struct HugoImportTests {
    static let layouts = [
        "layouts/_default/single.html": "<p>HUGO-PAGE {{ .Title }}</p>{{ .Content }}\n",
        "layouts/_default/list.html": "list\n",
    ]

    static let posts = [
        "content/posts/hello-world.md":
            "---\ntitle: \"Hello, World!\"\ndate: 2019-03-04T00:30:00+01:00\ntags: [intro]\n---\nFirst words.\n",
        "content/posts/bundle/index.md":
            "+++\ntitle = \"A bundle\"\ndate = 2020-01-02\nslug = \"bundled-post\"\ncategories = [\"ml\"]\n+++\n![A plot](plot.png)\n",
        "content/posts/2021/nested.md": "---\ntitle: Nested\ndate: 2021-06-07\n---\nDeeper.\n",
        "content/about.md": "---\ntitle: About\n---\nMe.\n",
    ]

    /// The pages Hugo writes for the fixture, relative to its output.
    static func hugoPages(_ fixture: ImportFixture) throws -> [String] {
        let output = fixture.folder.appendingPathComponent("hugo-out")
        let run = try Program.run("hugo", ["--quiet", "-s", fixture.source.path, "-d", output.path], in: fixture.folder)
        #expect(run.status == 0, "hugo failed: \(run.output)")
        return ImportFixture.files(under: output).filter { path in
            (try? String(contentsOf: output.appendingPathComponent(path), encoding: .utf8))?.contains("HUGO-PAGE") == true
        }
    }

    @Test(arguments: [
        ("hugo.toml", "baseURL = \"https://ex.org/blog/\"\ntitle = \"Old\"\n[permalinks]\n  posts = \"/:year/:month/:title/\"\n"),
        ("config.toml", "baseURL = 'https://ex.org/'\ntitle = 'Old'\n[permalinks]\nposts = '/:year/:month/:day/:slug/'\n"),
        ("hugo.yaml", "baseURL: https://ex.org/\ntitle: Old\npermalinks:\n  posts: /:slugorfilename/\n"),
        ("config.yaml", "baseURL: https://ex.org/\ntitle: Old\n"),
        ("hugo.toml", "baseURL = \"https://ex.org/\"\ntitle = \"Old\"\nuglyURLs = true\n"),
        ("hugo.toml", "baseURL = \"https://ex.org/\"\ntitle = \"Old\"\n[permalinks.page]\nposts = \"/notes/:year/:filename/\"\n"),
    ])
    func everyConfigFormatAndPermalinkKeepsHugosAddresses(configName: String, config: String) async throws {
        var files = Self.layouts.merging(Self.posts) { $1 }
        files[configName] = config
        let fixture = try ImportFixture(files)
        defer { fixture.remove() }
        try fixture.writePNG("content/posts/bundle/plot.png")
        let expected = try Self.hugoPages(fixture)
        #expect(expected.count == 4, "\(expected)")
        let (report, build) = try await fixture.importAndBuild(.hugo)
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(report.posts == 3 && report.pages == 1)
        for page in expected {
            #expect(
                fixture.exists(page),
                "Hugo wrote \(page); quire wrote \(ImportFixture.files(under: fixture.site).filter { $0.hasSuffix(".html") })")
        }
        let bundled = try #require(expected.first { $0.contains("bundle") })
        let folder = (bundled as NSString).deletingLastPathComponent
        let html = try #require(fixture.output(bundled))
        // The image sits in the post's folder (or, for a `.html` address, in the folder named after the page).
        let image =
            bundled.hasSuffix("index.html")
            ? "plot.png" : (bundled as NSString).lastPathComponent.replacingOccurrences(of: ".html", with: "/plot.png")
        #expect(html.contains("<img src=\"\(image)\""), "\(image)")
        #expect(fixture.exists((folder.isEmpty ? "" : folder + "/") + image))
    }

    /// With no `mainSections` and no `posts`, `post` or `blog` folder, Hugo's
    /// main section is the one with the most pages (a real blog kept its posts
    /// in `content/articles/`, and 0 posts were imported). A page's image from
    /// `static/` goes to the theme's static folder, so the page keeps it.
    @Test func theLargestSectionHoldsThePostsAndPagesKeepTheirImages() async throws {
        var files = Self.layouts
        files["config.toml"] = "baseURL = \"https://ex.org/\"\ntitle = \"Old\"\n"
        for name in ["one", "two", "three"] {
            files["content/articles/\(name).md"] = "---\ntitle: \(name)\ndate: 2019-03-04\n---\nText of \(name).\n"
        }
        files["content/quotes/wise.md"] = "---\ntitle: Wise\ndate: 2019-03-05\n---\nA quote.\n"
        files["content/about.md"] = "---\ntitle: About\n---\n![Me](/images/me.png) and <img src=\"/images/me.png\">\n"
        let fixture = try ImportFixture(files)
        defer { fixture.remove() }
        try fixture.writePNG("static/images/me.png")
        let expected = try Self.hugoPages(fixture)
        #expect(expected.filter { $0.hasPrefix("articles/") }.count == 3, "\(expected)")
        let (report, build) = try await fixture.importAndBuild(.hugo)
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(report.posts == 3 && report.pages == 1)
        for page in expected where !page.hasPrefix("quotes/") {
            #expect(fixture.exists(page), "Hugo wrote \(page)")
        }
        let about = try #require(fixture.output("about/index.html"))
        #expect(about.components(separatedBy: "src=\"/assets/images/me.png\"").count - 1 == 2, "\(about)")
        #expect(fixture.exists("assets/images/me.png"))
        #expect(report.translated["page's file copied into templates/static/ (published under assets/)"] == 2)
        #expect(report.notTranslated.contains { $0.path == "content/quotes" && $0.message.contains("posts come from articles") })
    }

    /// Hugo reads front matter keys in any case (a real blog, moved from
    /// Pelican, wrote `Title:`, `Date:`, `Category:`); before, its posts lost
    /// their titles and dates.
    @Test func frontMatterKeysAreReadInAnyCase() async throws {
        let fixture = try ImportFixture(
            Self.layouts.merging([
                "config.toml": "baseURL = \"https://ex.org/\"\ntitle = \"Old\"\n",
                "content/posts/caps.md":
                    "---\nTitle: BBQ/World cup\nDate: 2010-06-12 23:10:00\nCategory: life\nTags: [food]\nAuthors: [Simon]\n---\nText.\n",
            ]) { $1 })
        defer { fixture.remove() }
        let expected = try Self.hugoPages(fixture)
        let (report, build) = try await fixture.importAndBuild(.hugo)
        #expect(build.succeeded, "\(build.diagnostics)")
        for page in expected { #expect(fixture.exists(page), "Hugo wrote \(page)") }
        let imported = try #require(fixture.imported("content/posts/caps/index.md"))
        #expect(imported.contains("title: \"BBQ/World cup\"\ndate: 2010-06-12T23:10:00"), "\(imported)")
        #expect(imported.contains("tags: [\"food\", \"life\"]") || imported.contains("tags: [\"life\", \"food\"]"), "\(imported)")
        #expect(imported.contains("author: \"Simon\""))
        #expect(report.droppedKeys.isEmpty, "\(report.droppedKeys)")
        #expect(!report.notTranslated.contains { $0.message.contains("no date") })
    }

    /// A site in two languages (wowchemy's starter): the default language's
    /// folder is read, its addresses keep their `/ko/` (checked against Hugo),
    /// the other language is noted; themes' admonitions become GitHub alerts;
    /// a landing page's blank title is its file's name.
    @Test func theDefaultLanguageIsImportedWithItsAddressesAndAdmonitionsBecomeAlerts() async throws {
        let fixture = try ImportFixture(
            Self.layouts.merging([
                "config/_default/hugo.yaml":
                    "baseURL: https://ex.org/\ntitle: Lab\ndefaultContentLanguage: ko\ndefaultContentLanguageInSubdir: true\n",
                "config/_default/languages.yaml":
                    "ko:\n  languageCode: ko\n  contentDir: content/ko\nen:\n  languageCode: en\n  contentDir: content/en\n",
                "content/ko/post/first/index.md": """
                ---
                title: 첫 글
                date: 2024-01-02
                ---
                {{% callout warning %}}
                Read *this* first.

                ```sh
                make
                ```
                {{% /callout %}}
                After the callout, {{< hl >}}marked{{< /hl >}}.

                {{< spoiler text="More" >}}
                Hidden.
                {{< /spoiler >}}

                {{< alert title="Heads up" color="danger" >}}
                Careful.
                {{< /alert >}}
                """,
                "content/ko/about/index.md": "---\ntitle: ''\n---\nAbout me.\n",
                // The theme's shortcodes, so that Hugo builds the fixture.
                "layouts/shortcodes/callout.html": "{{ .Inner }}", "layouts/shortcodes/hl.html": "{{ .Inner }}",
                "layouts/shortcodes/spoiler.html": "{{ .Inner }}", "layouts/shortcodes/alert.html": "{{ .Inner }}",
                "content/en/post/first/index.md": "---\ntitle: First\ndate: 2024-01-02\n---\nEnglish.\n",
            ]) { $1 })
        defer { fixture.remove() }
        let expected = try Self.hugoPages(fixture)
        #expect(expected.contains("ko/post/first/index.html"), "\(expected)")
        let (report, build) = try await fixture.importAndBuild(.hugo)
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(report.posts == 1 && report.pages == 1 && report.permalink == "/ko/post/:slug/")
        for page in expected where page.hasPrefix("ko/") { #expect(fixture.exists(page), "Hugo wrote \(page)") }
        let html = try #require(fixture.output("ko/post/first/index.html"))
        #expect(html.contains("<div class=\"callout callout-warning\">"))
        #expect(html.contains("<p>Read <em>this</em> first.</p>") && html.contains("make"))
        #expect(html.contains("<p>After the callout, <mark>marked</mark>.</p>"), "\(html)")
        #expect(html.contains("<details><summary>More</summary>") && html.contains("<p>Hidden.</p>"))
        #expect(html.contains("<div class=\"callout callout-caution\">") && html.contains("<strong>Heads up</strong>"))
        #expect(fixture.imported("content/about.md")?.contains("title: \"About\"") == true)
        #expect(report.notTranslated.contains { $0.path == "config" && $0.message.contains("content/en") })
    }

    @Test func configBecomesQuireYAML() async throws {
        let fixture = try ImportFixture(
            Self.layouts.merging(Self.posts) { $1 }.merging([
                "hugo.toml": """
                baseURL = "https://ex.org/blog/"
                title = "Lab notes"
                languageCode = "en-gb"
                timeZone = "America/New_York"
                [params]
                  description = "Experiments"
                  [params.author]
                    name = "Grace"
                """
            ]) { $1 })
        defer { fixture.remove() }
        try fixture.writePNG("content/posts/bundle/plot.png")
        let (_, build) = try await fixture.importAndBuild(.hugo)
        #expect(build.succeeded, "\(build.diagnostics)")
        let yaml = try #require(fixture.imported("quire.yaml"))
        for line in [
            "title: \"Lab notes\"", "base_url: \"https://ex.org/blog/\"", "author: \"Grace\"", "description: \"Experiments\"",
            "language: \"en-gb\"", "timezone: America/New_York", "permalink: /posts/:slug/",
        ] {
            #expect(yaml.contains(line), "\(line) in \(yaml)")
        }
    }

    @Test func shortcodesAreTranslated() async throws {
        let fixture = try ImportFixture(
            Self.layouts.merging([
                "hugo.toml": "baseURL = \"https://ex.org/\"\ntitle = \"Old\"\n[params]\nmath = true\n",
                "content/posts/target.md": "---\ntitle: Target\ndate: 2019-01-01\n---\nHere.\n",
                "content/posts/codes/index.md": """
                ---
                title: Codes
                date: 2019-02-03
                description: Shortcodes everywhere
                draft: false
                ---
                {{< figure src="/images/arch.png" title="The architecture" >}}

                {{< figure src="local.png" caption="A *local* figure with $x^2$" >}}

                Inline {{< katex >}}\\alpha + \\beta{{< /katex >}} math, and $y = mx$ already.

                {{< katex display >}}
                \\int_0^1 f(x)\\,dx
                {{< /katex >}}

                See [the target]({{< ref "target.md" >}}) or [again]({{< relref "posts/target" >}}).

                {{< highlight go "linenos=table" >}}
                func main() {}
                {{< /highlight >}}

                {{< youtube dQw4w9WgXcQ >}}

                {{< tweet user="x" id="1" >}} {{< gist ada 6456980 >}} {{< vimeo 55073825 >}}

                {{< details summary="More & less" >}}
                Folded *text*.
                {{< /details >}}

                {{% notice info %}}
                Inside a notice.
                {{% /notice %}}

                Literal {{</* figure src="x" */>}} in prose.

                export default {{
                  run: async () => {{ /* nested */ }}
                }};

                <!-- <ul>
                    {{- range .Data.Terms }}<li>{{ .Name }}</li>{{ end }}
                </ul> -->

                ```
                {{</* ref "x" */>}}
                ```
                """,
            ]) { $1 })
        defer { fixture.remove() }
        try fixture.writePNG("static/images/arch.png")
        try fixture.writePNG("content/posts/codes/local.png")
        let (report, build) = try await fixture.importAndBuild(.hugo)
        #expect(build.succeeded, "\(build.diagnostics)")
        let html = try #require(fixture.output("posts/codes/index.html"))
        #expect(fixture.exists("posts/codes/arch.png") && fixture.exists("posts/codes/local.png"))
        #expect(html.contains("<img src=\"arch.png\" alt=\"The architecture\"") && html.contains("<img src=\"local.png\""))
        #expect(html.contains("The architecture"))
        // x^2 in a caption, α+β, y = mx, and the display integral.
        #expect(html.components(separatedBy: "<math").count - 1 == 4)
        #expect(html.contains("href=\"/posts/target/\""))
        #expect(html.contains("https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
        #expect(html.contains("Inside a notice."))
        #expect(html.contains("{{&lt; figure src=") || html.contains("{{< figure src="))
        #expect(html.contains("{{&lt; ref &quot;x&quot; &gt;}}") || html.contains("{{&lt; ref \"x\" &gt;}}"))
        let visible = ImportFixture.visibleText(
            html.replacingOccurrences(
                of: #"Literal[^<]*in prose|export default[^<]*|<!--[\s\S]*?-->"#, with: "", options: .regularExpression))
        // A commented-out template stays a comment, not an inline value.
        #expect(fixture.imported("content/posts/codes/index.md")?.contains("<!-- <ul>\n    \\{{- range .Data.Terms }}") == true)
        // Braces that are no template at all, one `{{` inside another, stay as written.
        #expect(html.contains("{{ /* nested */ }}"), "\(html)")
        #expect(!visible.contains("{{"), "\(visible)")
        let notes = report.notTranslated.map(\.message)
        #expect(!notes.contains { $0.contains("tweet") || $0.contains("notice") })
        #expect(html.contains("<div class=\"callout callout-note\">") && html.contains("<p>Inside a notice.</p>"))
        #expect(html.contains("<a href=\"https://x.com/x/status/1\">Post by @x on X</a>"))
        #expect(html.contains("<a href=\"https://gist.github.com/ada/6456980\">Gist ada/6456980</a>"))
        #expect(html.contains("<a href=\"https://vimeo.com/55073825\">Vimeo video 55073825</a>"))
        #expect(html.contains("<details><summary>More &amp; less</summary>\n<p>Folded <em>text</em>.</p>\n</details>"))
        #expect(report.translated["shortcode figure → image"] == 2)
        #expect(fixture.imported("content/posts/codes/index.md")?.contains("summary: \"Shortcodes everywhere\"") == true)
    }

    /// Without Goldmark's passthrough, Hugo resolved `\\_` before MathJax saw the TeX; with it, the TeX is verbatim.
    @Test(arguments: [(false, "x_{i}"), (true, "x\\_{i}")])
    func mathKeepsWhatTheOldSitesTeXSaw(passthrough: Bool, tex: String) async throws {
        let config =
            "baseURL = \"https://ex.org/\"\ntitle = \"Old\"\n[params]\nmath = true\n"
            + (passthrough ? "[markup.goldmark.extensions.passthrough]\nenable = true\n" : "")
        let fixture = try ImportFixture(
            Self.layouts.merging([
                "hugo.toml": config,
                "content/posts/escapes.md": "---\ntitle: Escapes\ndate: 2019-01-01\n---\nSum $x\\_{i}$ here.\n",
            ]) { $1 })
        defer { fixture.remove() }
        _ = try SiteImporter.run(.hugo, source: fixture.source, destination: fixture.destination)
        #expect(fixture.imported("content/posts/escapes/index.md")?.contains("Sum $\(tex)$ here.") == true)
    }

    @Test func singleDollarsStayDollarsWithoutMath() async throws {
        let fixture = try ImportFixture(
            Self.layouts.merging([
                "config.toml": "baseURL = \"https://ex.org/\"\ntitle = \"Old\"\n",
                "content/posts/money.md":
                    "+++\ntitle = \"Money\"\ndate = 2019-01-01T10:00:00Z\ntags = \"cost budget\"\n+++\nIt cost $5 and then $10 more.\n",
            ]) { $1 })
        defer { fixture.remove() }
        let (_, build) = try await fixture.importAndBuild(.hugo)
        #expect(build.succeeded, "\(build.diagnostics)")
        let html = try #require(fixture.output("posts/money/index.html"))
        #expect(html.contains("It cost $5 and then $10 more.") && !html.contains("<math"))
        #expect(fixture.imported("content/posts/money/index.md")?.contains("tags: [\"cost\", \"budget\"]") == true)
    }
}
