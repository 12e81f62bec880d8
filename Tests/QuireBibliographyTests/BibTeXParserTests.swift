import Foundation
import QuireDiagnostics
import Testing

@testable import QuireBibliography

/// The parser on a real bibliography, and on the BibTeX forms people write.
struct BibTeXParserTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Tests/QuireBibliographyTests/Fixtures/rotationally-symmetric-vi.bib is the
    /// references.bib of github.com/1saacRankin/rotationally-symmetric-VI at commit
    /// a286c90c1476b13c079152c8673fa08bc0570776. Expected values read off the file by hand.
    @Test func realBibliographyFromAPaperRepository() throws {
        let entries = try BibTeXParser.parse(try Self.fixture("rotationally-symmetric-vi.bib"), path: "refs.bib")
        #expect(entries.count == 11)
        let byKey = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0) })

        let blei = try #require(byKey["blei2017variational"])
        #expect(blei.type == "article")
        #expect(blei.authors.map(\.family) == ["Blei", "Kucukelbir", "McAuliffe"])
        #expect(blei.authors.map(\.given) == ["David M", "Alp", "Jon D"])
        #expect(blei.title == "Variational inference: A review for statisticians")
        #expect(blei.container == "Journal of the American statistical Association")
        #expect(blei.volume == "112")
        #expect(blei.number == "518")
        #expect(blei.pages == "859–877")
        #expect(blei.year == "2017")
        #expect(blei.publisher == "Taylor & Francis")
        // Three comment lines, then the entry on line 9 of the original file.
        #expect(blei.location == SourceLocation(path: "refs.bib", line: 12, column: 1))

        let speagle = try #require(byKey["speagle2019conceptual"])
        #expect(speagle.title == "A conceptual introduction to Markov chain Monte Carlo methods")

        let petersen = try #require(byKey["petersen2008matrix"])
        #expect(petersen.authors.map(\.family) == ["Petersen", "Pedersen"])
        #expect(petersen.moreAuthors)

        let barndorff = try #require(byKey["barndorff1982exponential"])
        #expect(barndorff.authors.map(\.family) == ["Barndorff-Nielsen", "Blaesild", "Jensen", "Jørgensen"])
        #expect(barndorff.authors[2].given == "J Ledet")
        #expect(barndorff.container == "Proceedings of the Royal Society of London. A. Mathematical and Physical Sciences")

        let carpenter = try #require(byKey["carpenter2017stan"])
        #expect(carpenter.authors.count == 10)
        #expect(carpenter.authors.last == PersonName(family: "Riddell", given: "Allen"))

        let eigen = try #require(byKey["d2022eigenstructure"])
        #expect(eigen.authors.first?.family == "D'Eleuterio")
        #expect(byKey["barker2007continuous"]?.type == "book")
        #expect(byKey["barker2007continuous"]?.publisher == "American Mathematical Soc.")
    }

    @Test func stringsConcatenationMonthsAndComments() throws {
        let bib = #"""
            @comment{ this whole {block} is ignored @article{fake, title={no}} }
            @preamble{"\newcommand{\noop}[1]{}"}
            @string{ jmlr = "Journal of Machine Learning Research" }
            @STRING(pre = {Proc. })
            Free text between entries is a comment too.
            @Article(one,
              author = "Ada Lovelace",
              title = "On {T}he " # "Engine",
              journal = jmlr,
              month = jan,
              year = 1843,
              note = pre # {of the } # "Society",
            )
            @inproceedings{two, title = {Second}, booktitle = pre # {ICML}, month = {September}, year = {2020}}
            """#
        let entries = try BibTeXParser.parse(bib, path: "a.bib")
        #expect(entries.map(\.key) == ["one", "two"])
        #expect(entries[0].title == "On The Engine")
        #expect(entries[0].container == "Journal of Machine Learning Research")
        #expect(entries[0].month == 1)
        #expect(entries[0].year == "1843")
        #expect(entries[0].note == "Proc. of the Society")
        #expect(entries[0].authors == [PersonName(family: "Lovelace", given: "Ada")])
        #expect(entries[1].container == "Proc. ICML")
        #expect(entries[1].month == 9)
    }

    @Test func accentsAndSpecialLetters() {
        #expect(TeXText.plain(#"G{\"o}del"#) == "Gödel")
        #expect(TeXText.plain(#"Erd\H{o}s and Ces\`aro"#) == "Erdős and Cesàro")
        #expect(TeXText.plain(#"Poincar\'e, \'{E}mile, \"\i"#) == "Poincaré, Émile, ï")
        #expect(TeXText.plain(#"Stra{\ss}e, {\o}re, {\AE}sop, \L{}ukasz, {\aa}"#) == "Straße, øre, Æsop, Łukasz, å")
        #expect(TeXText.plain(#"\v{C}ech, Fran\c{c}ois, \~{n}, \k{a}, \r{u}"#) == "Čech, François, ñ, ą, ů")
        #expect(TeXText.plain(#"R\&D, 50\%, pages 1--9, a---b, \emph{Deep} {L}earning"#) == "R&D, 50%, pages 1–9, a—b, Deep Learning")
        #expect(TeXText.plain("Line\n   broken") == "Line broken")
    }

    @Test func namesAsBibTeXSplitsThem() {
        let (names, more) = BibTeXNames.parse(
            #"Ludwig van Beethoven and de la Fontaine, Jean and Ford, Jr., Henry and {National Institute of Standards and Technology} and M{\"u}ller, J{\"o}rg and others"#
        )
        #expect(more)
        #expect(
            names == [
                PersonName(family: "Beethoven", given: "Ludwig", particle: "van"),
                PersonName(family: "Fontaine", given: "Jean", particle: "de la"),
                PersonName(family: "Ford", given: "Henry", suffix: "Jr."),
                PersonName.organization("National Institute of Standards and Technology"),
                PersonName(family: "Müller", given: "Jörg"),
            ])
        #expect(names[0].invertedOrder == "van Beethoven, Ludwig")
        #expect(names[2].displayOrder == "Henry Ford, Jr.")
    }

    @Test func organisationIsKeptWhole() {
        let (names, _) = BibTeXNames.parse("{Barnes and Noble} and Jane Smith")
        #expect(names == [PersonName.organization("Barnes and Noble"), PersonName(family: "Smith", given: "Jane")])
    }

    // MARK: bad input, each at the .bib file's own line

    @Test func unclosedBraceIsLocatedAtItsLine() {
        let bib =
            "@article{good, title={Fine}, year=2020}\n\n@article{bad,\n  title = {Never closed,\n  year = 2021\n}\n@misc{next, title={N}}\n"
        let problems = diagnostics { try BibTeXParser.parse(bib, path: "refs.bib") }
        #expect(problems.map(\.location.line) == [4])
        #expect(problems.first?.message == "the brace opened here is never closed")
        #expect(problems.first?.location.path == "refs.bib")
    }

    @Test func entryLeftOpenBeforeTheNextOne() {
        let problems = diagnostics { try BibTeXParser.parse("@misc{a,\n  title = {Open\n}\n@misc{b, title={B}}\n", path: "r.bib") }
        #expect(problems.map(\.location.line) == [1])
        #expect(problems.first?.message == "entry 'a' is not closed")
    }

    @Test func entryLeftOpenAtTheEndOfTheFile() {
        let problems = diagnostics { try BibTeXParser.parse("@misc{a, title={A}}\n@misc{b,\n  title = {B}\n", path: "r.bib") }
        #expect(problems.map(\.location.line) == [2])
        #expect(problems.first?.message == "entry 'b' is not closed")
    }

    @Test func missingEqualsAndMissingComma() {
        let bib = "@article{a,\n  title {X},\n}\n@article{b,\n  title = {Y}\n  year = 2020\n}\n"
        let problems = diagnostics { try BibTeXParser.parse(bib, path: "r.bib") }
        #expect(problems.map(\.location.line) == [2, 6])
        #expect(problems[0].message == "expected '=' after 'title'")
        #expect(problems[1].hint?.contains("comma") == true)
    }

    @Test func keyDefinedTwiceIsAnError() {
        let bib = "@misc{same, title={A}}\n@book{other, title={B}}\n@misc{same, title={C}}\n"
        let problems = diagnostics { try BibTeXParser.parse(bib, path: "r.bib") }
        #expect(problems.count == 1)
        #expect(problems.first?.location.line == 3)
        #expect(problems.first?.message == "the key 'same' is defined twice (first at line 1)")
    }

    @Test func unknownMacroSuggestsAString() {
        let bib = "@string{neurips = {NeurIPS}}\n@inproceedings{x,\n  booktitle = nerips,\n}\n"
        let problems = diagnostics { try BibTeXParser.parse(bib, path: "r.bib") }
        #expect(problems.first?.location == SourceLocation(path: "r.bib", line: 3, column: 15))
        #expect(problems.first?.hint == "did you mean 'neurips'?")
    }

    @Test func fieldGivenTwice() {
        let problems = diagnostics { try BibTeXParser.parse("@misc{k,\n year = 1,\n year = 2}", path: "r.bib") }
        #expect(problems.map(\.location.line) == [3])
    }

    func diagnostics(_ body: () throws -> Any) -> [Diagnostic] {
        do {
            _ = try body()
            return []
        } catch {
            return error.diagnostics(orAt: SourceLocation(path: "?"))
        }
    }
}
