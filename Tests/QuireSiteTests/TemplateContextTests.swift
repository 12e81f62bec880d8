import Foundation
import Testing

/// The keys a theme can use are its contract with quire. A site's own
/// templates print every key of every page kind; each page is compared with
/// text worked out by hand from the fixture's front matter, so renaming or
/// dropping a key, or turning an absent value into an empty one, fails here.
@Suite struct TemplateContextTests {
    static let config = """
        title: Keys & Co
        base_url: https://keys.example/blog/
        author: ""
        description: Every key.
        language: en-GB
        paginate: 2
        """

    static let templates = [
        "templates/post.mustache": """
        {{#post}}title={{title}} url={{url}} summary={{summary}} date={{date_iso}}/{{date_display}} \
        updated={{#updated_iso}}{{updated_iso}}/{{updated_display}}{{/updated_iso}}{{^updated_iso}}none{{/updated_iso}} \
        author={{author}}{{^author}}none{{/author}} minutes={{reading_minutes}} discuss={{discuss}}{{^discuss}}none{{/discuss}} \
        tags={{#tags}}{{name}}>{{url}};{{/tags}} has_tags={{has_tags}} \
        series={{#series}}{{name}}>{{url}} {{position}}/{{count}} prev={{#previous}}{{title}}>{{url}}>{{name}}{{/previous}} \
        next={{#next}}{{title}}{{/next}}{{/series}} toc={{#toc}}yes{{/toc}} content={{{content}}}{{/post}}
        canonical={{canonical}}
        site={{site.title}}|{{site.description}}|{{site.language}}|{{site.author}}{{^site.author}}none{{/site.author}}|\
        {{site.root}}|{{site.base_url}}|{{site.feed_url}}|{{site.atom_url}}|{{#site.pages}}{{title}}>{{url}};{{/site.pages}}

        """,
        "templates/page.mustache":
            "{{#post}}page={{title}} minutes={{reading_minutes}}{{^reading_minutes}}none{{/reading_minutes}}{{/post}}\n",
        "templates/index.mustache": """
        {{#posts}}[{{{card_html}}}]{{/posts}} {{#pagination}}{{current}}/{{total}} first={{is_first}} many={{has_pages}} \
        newer={{newer_url}} older={{older_url}}{{/pagination}} canonical={{canonical}}

        """,
        "templates/partials/post-card.mustache": "{{title}}|{{date_display}}|{{#series}}{{name}}>{{url}}{{/series}}|{{summary}}",
        "templates/tags.mustache": "{{#tags}}{{name}}>{{url}}:{{count}};{{/tags}}\n",
        "templates/tag.mustache": "{{name}} count={{count}}{{^count}}none{{/count}}: {{#posts}}{{title}};{{/posts}}\n",
        "templates/series.mustache": "{{name}} count={{count}}: {{#posts}}{{title}};{{/posts}}\n",
        "templates/404.mustache": "missing canonical={{canonical}}{{^canonical}}none{{/canonical}} site={{site.title}}\n",
    ]

    static let content = [
        "content/about.md": "---\ntitle: About\n---\nAbout.\n",
        "content/posts/first.md": """
        ---
        title: First
        date: 2024-01-05
        series: The Run
        tags: [Alpha, beta]
        ---
        One two three.

        """,
        "content/posts/second.md": """
        ---
        title: Second
        date: 2024-02-10
        updated: 2024-03-01
        series: The Run
        author: Ann
        discuss: https://talk.example/2
        summary: Its own summary.
        ---
        ## A heading

        Words.

        ## Another

        ### Third heading

        """,
        "content/posts/third.md": """
        ---
        title: Third
        date: 2024-03-15
        tags: [beta]
        ---
        Last.

        """,
    ]

    @Test func everyKeyOfEveryPageKindReachesTheTemplates() async throws {
        let fixture = try SiteFixture(config: Self.config, files: Self.templates.merging(Self.content) { $1 })
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")

        let site =
            "site=Keys &amp; Co|Every key.|en-GB|none|/blog/|https://keys.example/blog/|/blog/feed.xml|/blog/atom.xml|About>/blog/about/;"
        let second = try fixture.read("site/posts/second/index.html")
        #expect(
            second == """
                title=Second url=/blog/posts/second/ summary=Its own summary. date=2024-02-10/10 February 2024 \
                updated=2024-03-01/1 March 2024 author=Ann minutes=1 discuss=https://talk.example/2 tags= has_tags=false \
                series=The Run>/blog/series/the-run/ 2/2 prev=First>/blog/posts/first/>The Run next= toc=yes \
                content=<h2 id="a-heading">A heading</h2>
                <p>Words.</p>
                <h2 id="another">Another</h2>
                <h3 id="third-heading">Third heading</h3>

                canonical=https://keys.example/blog/posts/second/
                \(site)

                """)
        let first = try fixture.read("site/posts/first/index.html")
        #expect(first.hasPrefix("title=First url=/blog/posts/first/ summary=One two three. date=2024-01-05/5 January 2024 updated=none "))
        #expect(first.contains(" author=none minutes=1 discuss=none tags=Alpha>/blog/tags/alpha/;beta>/blog/tags/beta/; has_tags=true "))
        #expect(first.contains(" series=The Run>/blog/series/the-run/ 1/2 prev= next=Second toc= content="))

        #expect(try fixture.read("site/about/index.html") == "page=About minutes=none\n")
        // Newest first, two to a page.
        #expect(
            try fixture.read("site/index.html")
                == "[Third|15 March 2024||Last.][Second|10 February 2024|The Run>/blog/series/the-run/|Its own summary.] "
                + "1/2 first=true many=true newer= older=/blog/page/2/ canonical=https://keys.example/blog/\n")
        #expect(
            try fixture.read("site/page/2/index.html")
                == "[First|5 January 2024|The Run>/blog/series/the-run/|One two three.] "
                + "2/2 first=false many=true newer=/blog/ older= canonical=https://keys.example/blog/page/2/\n")
        #expect(try fixture.read("site/tags/index.html") == "Alpha>/blog/tags/alpha/:1;beta>/blog/tags/beta/:2;\n")
        #expect(try fixture.read("site/tags/beta/index.html") == "beta count=none: Third;First;\n")
        // A series lists its posts oldest first.
        #expect(try fixture.read("site/series/the-run/index.html") == "The Run count=2: First;Second;\n")
        #expect(try fixture.read("site/404.html") == "missing canonical=none site=Keys &amp; Co\n")
    }

    /// Strings and numbers reach templates wrapped (TemplateText, TemplateNumber, for speed): they must
    /// still take swift-mustache's String and Int transforms, escape as before, and a section opened on
    /// one must still see the names around it.
    @Test func wrappedStringsAndNumbersBehaveAsStringsAndNumbers() async throws {
        var files = Self.templates.merging(Self.content) { $1 }
        files["templates/post.mustache"] = """
            {{#post}}{{uppercased(title)}}|{{reversed(title)}}|{{#title}}{{site.title}}/{{title}}{{/title}}|\
            {{#empty(discuss)}}x{{/empty(discuss)}}{{^discuss}}no-discuss{{/discuss}}|\
            {{#reading_minutes}}{{plusone(reading_minutes)}} {{#odd(reading_minutes)}}odd{{/odd(reading_minutes)}}{{/reading_minutes}}|\
            {{/post}}

            """
        let fixture = try SiteFixture(config: Self.config, files: files)
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        // Worked out by hand: title "First", site title "Keys & Co" (escaped), one minute's reading, no discuss link.
        let first = try fixture.read("site/posts/first/index.html")
        #expect(first.hasPrefix("FIRST|tsriF|Keys &amp; Co/First|no-discuss|2 odd|"), "\(first)")
    }
}
