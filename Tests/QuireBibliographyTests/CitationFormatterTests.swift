import Foundation
import QuireDiagnostics
import Testing

@testable import QuireBibliography

/// Citations and reference lists in both styles. Expected strings follow
/// Pandoc's default style (Chicago author-date, 17th ed.): up to three names
/// in a citation, four or more as "First et al."; "A and B"; locators after a comma.
struct CitationFormatterTests {
    static let bibliography: Bibliography = {
        let text =
            try! BibTeXParserTests.fixture("rotationally-symmetric-vi.bib") + #"""
                @misc{nist2019, author = {{National Institute of Standards and Technology}}, title = {Digital Identity Guidelines}, year = 2019,
                      url = {https://pages.nist.gov/800-63-3/}}
                @article{goedel1931, author = {G{\"o}del, Kurt}, title = {{\"U}ber formal unentscheidbare S{\"a}tze}, journal = {Monatshefte f{\"u}r Mathematik},
                         volume = 38, pages = {173--198}, year = 1931, doi = {10.1007/BF01700692}}
                """#
        return try! Bibliography.parse(text, path: "refs.bib")
    }()

    func plain(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
    }

    @Test func authorYearCitations() {
        var formatter = CitationFormatter(bibliography: Self.bibliography, style: .authorYear)
        #expect(plain(formatter.cite([CitedWork(key: "morawiec2003orientations")], narrative: false)) == "(Morawiec 2003)")
        #expect(plain(formatter.cite([CitedWork(key: "barker2007continuous")], narrative: false)) == "(Barker and Howe 2007)")
        #expect(
            plain(formatter.cite([CitedWork(key: "blei2017variational")], narrative: false)) == "(Blei, Kucukelbir, and McAuliffe 2017)")
        #expect(
            plain(formatter.cite([CitedWork(key: "carpenter2017stan", suffix: ", p. 4")], narrative: false))
                == "(Carpenter et al. 2017, p. 4)")
        #expect(plain(formatter.cite([CitedWork(key: "carpenter2017stan", suppressAuthor: true)], narrative: false)) == "(2017)")
        #expect(plain(formatter.cite([CitedWork(key: "carpenter2017stan")], narrative: true)) == "Carpenter et al. (2017)")
        #expect(
            plain(
                formatter.cite(
                    [CitedWork(key: "petersen2008matrix", prefix: "see"), CitedWork(key: "goedel1931", suffix: "chap. 2")], narrative: false
                ))
                == "(see Petersen et al. 2008; Gödel 1931, chap. 2)")
        #expect(
            plain(formatter.cite([CitedWork(key: "nist2019")], narrative: true)) == "National Institute of Standards and Technology (2019)")
        let html = formatter.cite([CitedWork(key: "goedel1931")], narrative: false)
        #expect(html == "<span class=\"citation\">(<a href=\"#ref-goedel1931\">Gödel 1931</a>)</span>")
    }

    @Test func authorYearReferenceListIsSortedByAuthorThenYear() {
        var formatter = CitationFormatter(bibliography: Self.bibliography, style: .authorYear)
        for key in ["nist2019", "goedel1931", "blei2017variational", "barker2007continuous"] {
            _ = formatter.cite([CitedWork(key: key)], narrative: false)
        }
        let html = formatter.referencesHTML()
        let ids = html.matches(of: /id="ref-([^"]+)"/).map { String($0.1) }
        #expect(ids == ["barker2007continuous", "blei2017variational", "goedel1931", "nist2019"])
        let items = html.matches(of: /<li[^>]*>(.*)<\/li>/).map { plain(String($0.1)) }
        #expect(
            items[0] == "Barker, William H, and Roger Howe. 2007. Continuous symmetry: from Euclid to Klein. American Mathematical Soc.")
        #expect(
            items[1]
                == "Blei, David M, Alp Kucukelbir, and Jon D McAuliffe. 2017. “Variational inference: A review for statisticians.” Journal of the American statistical Association 112 (518): 859–877. Taylor &amp; Francis."
        )
        #expect(
            items[2]
                == "Gödel, Kurt. 1931. “Über formal unentscheidbare Sätze.” Monatshefte für Mathematik 38: 173–198. https://doi.org/10.1007/BF01700692"
        )
        #expect(
            items[3]
                == "National Institute of Standards and Technology. 2019. “Digital Identity Guidelines.” https://pages.nist.gov/800-63-3/")
        #expect(html.contains("<a href=\"https://doi.org/10.1007/BF01700692\">"))
    }

    @Test func longAuthorListsShortenInTheReferenceList() {
        var formatter = CitationFormatter(bibliography: Self.bibliography, style: .authorYear)
        _ = formatter.cite([CitedWork(key: "petersen2008matrix")], narrative: false)
        #expect(plain(formatter.referencesHTML()).contains("Petersen, Kaare Brandt, Michael Syskind Pedersen, et al. 2008."))
    }

    @Test func numericCitationsFollowFirstCitationOrder() {
        var formatter = CitationFormatter(bibliography: Self.bibliography, style: .numeric)
        #expect(plain(formatter.cite([CitedWork(key: "goedel1931")], narrative: false)) == "[1]")
        #expect(
            plain(
                formatter.cite([CitedWork(key: "blei2017variational", suffix: ", p. 4"), CitedWork(key: "goedel1931")], narrative: false))
                == "[2, p. 4, 1]")
        #expect(plain(formatter.cite([CitedWork(key: "blei2017variational")], narrative: true)) == "Blei, Kucukelbir, and McAuliffe [2]")
        let html = formatter.referencesHTML()
        let ids = html.matches(of: /id="ref-([^"]+)"/).map { String($0.1) }
        #expect(ids == ["goedel1931", "blei2017variational"])
        #expect(html.contains("<span class=\"reference-number\">[2]</span> Blei, David M"))
    }

    @Test func sameAuthorsSameYearGetLetters() throws {
        let bib = """
            @misc{zoom, author = {Olah, Chris and Satyanarayan, Arvind and others}, title = {Zoom In}, year = 2020}
            @misc{overview, author = {Olah, Chris and Cammarata, Nick and others}, title = {An Overview}, year = 2020}
            @misc{alone, author = {Olah, Chris}, title = {Alone}, year = 2020}
            """
        let bibliography = try Bibliography.parse(bib, path: "r.bib")
        var formatter = CitationFormatter(bibliography: bibliography, style: .authorYear, citing: ["zoom", "overview", "alone"])
        // Both read "Olah et al. 2020". Chicago orders the list by every author's
        // name (Cammarata before Satyanarayan), and the letters follow the list.
        #expect(plain(formatter.cite([CitedWork(key: "zoom")], narrative: false)) == "(Olah et al. 2020b)")
        #expect(plain(formatter.cite([CitedWork(key: "overview")], narrative: true)) == "Olah et al. (2020a)")
        #expect(plain(formatter.cite([CitedWork(key: "alone")], narrative: false)) == "(Olah 2020)")
        let items = formatter.referencesHTML().matches(of: /<li[^>]*>(.*)<\/li>/).map { plain(String($0.1)) }
        #expect(
            items == [
                "Olah, Chris. 2020. “Alone.”",
                "Olah, Chris, Nick Cammarata, et al. 2020a. “An Overview.”",
                "Olah, Chris, Arvind Satyanarayan, et al. 2020b. “Zoom In.”",
            ])
    }

    @Test func noCitationsNoSection() {
        let formatter = CitationFormatter(bibliography: Self.bibliography, style: .authorYear)
        #expect(formatter.referencesHTML() == "")
    }

    @Test func cslJSONEntries() throws {
        let json = """
            [
              {"id": "kaplan2020scaling", "type": "article", "title": "Scaling Laws for Neural Language Models",
               "author": [{"family": "Kaplan", "given": "Jared"}, {"family": "McCandlish", "given": "Sam"}],
               "issued": {"date-parts": [[2020, 1]]}, "URL": "https://arxiv.org/abs/2001.08361"},
              {"id": "who", "type": "report", "title": "Report", "author": [{"literal": "World Health Organization"}],
               "issued": {"date-parts": [["2021"]]}}
            ]
            """
        let bibliography = try Bibliography.parse(json, path: "refs.json")
        let kaplan = try #require(bibliography.entries["kaplan2020scaling"])
        #expect(kaplan.year == "2020" && kaplan.month == 1)
        #expect(kaplan.location.line == 2)
        #expect(bibliography.entries["who"]?.location.line == 5)
        var formatter = CitationFormatter(bibliography: bibliography, style: .authorYear)
        #expect(plain(formatter.cite([CitedWork(key: "kaplan2020scaling")], narrative: true)) == "Kaplan and McCandlish (2020)")
        #expect(plain(formatter.cite([CitedWork(key: "who")], narrative: false)) == "(World Health Organization 2021)")
    }

    @Test func cslJSONProblemsAreLocated() {
        let json = "[\n  {\"id\": \"a\"},\n  {\"title\": \"no id\"},\n  {\"id\": \"a\"}\n]"
        do {
            _ = try Bibliography.parse(json, path: "r.json")
            Issue.record("expected errors")
        } catch {
            let problems = error.diagnostics(orAt: SourceLocation(path: "?"))
            #expect(problems.map(\.location.line) == [3, 4])
        }
    }
}
