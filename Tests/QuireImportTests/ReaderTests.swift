import Foundation
import Testing

@testable import QuireImport

/// The small readers, against values worked out by hand from the TOML 1.0
/// spec, Jekyll's and Hugo's date forms, and kramdown's math rules.
@Suite struct ReaderTests {
    @Test func tomlAsHugoConfigsWriteIt() throws {
        let value = try TOMLReader.read(
            """
            # comment
            baseURL = "https://ex.org/" # trailing comment
            title = "It's"
            paginate = 1_000
            uglyURLs = true
            date = 2019-03-04T10:00:00+01:00
            tags = [ "a", 'b',
              "c", ]  # multi-line array
            point = { x = 1, y = "two" }
            site.name = "dotted"
            text = \"\"\"
            line one
            line "two"\"\"\"
            [params]
              description = "Esc\\t\\u00e9"
              [params.author]
                name = "Grace"
            [[menu.main]]
              name = "Home"
            [[menu.main]]
              name = "About"
            [permalinks]
              posts = "/:year/:title/"
            """, path: "hugo.toml")
        #expect(value["baseURL"] == .text("https://ex.org/"))
        #expect(value["title"] == .text("It's"))
        #expect(value["paginate"] == .number("1000"))
        #expect(value["uglyURLs"] == .bool(true))
        #expect(value["date"]?.string == "2019-03-04T10:00:00+01:00")
        #expect(value["tags"]?.words == ["a", "b", "c"])
        #expect(value.lookup("point.y") == .text("two"))
        #expect(value.lookup("site.name") == .text("dotted"))
        #expect(value["text"] == .text("line one\nline \"two\""))
        #expect(value.lookup("params.description") == .text("Esc\té"))
        #expect(value.lookup("params.author.name") == .text("Grace"))
        if case .list(let items)? = value.lookup("menu.main") {
            #expect(items.map { $0["name"] } == [.text("Home"), .text("About")])
        } else {
            Issue.record("menu.main is not a list")
        }
        #expect(value.lookup("permalinks.posts") == .text("/:year/:title/"))
        #expect(value.lookup("PERMALINKS.Posts") == .text("/:year/:title/"))
    }

    @Test func brokenTOMLIsALocatedError() {
        #expect(throws: (any Error).self) { try TOMLReader.read("a = 1\nb = \"open\n", path: "config.toml") }
        do {
            _ = try TOMLReader.read("a = 1\n\nb = [1, 2\nc = 3\n", path: "config.toml")
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("config.toml"))
        }
    }

    @Test(arguments: [
        ("2019-03-04", "2019-03-04"),
        ("2019-3-4", "2019-03-04"),
        ("2019-03-04 10:00", "2019-03-04T10:00:00"),
        ("2019-03-04 10:00:00 +0100", "2019-03-04T10:00:00+01:00"),
        ("2019-03-04T10:00:00-05:30", "2019-03-04T10:00:00-05:30"),
        ("2019-03-04T10:00:00Z", "2019-03-04T10:00:00Z"),
        ("2019-03-04 10:00:00 UTC", "2019-03-04T10:00:00Z"),
        ("2019-03-04T10:00:00.123+00:00", "2019-03-04T10:00:00Z"),
    ])
    func datesBecomeISO(text: String, iso: String) throws {
        #expect(try #require(ImportedDate(text)).iso == iso)
    }

    /// Jekyll and Hugo forms are read on top of the one ISO 8601 reader and held
    /// to the same calendar: none of these days exists.
    @Test(arguments: ["2024-02-31", "2023-2-29", "2019-04-31 10:00", "2019-03-04 25:00:00 +0100", "2019-13-01"])
    func impossibleDatesAreNotImported(text: String) {
        #expect(ImportedDate(text) == nil)
    }

    @Test func aFileNameWithAnImpossibleDateIsNoPostDate() {
        #expect(JekyllSource.datePrefix("2023-02-29-leap") == nil)
        #expect(JekyllSource.datePrefix("2024-02-29-leap")?.rest == "leap")
    }

    @Test func jekyllMovesALateNightPostToTheSitesDayHugoKeepsTheAuthors() throws {
        let date = try #require(ImportedDate("2019-03-04 00:30:00 +0100"))
        let utc = TimeZone(identifier: "UTC")!
        #expect(date.civilDay(in: utc, keepingOffset: false) == (2019, 3, 3))
        #expect(date.civilDay(in: utc, keepingOffset: true) == (2019, 3, 4))
    }

    @Test func segmentsKeepCodeAndMathApart() {
        let body = "Text $$a$$ and `co$de` here.\n\n$$\nb\n$$\n\n```\n$$c$$\n```\nend $5 {{< figure caption=\"$x$\" >}}\n"
        let parts = MarkdownSegments(body, dollarMath: true).segments.map(\.segment)
        #expect(parts.contains(.math(inner: "a", dollars: 2, display: false)))
        #expect(parts.contains(.math(inner: "\nb\n", dollars: 2, display: true)))
        #expect(parts.contains(.code("`co$de`")))
        #expect(parts.contains(.code("```\n$$c$$\n```\n")))
        #expect(!parts.contains { if case .math(let inner, _, _) = $0 { inner == "x" } else { false } })
        #expect(MarkdownSegments.join(parts) == body)
    }

    @Test func jekyllSlugsAndAddresses() {
        #expect(JekyllSource.slugify("What's new: GPT-2!", pretty: true) == "What's-new-GPT-2!")
        #expect(JekyllSource.slugify("What's new: GPT-2!", pretty: false) == "what-s-new-gpt-2")
        #expect(
            JekyllSource.expand(
                "/:categories/:year/:title:output_ext", ["categories": "", "year": "2019", "title": "x", "output_ext": ".html"])
                == "/2019/x.html")
        #expect(JekyllSource.expand("/:title", ["title": "x"]) == "/x.html")
        #expect(JekyllSource.datePrefix("2019-03-04-my-post")?.rest == "my-post")
        #expect(JekyllSource.datePrefix("notes") == nil)
    }

    /// Attribute values as the HTML standard's tokenizer reads them (§13.2.5.32–.38: white
    /// space around `=`, either quote, names in any case), and the URL in one as browsers
    /// take it (leading and trailing white space stripped, §2.4 "parse a URL").
    @Test func htmlAttributeValuesAsBrowsersReadThem() {
        #expect(HTMLAttributeText.value(of: "src", inTag: #"<img SRC = 'a b.png ' alt="x">"#) == "a b.png")
        #expect(HTMLAttributeText.value(of: "alt", inTag: "<img src=\"a.png\" alt=\"two\nlines\">") == "two\nlines")
        // `data-src` is another attribute, and what follows the tag's `>` is no attribute.
        #expect(HTMLAttributeText.value(of: "src", inTag: #"<img data-src="lazy.png">"#) == nil)
        #expect(HTMLAttributeText.value(of: "src", inTag: #"<img alt="x"> src="later.png""#) == nil)

        let characters = Array(##"see <a href = "#x" >it</a>"##)
        let href = HTMLAttributeText.attribute("href", in: characters, at: 7)
        #expect(href.map { String(characters[$0.value]) } == "#x")
        #expect(href?.end == 18)
        #expect(HTMLAttributeText.attribute("href", in: characters, at: 6) == nil)
        // Outside a tag cut out beforehand, a value ends on its line.
        let prose = "a href=\"not closed\nhere\" b"
        #expect(HTMLAttributeText.attribute("href", in: prose, at: prose.index(prose.startIndex, offsetBy: 2)) == nil)
    }
}
