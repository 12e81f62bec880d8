import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

/// The bad-input corpus of issue 3: every case is a located error (in the
/// post, or at the data file's own line), quickly, with nothing written
/// outside the site.
@Suite struct QueryAndAnalysisBadInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var directive: String
        var argument: String
        var body: String
        var path: String
        var line: Int
        var message: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "ragged CSV", directive: "query", argument: "x", body: "SELECT * FROM ragged",
            path: "content/posts/p/ragged.csv", line: 3, message: "3 fields but the header has 2"),
        Case(
            name: "malformed JSONL line", directive: "query", argument: "x", body: "SELECT * FROM events",
            path: "content/posts/p/events.jsonl", line: 2, message: "malformed JSON"),
        Case(
            name: "NPY header that lies", directive: "analysis", argument: "x", body: "op: pca\nfrom: lying\nk: 1",
            path: "content/posts/p/lying.npy", line: 1, message: "promises 800 bytes"),
        Case(
            name: "ATTACH", directive: "query", argument: "x", body: "ATTACH DATABASE '/etc/passwd' AS p",
            path: "content/posts/p/index.md", line: 11, message: "ATTACH is not allowed"),
        Case(
            name: "DELETE", directive: "query", argument: "x", body: "DELETE FROM good",
            path: "content/posts/p/index.md", line: 11, message: "DELETE is not allowed"),
        Case(
            name: "endless recursive CTE", directive: "query", argument: "x",
            body: "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r)\nSELECT max(i) FROM r",
            path: "content/posts/p/index.md", line: 11, message: "ran longer than"),
        Case(
            name: "unknown op", directive: "analysis", argument: "x", body: "from: good\nop: smooth",
            path: "content/posts/p/index.md", line: 12, message: "unknown op 'smooth'"),
        Case(
            name: "unknown column", directive: "analysis", argument: "x", body: "op: bin\nfrom: good\ncolumn: valu\nbins: 3",
            path: "content/posts/p/index.md", line: 13, message: "no column 'valu' in table 'good'"),
    ]

    /// The standard directives, with a 1 s query time limit to keep the run short.
    let registry = DirectiveRegistry([
        QueryDirective(engine: QueryEngine(limits: .init(timeLimit: 1))), AnalysisDirective(), TableDirective(),
    ])

    func site() throws -> DirectiveTestSite {
        let site = try DirectiveTestSite()
        try site.write("ragged.csv", "a,b\n1,2\n3,4,5\n")
        try site.write("events.jsonl", "{\"a\": 1}\n{\"a\": \n")
        try site.write("good.csv", "value\n1\n2\n3\n")
        var lying = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (10, 10), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        lying += Data([UInt8(header.utf8.count), 0]) + Data(header.utf8) + Data(count: 16)
        try lying.write(to: site.bundle.appendingPathComponent("lying.npy"))
        return site
    }

    @Test(arguments: cases)
    func locatedErrorNoHang(_ item: Case) throws {
        let site = try site()
        let cache = DirectiveCache(siteRoot: site.root)
        let context = try site.context(cache: cache)
        let start = Date()
        let problem = diagnostic {
            _ = try registry.run(site.block(item.directive, item.argument, item.body, line: 10), in: context)
        }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(problem?.location.path == item.path)
        #expect(problem?.location.line == item.line)
        #expect(problem?.message.contains(item.message) == true, Comment(rawValue: problem?.message ?? "no error"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        #expect(entries.allSatisfy { [".quire-cache", "content"].contains($0) })
    }

    @Test func inlineValueOfAnUndefinedTable() throws {
        let site = try site()
        let at = SourceLocation(path: site.post, line: 30, column: 12)
        let problem = diagnostic { _ = try InlineValues.evaluate(" missing.value | max ", at: at, in: try site.context()) }
        // At the word, not the braces: `{{` then one space.
        #expect(problem?.location == SourceLocation(path: site.post, line: 30, column: 12 + 2 + 1))
        #expect(problem?.message == "no table named 'missing' in scope")
    }

    @Test func symlinkOutOfContent() throws {
        let site = try DirectiveTestSite()
        let outside = site.root.appendingPathComponent("outside.csv")
        try Data("a\n1\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(at: site.bundle.appendingPathComponent("link.csv"), withDestinationURL: outside)
        let problem = diagnostic { _ = try site.context() }
        #expect(problem?.location.path == "content/posts/p/link.csv")
        #expect(problem?.message.contains("outside the content folder") == true)
    }
}
