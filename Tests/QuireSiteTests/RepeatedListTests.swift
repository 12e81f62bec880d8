import Foundation
import Testing

@testable import QuireTemplates

/// Lists longer than `RenderShapes.longestList`, filled in item by item
/// (`RepeatedList`). As in `RenderShapesTests`, the oracle is swift-mustache:
/// the same theme with `reusesShapes` off, and every page must come out byte
/// for byte the same, for lists of every length.
@Suite struct RepeatedListTests {
    /// Two long lists of the same cards; inside each item, raw and escaped
    /// text, a short list (found anew for each item), a flag and a value
    /// looked up past the item on the page; after the lists, a context found
    /// after them, and the site's title in the parent.
    static let templates = [
        "base": """
        <title>{{$title}}{{site.title}}{{/title}}</title>
        {{$content}}{{/content}}
        <footer>{{site.title}}</footer>

        """,
        "index": """
        {{<base}}
        {{$content}}
        <ol>
        {{#posts}}
        <li>{{{card_html}}}<a href="{{url}}">{{title}}</a>{{#has_tags}} ({{#tags}}{{name}}{{#count}}:{{count}}{{/count}} {{/tags}}){{/has_tags}}{{#date_iso}}<time>{{date_iso}}</time>{{/date_iso}} {{canonical}}</li>
        {{/posts}}
        </ol>
        <p>{{#posts}}{{title}}, {{/posts}}</p>
        {{#pagination}}{{current}} of {{total}}{{#older_url}} <a href="{{older_url}}">older</a>{{/older_url}}{{/pagination}}
        {{/content}}
        {{/base}}

        """,
        "tags": """
        {{#tags}}<a href="{{url}}">{{name}}</a>{{#count}} ({{count}}){{/count}}
        {{/tags}}

        """,
    ]

    static let site = RenderShapesTests.site

    /// Texts that each fill a marker (none empty, none ending in a line break).
    static let texts = ["Plain words", "A & B <c> \"d\" 'e'", "\u{301}accent first", "x", "\u{E000}\\&0\u{E001}", "ünïcode"]

    static func card(_ number: Int, tags: Int = 2, dated: Bool = true) -> CardContext {
        let text = texts[number % texts.count]
        return CardContext(
            title: text, url: "/p/\(number)/", summary: "",
            tags: (0..<tags).map { TagContext(name: "t\($0 + number)", url: "/t/\($0)/", count: $0 + 1) },
            dateISO: dated ? "2026-0\(number % 9 + 1)-01" : nil, dateDisplay: nil, series: nil, cardHTML: "<article>\(text)</article>\n")
    }

    static func index(_ cards: [CardContext], page: Int) -> PageContext {
        PageContext(
            site: site, canonical: page % 2 == 0 ? "https://x.example/\(page)/" : "/\(page)/",
            body: .index(posts: cards, pagination: PaginationContext(current: page, total: 90, newerURL: nil, olderURL: "/o/\(page)/")))
    }

    static func themes(_ templates: [String: String]) throws -> (reusing: Theme, oracle: Theme, folder: URL) {
        let (theme, folder) = try themeFixture(templates, named: "repeated-list")
        let reusing = theme.writingIn(site)
        var oracle = reusing
        oracle.reusesShapes = false
        return (reusing, oracle, folder)
    }

    @Test func longListsAreFilledItemByItemForEveryLength() throws {
        let (reusing, oracle, folder) = try Self.themes(Self.templates)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lengths = Array(RenderShapes.longestList + 1...RenderShapes.longestList + 40) + [200, 33, 57]
        for (page, length) in lengths.enumerated() {
            let html = try reusing.render("index", Self.index((0..<length).map { Self.card($0 + page) }, page: page))
            let expected = try oracle.render("index", Self.index((0..<length).map { Self.card($0 + page) }, page: page))
            #expect(html == expected, "\(length) cards")
            #expect(html.components(separatedBy: "<li>").count == length + 1)
        }
        // The first page is only rendered, the second learns the shape.
        #expect(RenderShapesTests.shapes(reusing).reused("index") == lengths.count - 2)
    }

    /// Items whose lookups find different kinds of things (a card with no
    /// tags, a date or none, a count or none) are not one shape: the page is
    /// rendered as before, and so is every later page with such a list.
    @Test func itemsOfDifferentShapesAreRenderedAsBefore() throws {
        let (reusing, oracle, folder) = try Self.themes(Self.templates)
        defer { try? FileManager.default.removeItem(at: folder) }
        for length in [40, 41, 41, 50] {
            let cards = (0..<length).map { Self.card($0, tags: $0 == length / 2 ? 0 : 2, dated: $0 % 7 != 3) }
            #expect(
                try reusing.render("index", Self.index(cards, page: length))
                    == (try oracle.render("index", Self.index(cards, page: length))))
        }
        // Tags whose counts are there or not: items of two shapes.
        for length in [35, 36, 36, 80] {
            let tags = (0..<length).map { TagContext(name: "t\($0)", url: "/t/\($0)/", count: $0 % 5 == 0 ? nil : $0) }
            let page = PageContext(site: Self.site, canonical: nil, body: .tags(tags))
            #expect(try reusing.render("tags", page) == (try oracle.render("tags", page)))
        }
        #expect(RenderShapesTests.shapes(reusing).reused("index") == 0)
        #expect(RenderShapesTests.shapes(reusing).reused("tags") == 0)
        #expect(!RenderShapesTests.shapes(reusing).givenUp("index"))
        // The list's first pages decided: later pages, even of items all alike, are rendered as before too.
        for length in [60, 61, 62] {
            let cards = (0..<length).map { Self.card($0) }
            #expect(
                try reusing.render("index", Self.index(cards, page: length))
                    == (try oracle.render("index", Self.index(cards, page: length))))
        }
    }

    /// A theme that asks an item for its position renders long lists as
    /// before: the stretch after the last item would hold its index.
    @Test func positionsInAListKeepItUnfolded() throws {
        var templates = Self.templates
        templates["tags"] = """
            {{#tags}}{{#first()}}[{{/first()}}<a href="{{url}}">{{name}}</a>{{#last()}} and {{index()}} more]{{/last()}}
            {{/tags}}

            """
        let (reusing, oracle, folder) = try Self.themes(templates)
        defer { try? FileManager.default.removeItem(at: folder) }
        for length in [33, 34, 35, 40, 90] {
            let tags = (0..<length).map { TagContext(name: "t\($0)", url: "/t/\($0)/", count: 1) }
            let page = PageContext(site: Self.site, canonical: nil, body: .tags(tags))
            let html = try reusing.render("tags", page)
            #expect(try html == oracle.render("tags", page))
            #expect(html.contains("and \(length - 1) more]"))
        }
        #expect(RenderShapesTests.shapes(reusing).reused("tags") == 0)
    }

    @Test func positionsAndChangedDelimitersAreFound() {
        #expect(RepeatedList.foldable(templates: ["{{#posts}}{{title}}{{/posts}}", "<script>f()</script>", "{{uppercased(name)}}"]))
        for text in ["{{#first()}}x{{/first()}}", "{{ index( ) }}", "{{^last()}},{{/last()}}", "{{#even()}}", "{{=<% %>=}}<%index()%>"] {
            #expect(!RepeatedList.foldable(templates: ["{{title}}", text]), "\(text)")
        }
    }
}
