import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

/// Two MLflow-like stores whose tables share names: each table is
/// `STEM.TABLE` (SQL's schema-qualified name), and also its plain name where
/// that is unique; a shared plain name is an error only when used.
@Suite struct SQLiteNamingTests {
    let at = SourceLocation(path: "content/posts/p/index.md", line: 12)

    func makeStores(_ site: TestSite) throws {
        for (stem, offset) in [("mlflow", 0), ("sweep", 100)] {
            let database = try SQLiteDatabase.openForWriting(path: site.bundle.appendingPathComponent("\(stem).db").path)
            try database.execute(
                """
                CREATE TABLE runs(run_uuid TEXT, name TEXT);
                CREATE TABLE metrics(run_uuid TEXT, key TEXT, value REAL, step INTEGER);
                CREATE TABLE params(run_uuid TEXT, key TEXT, value TEXT);
                INSERT INTO runs VALUES ('r\(offset)', 'baseline'), ('r\(offset + 1)', 'wide');
                INSERT INTO metrics VALUES ('r\(offset)', 'loss', \(offset) + 0.5, 1), ('r\(offset + 1)', 'loss', \(offset) + 0.25, 1),
                                           ('r\(offset)', 'loss', \(offset) + 0.125, 2);
                INSERT INTO params VALUES ('r\(offset)', 'lr', '3e-4');
                """)
            if stem == "mlflow" {
                try database.execute("CREATE TABLE experiments(id INTEGER, name TEXT); INSERT INTO experiments VALUES (1, 'helix');")
            }
        }
    }

    @Test func sharedTableNamesAreNoErrorUntilUsed() throws {
        let site = try TestSite()
        try makeStores(site)
        let scope = try site.scope()
        for name in [
            "mlflow.metrics", "mlflow.runs", "mlflow.params", "mlflow.experiments", "sweep.metrics", "sweep.runs", "sweep.params",
            "experiments",
        ] {
            #expect(scope.names.contains(name), "\(name) in \(scope.names)")
        }
        #expect(try scope.table(named: "experiments", at: at).rowCount == 1)
        var caught: Diagnostic?
        do { _ = try scope.table(named: "metrics", at: at) } catch { caught = error.diagnostics(orAt: at).first }
        #expect(caught?.location == at)
        #expect(caught?.message == "several databases have a table named 'metrics': mlflow.metrics, sweep.metrics")
    }

    @Test func queriesUseSchemaQualifiedNames() throws {
        let site = try TestSite()
        try makeStores(site)
        let scope = try site.scope()
        let sql = """
            SELECT r.name, count(*) AS points, sum(m.value) AS total
            FROM sweep.metrics AS m JOIN sweep.runs AS r USING (run_uuid)
            WHERE m.key = 'loss' GROUP BY r.name ORDER BY r.name
            """
        let result = try QueryEngine().run(sql, scope: scope, at: at)
        // sweep: r100 has 100.5 and 100.125, r101 has 100.25.
        #expect(result.column(named: "name")?.values == .text(["baseline", "wide"]))
        #expect(result.column(named: "total")?.values == .real([200.625, 100.25]))
        let both = try QueryEngine().run(
            "SELECT (SELECT count(*) FROM mlflow.metrics) + (SELECT count(*) FROM \"sweep\".\"metrics\") AS n, (SELECT name FROM experiments) AS e",
            scope: scope, at: at)
        #expect(both.column(named: "n")?.values == .integer([6]))
        #expect(both.column(named: "e")?.values == .text(["helix"]))
    }

    @Test func aSharedPlainNameInSQLListsTheQualifiedNames() throws {
        let site = try TestSite()
        try makeStores(site)
        let scope = try site.scope()
        var caught: Diagnostic?
        do { _ = try QueryEngine().run("SELECT * FROM metrics", scope: scope, at: at) } catch { caught = error.diagnostics(orAt: at).first }
        #expect(caught?.message.contains("mlflow.metrics, sweep.metrics") == true)
        #expect(caught?.hint?.contains("qualified name") == true)
        // The caret is on the table's name, column 15 of the query's first line.
        #expect(caught?.location == SourceLocation(path: at.path, line: 12, column: 15))
    }

    @Test func queriesStillCannotAttach() throws {
        let site = try TestSite()
        try makeStores(site)
        let scope = try site.scope()
        var caught: Diagnostic?
        do { _ = try QueryEngine().run("ATTACH DATABASE ':memory:' AS x", scope: scope, at: at) } catch {
            caught = error.diagnostics(orAt: at).first
        }
        #expect(caught?.message.contains("read-only") == true, "\(caught?.message ?? "no error")")
        do {
            _ = try QueryEngine().run("SELECT * FROM mlflow.metrics; DELETE FROM mlflow.metrics", scope: scope, at: at)
            Issue.record("two statements ran")
        } catch {}
    }

    @Test func aFileTableTakesThePlainNameFirst() throws {
        let site = try TestSite()
        try makeStores(site)
        try site.write("runs.csv", "id\n1\n2\n3\n")
        let scope = try site.scope()
        #expect(try scope.table(named: "runs", at: at).columnNames == ["id"])
        #expect(try scope.table(named: "mlflow.runs", at: at).rowCount == 2)
    }

    @Test func twoStoresOfOneStemClashOnceNotPerTable() throws {
        let site = try TestSite()
        for folder in ["a", "b"] {
            let url = site.bundle.appendingPathComponent("\(folder)/mlflow.db")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let database = try SQLiteDatabase.openForWriting(path: url.path)
            try database.execute("CREATE TABLE runs(x); CREATE TABLE metrics(x); CREATE TABLE params(x);")
        }
        var problems: [Diagnostic] = []
        do { _ = try site.scope() } catch { problems = error.diagnostics(orAt: at) }
        #expect(problems.count == 1, "\(problems.map(\.message))")
        #expect(problems.first?.message.contains("'content/posts/p/a/mlflow.db' and 'content/posts/p/b/mlflow.db'") == true)
    }

    @Test func aDamagedDatabaseIsNamedButItsBytesAreNeverPrinted() throws {
        let site = try TestSite()
        try makeStores(site)
        let file = site.bundle.appendingPathComponent("mlflow.db")
        var bytes = [UInt8](try Data(contentsOf: file))
        // Keep SQLite's header (with its NUL bytes) and scramble the pages after it.
        for index in 100..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 131) }
        try Data(bytes).write(to: file)
        var problems: [Diagnostic] = []
        do {
            let scope = try site.scope()
            _ = try scope.table(named: "mlflow.metrics", at: at)
        } catch { problems = error.diagnostics(orAt: at) }
        let diagnostic = try #require(problems.first)
        #expect(diagnostic.location.path == "content/posts/p/mlflow.db")
        let text = DiagnosticRenderer(root: site.root).render(diagnostic)
        #expect(!text.contains("SQLite format"), "the database's header is not quoted:\n\(text)")
        #expect(!text.contains(" | "))
    }
}
