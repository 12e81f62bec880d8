import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

@Suite struct QueryEngineTests {
    let at = SourceLocation(path: "content/posts/p/index.md", line: 10)

    func scope() throws -> (TestSite, DataScope) {
        let site = try TestSite()
        try site.write("losses.csv", "step,loss,run\n1,0.9,a\n2,0.5,a\n3,0.4,b\n")
        try site.write("texts.jsonl", "{\"t\": \"the cat the cat the cat\"}\n{\"t\": \"a b c d\"}\n{\"t\": \"\"}\n")
        return (site, try site.scope())
    }

    func error(_ sql: String, limits: QueryEngine.Limits = .init()) throws -> Diagnostic? {
        let (site, scope) = try scope()
        defer { _ = site }
        do {
            _ = try QueryEngine(limits: limits).run(sql, scope: scope, at: at)
            return nil
        } catch {
            return error.diagnostics(orAt: at).first
        }
    }

    @Test func selectsOverTablesInScope() throws {
        let (site, scope) = try scope()
        defer { _ = site }
        let table = try QueryEngine().run(
            "SELECT run, min(loss) AS best, count(*) AS n FROM losses GROUP BY run ORDER BY run", scope: scope, at: at)
        #expect(table.columnNames == ["run", "best", "n"])
        #expect(table.column(named: "best")?.values == .real([0.5, 0.4]))
        #expect(table.column(named: "n")?.values == .integer([2, 1]))
    }

    @Test func extraFunctions() throws {
        let (site, scope) = try scope()
        defer { _ = site }
        let sql = """
            SELECT regexp('^c[a-z]+$', 'cat') AS r1, 'dog' REGEXP '^c' AS r2, regexp_count('abcabcab', 'ab') AS rc,
                   pow(2, 10) AS p, round(atan2(1, 1) * 4, 12) = round(pi(), 12) AS a, ln(exp(2)) AS l, log10(1000) AS lg,
                   sqrt(16) AS s, floor(-1.5) AS f, ceil(1.2) AS c, sin(0) AS z
            """
        let table = try QueryEngine().run(sql, scope: scope, at: at)
        let row = table.columns.map { $0.values[0] }
        #expect(
            row == [
                .integer(1), .integer(0), .integer(3), .real(1024), .integer(1), .real(2), .real(3), .real(4), .real(-2), .real(2),
                .real(0),
            ])
    }

    // Worked by hand: "the cat the cat the cat" has bigrams the·cat, cat·the,
    // the·cat, cat·the, the·cat: 5 bigrams, 3 repeat an earlier one → 0.6.
    // "a b c d": 3 distinct bigrams → 0. "": no bigrams → 0.
    @Test func repetitionShareOfRepeatedNGrams() throws {
        let (site, scope) = try scope()
        defer { _ = site }
        let table = try QueryEngine().run("SELECT repetition(t, 2) AS r FROM texts", scope: scope, at: at)
        #expect(table.column(named: "r")?.values == .real([0.6, 0, 0]))
        #expect(SQLFunctions.repetition("Loop loop LOOP loop", n: 1) == 0.75)
    }

    @Test func attachIsRefused() throws {
        let problem = try error("ATTACH '/tmp/x.db' AS x")
        #expect(problem?.message.contains("ATTACH is not allowed") == true)
    }

    @Test func writesAreRefused() throws {
        #expect(try error("DELETE FROM losses")?.message.contains("read-only") == true)
        #expect(try error("INSERT INTO losses VALUES (1, 2, 'x')")?.message.contains("INSERT") == true)
        let create = try error("CREATE TABLE t(a)")
        #expect(create?.message.contains("CREATE") == true, Comment(rawValue: create?.message ?? "nil"))
        #expect(try error("PRAGMA writable_schema = 1")?.message.contains("PRAGMA") == true)
        #expect(try error("SELECT 1; DELETE FROM losses")?.message.contains("DELETE") == true)
        #expect(try error("SELECT load_extension('/tmp/evil.so')") != nil)
    }

    @Test func runawayRecursiveQueryIsStoppedByTheTimeLimit() throws {
        let start = Date()
        let problem = try error(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n", limits: .init(timeLimit: 0.3))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(problem?.message.contains("ran longer than 0.3 s") == true)
        #expect(problem?.location == at)
    }

    @Test func resultRowCap() throws {
        let problem = try error(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 50) SELECT i FROM n", limits: .init(maxRows: 10))
        #expect(problem?.message.contains("more than 10 rows") == true)
    }

    @Test func unknownTableAndColumnGetHints() throws {
        let table = try error("SELECT step FROM loses")
        #expect(table?.message == "no table named 'loses' in scope")
        #expect(table?.hint == "did you mean 'losses'?")
        let column = try error("SELECT\n  stpe FROM losses")
        #expect(column?.message == "no column named 'stpe'")
        #expect(column?.hint == "did you mean 'step'?")
        #expect(column?.location.line == 11)
        #expect(column?.location.column == 3)
    }

    /// The hints a chart gets for a missing table, and a caret on the name.
    @Test func anUnknownTableInSQLIsPointedAtAndExplained() throws {
        let (site, scope) = try scope()
        defer { _ = site }
        scope.declare("later", at: SourceLocation(path: at.path, line: 30))
        func problem(_ sql: String) -> Diagnostic? {
            do {
                _ = try QueryEngine().run(sql, scope: scope, at: at)
                return nil
            } catch { return error.diagnostics(orAt: at).first }
        }
        // texts.jsonl renamed from old_texts.jsonl: the old stem shares the word "texts".
        let renamed = problem("SELECT t\nFROM old_texts")
        #expect(renamed?.message == "no table named 'old_texts' in scope")
        #expect(renamed?.hint == "did you mean 'texts'?")
        #expect(renamed?.location == SourceLocation(path: at.path, line: 11, column: 6))
        let later = problem("SELECT x FROM later")
        #expect(later?.hint == "'later' is defined by the directive at line 30, which runs later: directives run in document order")
        #expect(later?.location == SourceLocation(path: at.path, line: 10, column: 15))
    }

    @Test func syntaxErrorIsLocatedInTheBody() throws {
        let problem = try error("SELECT step\nFROM losses\nWHERE step >")
        #expect(problem?.message.hasPrefix("SQL error") == true)
        #expect(problem?.location.path == "content/posts/p/index.md")
    }

    @Test func referencedNamesSkipStringLiterals() {
        let names = QueryEngine.referencedNames(
            in: "SELECT 'losses' FROM \"Texts\" JOIN [other] -- x", among: ["losses", "texts", "other"])
        #expect(names == ["texts", "other"])
    }
}
