import Foundation
import QuireImport
import QuireSite
import Testing

/// Jekyll sites, one construct at a time. Expected addresses are worked out
/// by hand from Jekyll's documented permalink styles (jekyllrb.com/docs/permalinks:
/// date = /:categories/:year/:month/:day/:title:output_ext, pretty = …/:title/,
/// ordinal = /:categories/:year/:y_day/:title:output_ext, none = /:categories/:title:output_ext).
@Suite struct JekyllImportTests {
    static let config = """
        title: Old Blog
        description: Notes on learning
        author:
          name: Ada Lovelace
          email: ada@example.org
        url: "https://ada.github.io"
        baseurl: "/notes"
        timezone: Europe/Berlin

        """

    static func post(_ title: String, _ extra: String = "", body: String = "Some text.\n") -> String {
        "---\nlayout: post\ntitle: \"\(title)\"\n\(extra)---\n\(body)"
    }

    @Test(arguments: [
        // (permalink line, expected output file of _posts/2019-03-04-attention-please.md in category "ml")
        ("", "ml/2019/03/04/attention-please.html"),
        ("permalink: date", "ml/2019/03/04/attention-please.html"),
        ("permalink: pretty", "ml/2019/03/04/attention-please/index.html"),
        ("permalink: ordinal", "ml/2019/063/attention-please.html"),
        ("permalink: none", "ml/attention-please.html"),
        ("permalink: /:year/:month/:day/:title.html", "2019/03/04/attention-please.html"),
        ("permalink: /blog/:year/:title/", "blog/2019/attention-please/index.html"),
        ("permalink: /:year/:month/:day/:title", "2019/03/04/attention-please.html"),
        ("permalink: /:short_year/:i_month/:title/", "19/3/attention-please/index.html"),
    ])
    func everyPermalinkStyleKeepsTheOldAddress(permalink: String, expected: String) async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config + permalink + "\n",
            "_posts/2019-03-04-attention-please.md": Self.post("Attention, please", "categories: ML\n"),
            "_posts/2018-01-02-plain.markdown": Self.post("Plain"),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(fixture.exists(expected), "\(ImportFixture.files(under: fixture.site).filter { $0.contains("attention") })")
        #expect(fixture.output(expected)?.contains("Attention, please") == true)
        #expect(report.posts == 2)
    }

    @Test func configBecomesQuireYAML() async throws {
        let fixture = try ImportFixture(["_config.yml": Self.config, "_posts/2019-03-04-a.md": Self.post("A")])
        defer { fixture.remove() }
        let (_, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let yaml = try #require(fixture.imported("quire.yaml"))
        #expect(yaml.contains("title: \"Old Blog\""))
        #expect(yaml.contains("base_url: \"https://ada.github.io/notes/\""))
        #expect(yaml.contains("author: \"Ada Lovelace\""))
        #expect(yaml.contains("description: \"Notes on learning\""))
        #expect(yaml.contains("timezone: Europe/Berlin"))
        #expect(yaml.contains("permalink: /:year/:month/:day/:slug.html"))
    }

    @Test func frontMatterIsMapped() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-mapped.md": """
            ---
            layout: post
            title: Mapped
            date: 2019-03-04 10:00:00 +0100
            last_modified_at: 2019-04-01
            excerpt: A short summary.
            tags: [rl, "deep learning"]
            categories: ML research
            comments: true
            mathjax: true
            ---
            Body.
            """,
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let post = try #require(fixture.imported("content/posts/mapped/index.md"))
        #expect(post.contains("date: 2019-03-04T10:00:00+01:00"))
        #expect(post.contains("updated: 2019-04-01"))
        #expect(post.contains("summary: \"A short summary.\""))
        #expect(post.contains("tags: [\"rl\", \"deep learning\", \"ML\", \"research\"]"))
        #expect(!post.contains("layout") && !post.contains("comments"))
        #expect(report.droppedKeys == ["layout": 1, "comments": 1, "mathjax": 1])
        #expect(fixture.output("ml/research/2019/03/04/mapped.html")?.contains("A short summary.") == true)
    }

    @Test func draftsAndPages() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config + "permalink: pretty\n",
            "_posts/2019-03-04-a.md": Self.post("A"),
            "_drafts/unfinished.md": Self.post("Unfinished", "date: 2020-05-06\n"),
            "about.md": "---\nlayout: page\ntitle: About\n---\nWho I am.\n",
            "cv.md": "---\ntitle: CV\npermalink: /curriculum/\n---\nWork.\n",
            "README.md": "no front matter\n",
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll, drafts: true)
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(report.posts == 2 && report.drafts == 1 && report.pages == 2)
        #expect(fixture.imported("content/posts/unfinished/index.md")?.contains("draft: true") == true)
        #expect(fixture.output("about/index.html")?.contains("Who I am.") == true)
        #expect(fixture.output("curriculum/index.html")?.contains("Work.") == true)
    }

    @Test func postImagesAreCopiedBesideThePost() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-pictures.md": Self.post(
                "Pictures",
                body: """
                    ![Loss]({{ site.baseurl }}/assets/images/loss.png)

                    ![Grad]({{ '/assets/images/grad.png' | relative_url }})

                    <img src="{{ "/assets/images/arch.png" | absolute_url }}" alt="arch">

                    [the paper](/notes/assets/paper.pdf) and a [relative](../../../../assets/images/loss.png) one.

                    """),
            "_posts/2019-03-04-same-day.md": Self.post("Same day", body: "![Loss]({{ site.baseurl }}/assets/other/loss.png)\n"),
        ])
        defer { fixture.remove() }
        for image in ["assets/images/loss.png", "assets/images/grad.png", "assets/images/arch.png", "assets/other/loss.png"] {
            try fixture.writePNG(image)
        }
        try fixture.write("assets/paper.pdf", "%PDF-1.4\n")
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        // Posts of one day share a folder: each one's files sit in a folder named after it.
        for file in ["pictures/loss.png", "pictures/grad.png", "pictures/arch.png", "pictures/paper.pdf", "same-day/loss.png"] {
            #expect(fixture.exists("2019/03/04/" + file), "\(file)")
        }
        let html = try #require(fixture.output("2019/03/04/pictures.html"))
        #expect(html.contains("src=\"pictures/loss.png\""))
        #expect(!html.contains("{{") && !html.contains("{%"))
        #expect(report.assets == 5)
        #expect(report.notTranslated.isEmpty, "\(report.notTranslated)")
    }

    @Test func liquidAndKramdownAreTranslated() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config + "permalink: /:year/:title/\n",
            "_includes/note.html": "<aside class=\"note\">Plain HTML note</aside>\n",
            "_includes/dynamic.html": "<p>{{ include.text }}</p>\n",
            "_posts/2019-01-01-first.md": Self.post("First"),
            "_posts/2019-03-04-liquid.md": Self.post(
                "Liquid",
                body: """
                    * TOC
                    {:toc}

                    ## Code

                    {% highlight python linenos %}
                    def f(x):
                        return {"a": x}
                    {% endhighlight %}

                    {% raw %}Jinja uses {{ name }} and {% tag %}.{% endraw %}

                    ```liquid
                    {% raw %}{{ page.title }}{% endraw %}
                    ```

                    Inline `{{ not touched }}` code.

                    {% include note.html %}

                    {% include dynamic.html text="x" %}

                    See [the first post]({{ site.baseurl }}{% post_url 2019-01-01-first %}) and [again]({% link _posts/2019-01-01-first.md %}).

                    A table follows.
                    {: .table-class}

                    {::options parse_block_html="true" /}

                    Emphasis{: .red} here; it costs $5 or $10.

                    {% comment %}
                    hidden
                    {% endcomment %}

                    Unknown {{ page.author | upcase }} output.

                    ## Math

                    Inline $$a+b$$ math and $$ \\frac{1}{2} $$ too.

                    $$
                    \\sum_i x_i^{{2}}
                    $$

                    """),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let html = try #require(fixture.output("2019/liquid/index.html"))
        // What {% raw %} shows on purpose aside, no template text is left.
        let visible = ImportFixture.visibleText(html).replacingOccurrences(of: "Jinja uses {{ name }} and {% tag %}.", with: "")
        #expect(!visible.contains("{%") && !visible.contains("{:") && !visible.contains("TOC"), "\(visible)")
        #expect(html.contains("Jinja uses {{ name }} and {% tag %}."))
        #expect(html.contains("{{ page.title }}") && !html.contains("{% raw %}"))
        #expect(html.contains("<code>{{ not touched }}</code>"))
        #expect(html.contains("<aside class=\"note\">Plain HTML note</aside>"))
        #expect(html.contains("href=\"/notes/2019/first/\""))
        #expect(!html.contains("hidden"))
        #expect(html.contains("costs $5 or $10"))
        #expect(html.contains("{{ page.author | upcase }}"))
        // Two inline formulas and one display formula.
        #expect(html.components(separatedBy: "<math").count - 1 == 3)
        #expect(html.components(separatedBy: "display=\"block\"").count - 1 == 1)
        #expect(html.contains("class=\"language-python\"") || html.contains("language-python"))
        let notes = report.notTranslated.map(\.message).joined(separator: "\n")
        #expect(notes.contains("include dynamic.html"))
        #expect(notes.contains("{{ page.author | upcase }}"))
        #expect(report.notTranslated.allSatisfy { $0.path == "_posts/2019-03-04-liquid.md" && $0.line > 5 })
        #expect(report.translated["{% highlight %} → fenced code"] == 1)
        #expect(report.translated["kramdown inline $$…$$ → $…$"] == 2)
    }

    @Test func kramdownDisplayMathMayHoldBlankLinesAndNamedAnchorsBecomeIDs() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-blocks.md": Self.post(
                "Blocks",
                body: """
                    <a name="first"></a>Jump [down](#second).

                    $$
                    a = 1

                    b = 2
                    $$

                    <a name='second' />Here, and [back](#first).

                    """),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let html = try #require(fixture.output("2019/03/04/blocks.html"))
        #expect(html.components(separatedBy: "display=\"block\"").count - 1 == 1)
        #expect(html.contains("id=\"first\"") && html.contains("id=\"second\""))
        #expect(report.translated["HTML <a name> anchor → id"] == 2)
    }

    /// MathJax shows `_ & # ^` inside `\\text{…}` as typed (seen in a real
    /// ML blog: `\\text{sentence_length}`, `\\text{; x & y}` in an aligned
    /// block); quire's math, like KaTeX, needs them escaped there.
    @Test func mathJaxTextSpecialsAreEscapedSoTheyShowAsBefore() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-text.md": Self.post(
                "Text in math",
                body: """
                    Noise $$n=\\alpha \\times \\text{sentence_length}$$ and $$\\mathcal{L}_\\text{style_fwd}$$.

                    $$
                    \\begin{aligned}
                    a &= b_1 & \\text{; since x & y, see #2, 2^n and $x_i$}
                    \\end{aligned}
                    $$

                    """),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let html = try #require(fixture.output("2019/03/04/text.html"))
        #expect(html.contains("<mtext>sentence_length</mtext>"))
        #expect(html.contains("<mtext>style_fwd</mtext>"))
        #expect(html.contains("<mtext>; since x &amp; y, see #2, 2^</mtext><mtext>n and\u{A0}</mtext>"))
        // Math nested in the text, and the formula around it, keep their subscripts.
        #expect(html.components(separatedBy: "<msub>").count - 1 == 3)
        #expect(report.translated["_ & # ^ inside \\text{…} escaped, shown as the old site's MathJax showed them"] == 5)
    }

    /// A real blog's broken links (a placeholder `(TBA)`, `#Results` where the
    /// heading's id is `results`, `<a href="#x" />` written for `name`) would
    /// stop the new site from building: they are unlinked, text kept, and
    /// noted at their line; code that shows such a link is left alone.
    @Test func linksThatReachNothingAreUnlinkedAndNoted() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-broken.md": Self.post(
                "Broken",
                body: """
                    See [the missing part](TBA) and [`code` in it](TBA "later"), ![lost figure](/assets/none.png).

                    Jump to [the results](#Results).

                    <a href="#nowhere" />An anchor written as a link. <img src="/gone.png" alt="A gone figure" width="20">

                    Inline `[kept](TBA)` stays.

                    ```
                    [kept](TBA)
                    ```

                    ## Results

                    A [working link](#results) stays.

                    """),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let imported = try #require(fixture.imported("content/posts/broken/index.md"))
        #expect(imported.contains("See the missing part and `code` in it, lost figure.\n"))
        #expect(imported.contains("Jump to the results.\n"))
        #expect(imported.contains("<a />An anchor written as a link. A gone figure\n"))
        #expect(imported.contains("Inline `[kept](TBA)` stays."))
        #expect(imported.contains("```\n[kept](TBA)\n```"))
        #expect(imported.contains("A [working link](#results) stays."))
        let lines = imported.split(separator: "\n", omittingEmptySubsequences: false)
        let unlinked = report.notTranslated.filter { $0.message.hasSuffix("reaches nothing in the new site: unlinked, its text kept") }
        // Both links to TBA, the two images, and the two anchors.
        #expect(unlinked.map(\.path) == Array(repeating: "content/posts/broken/index.md", count: 6))
        for note in unlinked {
            // Each note's line is where the link was.
            let line = String(lines[note.line - 1])
            #expect(["the missing part", "the results", "An anchor written"].contains { line.contains($0) }, "\(note)")
        }
        #expect(Set(unlinked.map(\.message)).count == 5)
        // What the translation noted first (the link reaches nothing the import makes, the image is
        // not in the old site) gives way to the note that it was unlinked: each link is named once.
        let earlier = report.notTranslated.filter {
            $0.message.hasSuffix("reaches nothing the import makes") || $0.message.hasSuffix("not found in the old site")
        }
        #expect(earlier.isEmpty, "\(earlier)")
    }

    /// GFM's tag filter would show a post's `<style>`/`<script>` source and
    /// an `<iframe>` tag as text (seen in a real blog: a post-specific
    /// `<style>` block); code showing them is left alone.
    @Test func stylesScriptsAndFramesThatGFMFiltersAreTranslated() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-embeds.md": Self.post(
                "Embeds",
                body: """
                    <style>
                    .post-header h1 { font-size: 35px; }
                    </style>

                    Watch <iframe width="560" src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=3" frameborder="0"></iframe> first.

                    <IFRAME src="https://player.example.org/v/7?a=1&amp;b=2"
                      height="300"></IFRAME>

                    <script src="https://gist.github.com/ada/1.js"></script>

                    Use `<style>a {}</style>` in a theme.

                    ```html
                    <script>let shown = true;</script>
                    ```

                    [Missing]({{ site.baseurl }}/nowhere/) ends line 19.

                    """),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let html = try #require(fixture.output("2019/03/04/embeds.html"))
        // The tag filter's mark: `<` escaped, `>` not.
        #expect(!html.contains("font-size: 35px") && !html.contains("&lt;style>") && !html.contains("&lt;iframe"))
        #expect(!html.contains("gist.github.com"))
        #expect(html.contains("<a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">YouTube video dQw4w9WgXcQ</a>"))
        #expect(
            html.contains("<a href=\"https://player.example.org/v/7?a=1&amp;b=2\">Embedded content from player.example.org</a>"), "\(html)")
        #expect(html.contains("<code>&lt;style&gt;a {}&lt;/style&gt;</code>"))
        #expect(html.contains("&lt;script&gt;let shown = true;&lt;/script&gt;"))
        #expect(report.translated["HTML <iframe> → a link to what it showed (GFM filters frames)"] == 2)
        let notes = report.notTranslated.filter { $0.path == "_posts/2019-03-04-embeds.md" }.map { "\($0.line): \($0.message)" }
        // The front matter is 4 lines, so body line 1 is the file's line 5.
        #expect(notes.contains("5: <style> block removed: GitHub Flavored Markdown shows it as text; a theme's templates/ can carry it"))
        #expect(
            notes.contains(
                "14: <script src=\"https://gist.github.com/ada/1.js\"> removed: GitHub Flavored Markdown shows it as text; a theme's templates/ can carry it"
            ))
        // The link that reaches nothing is noted once, unlinked, at its line in the new file.
        #expect(!notes.contains { $0.contains("/nowhere/") }, "\(notes)")
        let imported = try #require(fixture.imported("content/posts/embeds/index.md"))
        let unlinked = try #require(
            report.notTranslated.first { $0.path == "content/posts/embeds/index.md" && $0.message.contains("/nowhere/") })
        #expect(imported.split(separator: "\n", omittingEmptySubsequences: false)[unlinked.line - 1] == "Missing ends line 19.")
    }

    /// HTML as browsers read it, seen in a real blog: spaces around `=`, a
    /// space inside the quotes after the URL, `<image>` for `<img>`.
    @Test func imagesInLooseHTMLAreFoundAsBrowsersFindThem() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-loose.md": Self.post(
                "Loose",
                body: """
                    <img src = "/images/a.png" />

                    <image src="/images/b.png "/>

                    <image src="/images/missing.png " alt="Gone"/>

                    """),
        ])
        defer { fixture.remove() }
        try fixture.writePNG("images/a.png")
        try fixture.writePNG("images/b.png")
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let imported = try #require(fixture.imported("content/posts/loose/index.md"))
        // The address ends in .html: the files sit in the folder named after the page.
        #expect(imported.contains("<img src = \"loose/a.png\" />") && imported.contains("<image src=\"loose/b.png\"/>"), "\(imported)")
        #expect(fixture.exists("2019/03/04/loose/a.png") && fixture.exists("2019/03/04/loose/b.png"))
        #expect(imported.contains("\nGone\n"))
        #expect(
            report.notTranslated.contains {
                $0.message == "link '/images/missing.png' reaches nothing in the new site: unlinked, its text kept"
            })
    }

    /// kramdown ends an HTML block at its closing tag (a real post put a
    /// heading right under `</div>` around a YouTube frame); in CommonMark the
    /// block runs on, so the heading would show as `## …` text.
    @Test func aHeadingRightAfterAnHTMLBlockStaysAHeading() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-block.md": Self.post(
                "Block",
                body: """
                    <div style="text-align:center">
                    <iframe width="560" src="https://www.youtube.com/embed/k1ILy23t89E"
                    allowfullscreen></iframe>
                    </div>
                    ## A High-Level Look
                    Text under it.

                    ```html
                    </div>
                    ## not a heading in code
                    ```

                    """),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let html = try #require(fixture.output("2019/03/04/block.html"))
        #expect(html.contains("<h2 id=\"a-high-level-look\">A High-Level Look</h2>"), "\(html)")
        #expect(html.contains("<a href=\"https://www.youtube.com/watch?v=k1ILy23t89E\">YouTube video k1ILy23t89E</a>"))
        #expect(html.contains("## not a heading in code"))
        #expect(report.translated["blank line after an HTML block's closing tag, where kramdown ended the block"] == 1)
    }

    /// Where minimal-mistakes and academicpages sites keep what matters: pages
    /// in `_pages/` (named by `include:`) and in folders, collections with
    /// `output: true` (publications, talks) — and what their themes make by
    /// layout alone (listings, the home page, the 404 page), which quire makes
    /// itself. A notice class on a paragraph becomes a GitHub alert.
    @Test func pagesAnywhereAndPublishedCollectionsAreImported() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config + """
                include: [_pages]
                collections:
                  publications:
                    output: true
                    permalink: /:collection/:path/
                  notes:
                    output: false
                """,
            "_pages/about.md":
                "---\ntitle: About\npermalink: /about/\n---\nMe, [first post]({{ \"\" | relative_url }}{% post_url 2019-03-04-first %}).\n",
            "_pages/home.md": "---\nlayout: splash\npermalink: /\n---\nWelcome.\n",
            "_pages/404.md": "---\ntitle: Lost\npermalink: /404.html\n---\nNothing here.\n",
            "_pages/tag-archive.md": "---\ntitle: By tag\nlayout: tags\npermalink: /tags/\n---\n",
            "projects/robots.md": "---\ntitle: Robots\n---\nA project.\n",
            "projects/index.md": "---\ntitle: Projects\n---\n{% for p in site.pages %}{{ p.title }}{% endfor %}\n",
            "_publications/2020-attention.md": "---\ntitle: Attention, again\ndate: 2020-05-01\n---\nAbstract.\n",
            "_notes/draft-idea.md": "---\ntitle: Idea\n---\nLater.\n",
            "_posts/2019-03-04-first.md": Self.post(
                "First",
                body: """
                    **Careful:** this is a [warning](#).
                    {: .notice--warning}

                    Plain.

                    <div class="notice--info" markdown="1">
                    **Boxed** with code:

                    ```sh
                    make
                    ```
                    </div>

                    <section class="wide" markdown="1">
                    *Read* as Markdown.
                    </section>
                    """),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(report.posts == 2 && report.pages == 2, "\(report.text)")
        let about = try #require(fixture.output("about/index.html"))
        #expect(about.contains("href=\"/notes/2019/03/04/first.html\""), "\(about)")
        #expect(fixture.exists("projects/robots.html"))
        let publication = try #require(fixture.output("publications/2020-attention/index.html"))
        #expect(publication.contains("Attention, again"))
        #expect(fixture.imported("content/posts/2020-attention/index.md")?.contains("tags: [\"publications\"]") == true)
        let post = try #require(fixture.output("2019/03/04/first.html"))
        #expect(post.contains("<div class=\"callout callout-warning\">") && post.contains("<strong>Careful:</strong>"))
        #expect(report.translated["kramdown notice {: .notice…} → a GitHub alert"] == 1)
        #expect(post.contains("<div class=\"callout callout-note\">") && post.contains("<strong>Boxed</strong>"), "\(post)")
        #expect(post.contains("<section class=\"wide\">\n<p><em>Read</em> as Markdown.</p>\n</section>"), "\(post)")
        let notes = report.notTranslated.map { "\($0.path): \($0.message)" }
        for expected in [
            "_pages/home.md: not imported: quire makes its own home page", "_pages/404.md: not imported: quire makes its own 404 page",
            "_pages/tag-archive.md: not imported: a listing page (layout: tags); quire makes its own listings",
            "projects/index.md: not imported: a listing page (a Liquid loop over posts); quire makes its own listings",
        ] {
            #expect(notes.contains(expected), "\(notes)")
        }
        #expect(notes.contains { $0.hasPrefix("_notes: not imported: the collection notes (1 documents)") }, "\(notes)")
    }

    /// An academicpages site (a researcher's, imported here): its biography is
    /// the home page (`permalink: /`), kept as the page /about/; its `$…$` math
    /// was prose to kramdown, so `\\{` and `x^\\*` were Markdown escapes before
    /// MathJax read `\{` and `x^*`; `\\[1\\](p. 5)` is not a link.
    @Test func aHomePageBiographyAndMathJaxDollarMathComeAcross() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config + "include: [_pages]\n",
            "_includes/scripts.html": "<script>MathJax.Hub.Config({tex2jax: {inlineMath: [['$','$']]}});</script>\n",
            "_pages/about.md": "---\ntitle: About Me\npermalink: /\n---\nI work on optimization.\n",
            // A key written twice (a theme's archetype filled in twice): Jekyll keeps the last.
            "_posts/2019-03-05-twice.md": "---\ntitle: Twice\nshowToc: true\nshowToc: false\n---\nText.\n",
            "_posts/2019-03-04-solver.md": Self.post(
                "Solver",
                body: """
                    The set $\\\\{p_0, p_1\\\\}$ at $(x^\\*, s^\\*)$, as in \\[1\\](p. 5).

                    $$
                    \\min_x f(x)
                    $$
                    """),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        let about = try #require(fixture.output("about/index.html"))
        #expect(about.contains("I work on optimization."))
        #expect(
            report.notTranslated.contains {
                $0.path == "_pages/about.md" && $0.message.hasPrefix("the old home page's text is the page /about/")
            })
        let imported = try #require(fixture.imported("content/posts/solver/index.md"))
        #expect(imported.contains("The set $\\{p_0, p_1\\}$ at $(x^*, s^*)$, as in \\[1\\](p. 5)."), "\(imported)")
        #expect(!report.notTranslated.contains { $0.message.contains("p.") })
        #expect(fixture.exists("2019/03/05/twice.html"))
        #expect(
            report.notTranslated.contains {
                $0.path == "_posts/2019-03-05-twice.md"
                    && $0.message == "front matter key 'showToc' is written twice: the last one is kept, as the old site read it"
            }, "\(report.notTranslated)")
    }

    @Test func postsWhoseAddressNoPatternExpressesKeepItWithURL() async throws {
        let fixture = try ImportFixture([
            "_config.yml": Self.config,
            "_posts/2019-03-04-Mixed-Case.md": Self.post("Mixed"),
            "_posts/2019-03-05-plain.md": Self.post("Plain", "categories: [Research]\n"),
            "_posts/2019-03-07-spaced.md": Self.post("Spaced", "categories: [deep learning]\n"),
            "_posts/2019-03-06-own.md": Self.post("Own", "permalink: /special/own-page/\n"),
        ])
        defer { fixture.remove() }
        let (report, build) = try await fixture.importAndBuild(.jekyll)
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(fixture.exists("2019/03/04/Mixed-Case.html"))
        #expect(fixture.exists("research/2019/03/05/plain.html"))
        #expect(fixture.exists("special/own-page/index.html"))
        #expect(
            report.addressesKept.map(\.url) == ["/2019/03/04/Mixed-Case.html", "/research/2019/03/05/plain.html", "/special/own-page/"])
        // A space in an address is no site path quire publishes: reported, and the post moves.
        #expect(
            report.notTranslated.contains {
                $0.path == "_posts/2019-03-07-spaced.md" && $0.message.contains("/deep learning/2019/03/07/spaced.html")
            })
        #expect(fixture.exists("2019/03/07/spaced.html"))
    }

    @Test func refusesToWriteIntoANonEmptyFolderOrTheOldSite() throws {
        let fixture = try ImportFixture(["_config.yml": Self.config, "_posts/2019-03-04-a.md": Self.post("A")])
        defer { fixture.remove() }
        let before = ImportFixture.files(under: fixture.source)
        #expect(throws: (any Error).self) {
            try SiteImporter.run(.jekyll, source: fixture.source, destination: fixture.source.appendingPathComponent("quire"))
        }
        #expect(throws: (any Error).self) { try SiteImporter.run(.jekyll, source: fixture.source, destination: fixture.source) }
        try FileManager.default.createDirectory(at: fixture.destination, withIntermediateDirectories: true)
        try "x".write(to: fixture.destination.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try SiteImporter.run(.jekyll, source: fixture.source, destination: fixture.destination) }
        #expect(throws: (any Error).self) {
            try SiteImporter.run(.hugo, source: fixture.source, destination: fixture.folder.appendingPathComponent("other"))
        }
        #expect(ImportFixture.files(under: fixture.source) == before)
    }
}
