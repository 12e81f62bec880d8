import Foundation
import Testing

@testable import QuireTemplates

/// Pages are rendered from templates with the site's text values written in
/// (`Theme.writingIn`). The oracle is swift-mustache itself: the same page
/// rendered with a site context that has the same values but is not the one
/// written in goes through the library's own lookups, and must give the same bytes.
@Suite struct SiteValuesWrittenInTests {
    /// Tags in every form, in comments, sections, blocks, indented partials
    /// and a template that changes its delimiters.
    static let templates = [
        "base": """
        <!doctype html><title>{{$title}}{{site.title}}{{/title}}</title>
        {{! a comment with {{site.title}} inside }} after {{site.root}}
          {{site.author}}{{#site.pages}}
        x{{{site.title}}}y{{&site.author}}z{{ site.language }}|{{site.description}}|{{site.nothing}}|{{site.title.x}}|{{uppercased(site.title)}}
          {{>partials/indented}}
        {{site.author}}{{#site.author}}
        {{site.language}}
        {{/site.author}}
        {{.}}|{{site}}|{{#site}}{{title}}{{/site}}
        {{$content}}{{/content}}
        {{/site.pages}}

        """,
        "partials/indented": """
        {{site.title}}
        {{site.author}} and {{site.root}}, {{site.description}}
        {{#site.author}}
          {{site.feed_url}}
        {{/site.author}}

        """,
        "post": """
        {{<base}}
          {{$title}}{{post.title}} · {{site.title}}{{/title}}
          {{$content}}
          {{post}}|{{#post}}{{.}}|{{site.title}}|{{title}}{{/post}}
            {{site.base_url}}
          {{/content}}
        {{/base}}

        """,
        "page": """
        {{site.title}}
        {{=<% %>=}}
        <%site.title%> {{site.title}} <%&site.title%>

        """,
    ]

    /// Values that are written in, and values that must stay tags: braces,
    /// a line break, leading space or tab, only spaces, and characters that
    /// would join the template's own (a combining accent, a prepended mark).
    static let sites = [
        ("Notes & <Things> \"q\" 'x'", "A site", "Ann", "en-GB"),
        ("Braces {here}", "line one\nline two", " leading space", "\tx"),
        ("\u{301}accent first", "ends in a prepend \u{600}", "  ", "a}b"),
        ("Plain", "Also plain", "Bob", "de"),
    ]

    static func site(_ values: (String, String, String, String)) -> SiteContext {
        SiteContext(
            title: values.0, description: values.1, language: values.3, author: values.2, root: "/sub/",
            baseURL: "https://x.example/sub/", feedURL: "/sub/feed.xml", atomURL: "/sub/atom.xml",
            pages: [LinkContext(title: "About", url: "/sub/about/"), LinkContext(title: "Colophon", url: "/sub/colophon/")])
    }

    static func theme() throws -> (Theme, URL) { try themeFixture(templates, named: "site-values") }

    static func page(_ site: SiteContext) -> PageContext {
        let card = CardContext(
            title: "Post & one", url: "/sub/posts/one/", summary: "Sum", tags: [], dateISO: nil, dateDisplay: nil, series: nil)
        let post = PostContext(
            card: card, content: "<p>Hi</p>", toc: nil, author: nil, discuss: nil, readingMinutes: 1, updatedISO: nil,
            updatedDisplay: nil, seriesNavigation: nil)
        return PageContext(site: site, canonical: "https://x.example/sub/posts/one/", body: .item(post))
    }

    @Test(arguments: 0..<sites.count)
    func pagesRenderAsSwiftMustacheLooksThemUp(_ which: Int) throws {
        var (theme, folder) = try Self.theme()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Every page through swift-mustache, not filled into an earlier page's skeleton.
        theme.reusesShapes = false
        let site = Self.site(Self.sites[which])
        let filled = theme.writingIn(site)
        #expect(filled.pageSite === site)
        for template in ["post", "page", "404"] {
            let written = try filled.render(template, Self.page(site))
            let lookedUp = try filled.render(template, Self.page(Self.site(Self.sites[which])))
            #expect(written == lookedUp, "\(template) with site \(which)")
            #expect(try theme.render(template, Self.page(site)) == lookedUp)
        }
    }

    /// What is written in, worked out by hand: escaped as `{{name}}` escapes
    /// (`&amp;`, `&lt;`, `&#39;`), raw for `{{{name}}}` and `{{&name}}`.
    @Test func writesInWhatRendersTheSameEverywhere() {
        let site = Self.site(Self.sites[0])
        #expect(
            SiteValuesWrittenIn.apply(to: "<t>{{site.title}}</t>{{{site.title}}}{{& site.author }}{{site.root}}", site: site)
                == "<t>Notes &amp; &lt;Things&gt; &quot;q&quot; &#39;x&#39;</t>Notes & <Things> \"q\" 'x'Ann/sub/")
        // Comments, sections, partials, blocks, absent keys and transforms stay.
        let kept =
            "{{! {{site.title}} }}{{#site.title}}{{/site.title}}{{^site.root}}{{/site.root}}{{>partials/x}}{{$b}}{{/b}}"
            + "{{site.nothing}}{{site.title.x}}{{uppercased(site.title)}}{{site}}{{title}}"
        #expect(SiteValuesWrittenIn.apply(to: kept, site: site) == kept)
        // Values that would change the template's lines or tags stay tags.
        let odd = Self.site(Self.sites[1])
        #expect(
            SiteValuesWrittenIn.apply(to: "{{site.title}}{{site.description}}{{site.author}}{{site.language}}", site: odd)
                == "{{site.title}}{{site.description}}{{site.author}}{{site.language}}")
        let joining = Self.site(Self.sites[2])
        #expect(
            SiteValuesWrittenIn.apply(to: "{{site.title}}|{{site.description}}|{{site.language}}", site: joining)
                == "{{site.title}}|{{site.description}}|{{site.language}}")
        // New delimiters: the template is left as written; new escaping: no template is written in.
        #expect(SiteValuesWrittenIn.apply(to: "{{site.root}}{{=<% %>=}}", site: site) == "{{site.root}}{{=<% %>=}}")
        #expect(SiteValuesWrittenIn.apply(to: "{{site.root}}{{=<% %>=}}<%% CONTENT_TYPE: TEXT %>", site: site) == nil)
        #expect(SiteValuesWrittenIn.apply(to: "{{site.root}}{{= <% %> =}}<%={{ }}=%>{{% CONTENT_TYPE: TEXT }}", site: site) == nil)
        #expect(SiteValuesWrittenIn.apply(to: "{{% CONTENT_TYPE: TEXT }}{{site.root}}", site: site) == nil)
    }

    /// Writing in is right only while no context but the page answers `site`:
    /// a deeper one would be found first at that depth of the stack.
    @Test func onlyThePageAnswersSite() {
        let site = Self.site(Self.sites[3])
        let page = Self.page(site)
        guard case .item(let post) = page.body else { return }
        let tag = TagContext(name: "t", url: "/t/", count: 1)
        let contexts: [any TemplateContext] = [
            site, post, post.card, tag, LinkContext(title: "a", url: "/a/", name: "s"),
            SeriesNavigation(name: "s", url: "/s/", position: 1, count: 2, previous: nil, next: nil),
            PaginationContext(current: 1, total: 2, newerURL: nil, olderURL: "/page/2/"),
        ]
        for context in contexts { #expect(context.child(named: "site") == nil, "\(type(of: context))") }
        #expect(TemplateText(text: "x").child(named: "site") == nil)
        #expect(TemplateNumber(number: 1).child(named: "site") == nil)
        #expect(page.child(named: "site") != nil)
    }
}
