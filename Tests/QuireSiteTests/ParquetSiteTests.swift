import Foundation
import Testing

@testable import QuireSite

/// A post whose bundle holds a Parquet file pyarrow wrote: a query and a
/// chart over it build end to end, the chart's CSV carries the values pyarrow
/// reads back, and the Parquet file itself is not published.
@Suite struct ParquetSiteTests {
    static let writer = #"""
        import sys, json
        try:
            import pyarrow as pa, pyarrow.parquet as pq
        except ImportError:
            sys.exit(3)
        steps = list(range(0, 200, 10))
        table = pa.table({
            'step': pa.array(steps, pa.int64()),
            'loss': pa.array([round(2.0 / (1 + s / 50), 4) for s in steps], pa.float64()),
            'run': pa.array(['a' if s % 20 == 0 else 'b' for s in steps]),
            'unused': pa.array([[s] for s in steps]),
        })
        pq.write_table(table, sys.argv[1], compression='zstd', row_group_size=7)
        back = pq.read_table(sys.argv[1], columns=['step', 'loss', 'run']).to_pylist()
        best = {}
        for row in back: best[row['run']] = min(best.get(row['run'], 9e9), row['loss'])
        # Numbers as text: JSON parsers may round what Python prints exactly.
        print(json.dumps({'rows': [[str(r['step']), repr(r['loss']), r['run']] for r in back], 'best': {k: repr(v) for k, v in best.items()}}))
        """#

    @Test func aChartAndAQueryOverAParquetTableBuild() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/curves/index.md": """
            ---
            title: Curves
            date: 2026-02-01
            ---

            ```query best
            SELECT run, min(loss) AS best FROM training GROUP BY run ORDER BY run
            ```

            Best loss of run a: {{ best.best[0] }}.

            ```chart
            data: training
            mark: line
            x: step
            y: loss
            color: run
            ```
            """
        ])
        defer { fixture.remove() }
        let parquet = fixture.root.appendingPathComponent("content/posts/curves/training.parquet")
        let result = try ProcessResult.run("python3", ["-c", Self.writer, parquet.path])
        try #require(result.status != 3, "pyarrow is missing: run scripts/install-deps --test")
        try #require(result.status == 0, "\(result.stderr)")
        let oracle = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(oracle["rows"] as? [[String]])
        let best = try #require(oracle["best"] as? [String: String])

        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.diagnostics)")
        let page = try fixture.read("site/posts/curves/index.html")
        #expect(page.contains("<svg"))
        #expect(page.contains("Best loss of run a: \(Double(best["a"]!)!)"))
        let files = SiteFixture.snapshot(fixture.site).keys.filter { $0.hasPrefix("posts/curves/") }
        #expect(!files.contains { $0.hasSuffix(".parquet") }, "data files are not published")
        let csvName = try #require(files.first { $0.hasSuffix(".csv") })
        let csv = try fixture.read("site/" + csvName)
        // The chart's data holds the columns the chart names, with the values pyarrow reads back.
        let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.first == ["step", "loss", "run"])
        let cells = lines.dropFirst().map { [Double($0[0]), Double($0[1])] }
        #expect(cells == rows.map { [Double($0[0]), Double($0[1])] })
        #expect(lines.dropFirst().map { $0[2] } == rows.map { $0[2] })
    }
}
