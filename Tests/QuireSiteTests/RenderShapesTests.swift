import Foundation
import Testing

@testable import QuireTemplates

/// Pages filled into the skeleton of an earlier page of their shape
/// (`RenderShapes`). The oracle is swift-mustache: the same theme with
/// `reusesShapes` off renders every page through the library's own lookups,
/// and each page must come out byte for byte the same.
@Suite struct RenderShapesTests {
    /// Tags in the ways a theme may use text: escaped, raw, in sections and
    /// inverted sections, as a section's own context, in lists with their
    /// position, in an indented partial, after a change of escaping, and
    /// behind inheritance.
    static let templates = [
        "base": """
        <!doctype html><title>{{$title}}{{site.title}}{{/title}}</title>
        {{$content}}{{/content}}
        {{#canonical}}<link href="{{canonical}}">{{/canonical}}{{^canonical}}no address{{/canonical}}

        """,
        "post": """
        {{<base}}
        {{$title}}{{post.title}} · {{site.title}}{{/title}}
        {{$content}}
        {{#post}}
        <h1>{{title}}</h1>{{{title}}}{{&summary}}
          {{>partials/meta}}
        {{#toc}}<nav>{{{toc}}}</nav>{{/toc}}{{^toc}}(no contents){{/toc}}
        {{#has_tags}}<ul>{{#tags}}<li{{#first()}} class="first"{{/first()}}>{{name}}:{{url}}{{#count}}({{count}}){{/count}}</li>{{/tags}}</ul>{{/has_tags}}
        {{#series}}{{position}}/{{count}} {{name}}{{#previous}}<a href="{{url}}">{{title}}</a>{{/previous}}{{/series}}
        {{#summary}}[{{.}}]{{/summary}}
        {{{content}}}
        {{/post}}
        {{/content}}
        {{/base}}

        """,
        "partials/meta": """
        <p>{{author}}
        {{updated_display}}
        {{date_display}}</p>
        {{% CONTENT_TYPE: TEXT }}{{summary}}

        """,
        "page": """
        {{post.title}} {{post.content}}{{#post}}{{#equalzero(reading_minutes)}}none{{/equalzero(reading_minutes)}}{{/post}}

        """,
        "tags": """
        {{post.title}} {{uppercased(post.title)}}

        """,
        "404": """
        {{post}}|{{#post}}{{#tags}}{{.}}{{/tags}}{{/post}}

        """,
        "index": """
        {{#posts}}{{{card_html}}}|{{title}}{{#last()}}.{{/last()}}{{/posts}}
        {{#pagination}}{{current}} of {{total}}{{#is_first}} first{{/is_first}}{{/pagination}}

        """,
    ]

    static let site = SiteContext(
        title: "Notes & <Things>", description: nil, language: "en", author: "Ann", root: "/", baseURL: "https://x.example/",
        feedURL: "/feed.xml", atomURL: "/atom.xml", pages: [LinkContext(title: "About", url: "/about/")])

    /// Text that a marker must stand for exactly: HTML's special characters,
    /// nothing, a lone line break, a trailing line break, a carriage return
    /// before a template's line break, a marker itself, and plain words.
    static let texts = [
        "Plain words", "A & B <c> \"d\" 'e'", "", "\n", "ends in a line break\n", "ends in a return\r", "\r\n",
        "\u{E000}\\&0\u{E001}", "\u{301}accent first", "x",
    ]

    static func post(_ number: Int) -> PageContext {
        func text(_ offset: Int) -> String { texts[(number * 7 + offset) % texts.count] }
        func maybe(_ offset: Int) -> String? { (number + offset) % 3 == 0 ? nil : text(offset) }
        let tags = (0..<(number % 4)).map { TagContext(name: text($0 + 3), url: "/tags/\($0)/", count: $0 % 2 == 0 ? $0 : nil) }
        let card = CardContext(
            title: text(0), url: "/posts/\(number)/", summary: text(1), tags: tags, dateISO: maybe(2), dateDisplay: maybe(2),
            series: nil)
        let navigation =
            number % 5 == 0
            ? SeriesNavigation(
                name: text(4), url: "/series/s/", position: number % 3 + 1, count: 3,
                previous: number % 2 == 0 ? LinkContext(title: text(5), url: "/posts/p/") : nil, next: nil) : nil
        let post = PostContext(
            card: card, content: "<p>\(text(6))</p>\n", toc: maybe(7), author: maybe(8), discuss: nil, readingMinutes: number % 4,
            updatedISO: maybe(9), updatedDisplay: maybe(9), seriesNavigation: navigation)
        return PageContext(site: site, canonical: number % 6 == 0 ? nil : "https://x.example/posts/\(number)/", body: .item(post))
    }

    /// The test theme with `site` written in; the same theme rendering every
    /// page through swift-mustache; and the site folder to remove.
    static func themes() throws -> (reusing: Theme, oracle: Theme, folder: URL) {
        let (theme, folder) = try themeFixture(templates, named: "render-shapes")
        let reusing = theme.writingIn(site)
        var oracle = reusing
        oracle.reusesShapes = false
        return (reusing, oracle, folder)
    }

    /// Where `theme`'s pages keep their skeletons: a theme that changes its
    /// escaping has no site values written in, and renders pages with the rest.
    static func shapes(_ theme: Theme) -> RenderShapes { theme.shapes(forPages: theme.pageSite != nil) }

    @Test func pagesFilledIntoSkeletonsAreWhatSwiftMustacheRenders() throws {
        let (reusing, oracle, folder) = try Self.themes()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Twice over, so that the second round meets every shape again.
        for number in Array(0..<120) + Array(0..<120) {
            let page = Self.post(number)
            #expect(try reusing.render("post", page) == oracle.render("post", page), "post \(number)")
        }
        #expect(Self.shapes(reusing).reused("post") > 120)
        #expect(!Self.shapes(reusing).givenUp("post"))
    }

    /// A transform of text or of a number, or a context printed whole, cannot be filled in:
    /// such a template is rendered by swift-mustache from its first page on.
    @Test func templatesThatReadTheirTextAreLeftToSwiftMustache() throws {
        let (reusing, oracle, folder) = try Self.themes()
        defer { try? FileManager.default.removeItem(at: folder) }
        for number in 0..<40 {
            for template in ["page", "tags", "404"] {
                let page = Self.post(number)
                #expect(try reusing.render(template, page) == oracle.render(template, page), "\(template) \(number)")
            }
        }
        for template in ["page", "tags", "404"] {
            #expect(Self.shapes(reusing).givenUp(template), "\(template)")
            #expect(Self.shapes(reusing).reused(template) == 0, "\(template)")
        }
    }

    /// Listings: cards rendered once and written raw, positions in the list,
    /// and numbers. A list longer than `RenderShapes.longestList` is rendered
    /// as before.
    @Test func listingsAndLongListsRenderAsBefore() throws {
        let (reusing, oracle, folder) = try Self.themes()
        defer { try? FileManager.default.removeItem(at: folder) }
        for count in [1, 3, 3, 10, 10, 10, RenderShapes.longestList + 1, RenderShapes.longestList + 5] {
            let cards = (0..<count).map { number in
                CardContext(
                    title: Self.texts[number % Self.texts.count], url: "/p/\(number)/", summary: "", tags: [], dateISO: nil,
                    dateDisplay: nil, series: nil, cardHTML: "<article>\(number) & more</article>\n")
            }
            let page = PageContext(
                site: Self.site, canonical: nil,
                body: .index(posts: cards, pagination: PaginationContext(current: count, total: 12, newerURL: nil, olderURL: "/o/")))
            #expect(try reusing.render("index", page) == oracle.render("index", page), "\(count) cards")
        }
        #expect(Self.shapes(reusing).reused("index") == 3)
    }

    /// Pages that are nearly all of shapes not seen before cost two renders
    /// more each: after a start, their template is rendered as before.
    @Test func aTemplateWhosePagesAreAllNewShapesIsGivenUp() throws {
        let (reusing, oracle, folder) = try Self.themes()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rendered = 0
        // Each page differs in its number of tags, and in which of four values it has.
        for tags in 0...RenderShapes.longestList {
            for present in 0..<8 {
                let card = CardContext(
                    title: "T", url: "/p/", summary: "S", tags: (0..<tags).map { TagContext(name: "t\($0)", url: "/t/\($0)/") },
                    dateISO: present & 1 == 0 ? nil : "2026-01-01", dateDisplay: nil, series: nil)
                let post = PostContext(
                    card: card, content: "<p>x</p>", toc: present & 2 == 0 ? nil : "<ol></ol>", author: present & 4 == 0 ? nil : "A",
                    discuss: nil, readingMinutes: nil, updatedISO: nil, updatedDisplay: nil, seriesNavigation: nil)
                let page = PageContext(site: Self.site, canonical: nil, body: .item(post))
                #expect(try reusing.render("post", page) == oracle.render("post", page), "\(tags) tags, \(present)")
                rendered += 1
            }
        }
        #expect(rendered > 200)
        #expect(Self.shapes(reusing).givenUp("post"))
    }

    /// The built-in theme's post page and card, as a site builds them: after
    /// the first page of each shape, pages are filled in.
    @Test func theBuiltInThemeIsFilledIn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-shapes-\(UUID().uuidString)")
        let theme = try Theme(directory: folder.appendingPathComponent("templates"), displayRoot: folder).writingIn(Self.site)
        var oracle = theme
        oracle.reusesShapes = false
        // The posts' values repeat every 60 posts.
        for number in 0..<200 {
            let page = Self.post(number)
            guard case .item(let post) = page.body else { continue }
            #expect(try theme.render("post", page) == oracle.render("post", page), "post \(number)")
            #expect(try theme.render("partials/post-card", post.card) == oracle.render("partials/post-card", post.card))
        }
        #expect(theme.pageSite === Self.site)
        #expect(Self.shapes(theme).reused("post") > 120)
        #expect(theme.shapes(forPages: false).reused("partials/post-card") > 120)
    }

    /// A text's shape goes by its last Character, read off its last bytes:
    /// a line feed or carriage return is kept after the marker (an indented
    /// partial looks at it), but "\r\n" is one Character, so is neither.
    @Test func textEndingsAreShapedByTheirLastCharacter() {
        for text in ["", "\n", "a", "a\n", "a\r", "\r", "a\r\n", "\r\n", "\n\n", "a\n\u{301}", "é\n", "\u{E000}\r"] {
            let last = text.last.map(String.init) ?? ""
            let expected: ShapeOutcome =
                text.isEmpty || text == "\n" ? .literal(text) : .text(kept: last == "\n" || last == "\r" ? last : "")
            #expect(Replay.shape(of: text).0 == expected, "\(Array(text.utf8))")
        }
    }

    /// Markers are read back only in the two forms a template gives them.
    @Test func skeletonsReadOnlyWholeMarkers() {
        let outcomes: [ShapeOutcome] = [.text(kept: ""), .absent]
        let marker = Skeleton.marker(0)
        let escaped = marker.replacingOccurrences(of: "&", with: "&amp;")
        let skeleton = Skeleton("a\(marker)b\(escaped)c", outcomes)
        #expect(skeleton?.filled(with: ["<x>", ""]) == "a<x>b&lt;x&gt;c")
        #expect(Skeleton("a\(Skeleton.marker(1))", outcomes) == nil, "lookup 1 found no text")
        #expect(Skeleton("a\(Skeleton.marker(2))", outcomes) == nil, "there is no lookup 2")
        #expect(Skeleton("a\\\(marker)", outcomes) != nil)
        #expect(Skeleton(marker.replacingOccurrences(of: "\\", with: "\\\\"), outcomes) == nil, "printed by Swift")
        #expect(Skeleton(Skeleton.unreadable, outcomes) == nil)
        #expect(Skeleton("\u{E000}", outcomes) == nil)
    }
}
