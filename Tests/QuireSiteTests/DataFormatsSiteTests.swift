import Foundation
import QuireDiagnostics
import Testing

@testable import QuireSite

/// A site whose post reads a researcher's formats as they come from their
/// tools: TensorBoard runs (runs/a, runs/b), two MLflow-like SQLite stores
/// whose tables share names, and a safetensors activation dump — and whose
/// other bundle files are published unless `exclude:` leaves them out.
@Suite struct DataFormatsSiteTests {
    /// Writes the binary files with the real libraries into the bundle argv[1].
    static let writeData = #"""
        import os, sqlite3, sys
        import numpy as np
        from safetensors.numpy import save_file
        from tensorboard.summary import Writer
        from tensorboard.summary.writer.event_file_writer import EventFileWriter
        from tensorboard.compat.proto import event_pb2, summary_pb2

        bundle = sys.argv[1]
        w = Writer(os.path.join(bundle, "runs", "a"))
        for step in range(10):
            w.add_scalar("loss", 1.0 / (step + 1), step, wall_time=1.0e9 + step)
        w.close()
        os.makedirs(os.path.join(bundle, "runs", "b"))
        w = EventFileWriter(os.path.join(bundle, "runs", "b"))
        for step in range(10):
            w.add_event(event_pb2.Event(step=step, wall_time=1.0e9 + step, summary=summary_pb2.Summary(
                value=[summary_pb2.Summary.Value(tag="loss", simple_value=2.0 / (step + 1))])))
        w.close()
        for stem, rows in [("mlflow", 3), ("sweep", 5)]:
            db = sqlite3.connect(os.path.join(bundle, stem + ".db"))
            db.execute("CREATE TABLE runs (run_uuid TEXT, name TEXT)")
            db.execute("CREATE TABLE metrics (run_uuid TEXT, key TEXT, value REAL, step INTEGER)")
            db.executemany("INSERT INTO metrics VALUES (?, 'loss', ?, ?)", [("r", 1.0 / (i + 1), i) for i in range(rows)])
            db.commit()
            db.close()
        x = np.random.default_rng(0).normal(size=(40, 5)).astype(np.float32)
        save_file({"block.1": x}, os.path.join(bundle, "acts.safetensors"))
        print("null")
        """#

    static let post = """
        ---
        title: Formats
        date: 2026-01-05
        ---

        ```query losses
        SELECT run, step, value FROM runs WHERE tag = 'loss' ORDER BY run, step
        ```

        ```chart
        data: losses
        mark: line
        x: step
        y: value
        color: run
        ```

        ```query stores
        SELECT (SELECT count(*) FROM mlflow.metrics) AS mlflow_points, (SELECT count(*) FROM sweep.metrics) AS sweep_points
        ```

        The stores hold {{ stores.mlflow_points }} and {{ stores.sweep_points }} points.

        ```analysis projection
        op: pca
        from: acts.block.1
        k: 2
        ```

        ```chart
        data: projection
        mark: point
        x: pc1
        y: pc2
        ```

        ![figure](figure.svg)
        """

    @Test func readsEveryFormatAndPublishesOnlyWhatReadersGet() async throws {
        let fixture = try SiteFixture(
            config: SiteFixture.defaultConfig + "\nexclude: [\"**/*.bak\", \"posts/formats/drafts/*\"]\n",
            files: [
                "content/posts/formats/index.md": Self.post,
                "content/posts/formats/figure.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"/>",
                "content/posts/formats/notes.bak": "old notes",
                "content/posts/formats/drafts/idea.txt": "not yet",
                "content/posts/formats/drafts/deeper/kept.txt": "* stays within one folder",
            ])
        defer { fixture.remove() }
        let bundle = fixture.root.appendingPathComponent("content/posts/formats")
        let python = try ProcessResult.run("python3", ["-c", Self.writeData, bundle.path])
        try #require(python.status == 0, "the writers failed (scripts/install-deps --test): \(python.stderr)")
        // Over the 10 MB warning line.
        try Data(count: 11 << 20).write(to: bundle.appendingPathComponent("dump.bin"))

        let report = await fixture.build()
        #expect(report.errors.isEmpty, "\(report.errors)")
        let large = report.warnings.filter { $0.location.path == "content/posts/formats/dump.bin" }
        #expect(large.count == 1, "\(report.warnings)")
        #expect(large.first?.message.contains("11 MB") == true)

        let published = Set(SiteFixture.snapshot(fixture.site).keys.filter { $0.hasPrefix("posts/formats/") })
        #expect(published.contains("posts/formats/figure.svg"))
        #expect(published.contains("posts/formats/dump.bin"))
        #expect(published.contains("posts/formats/drafts/deeper/kept.txt"))
        #expect(!published.contains("posts/formats/notes.bak"), "excluded by **/*.bak")
        #expect(!published.contains("posts/formats/drafts/idea.txt"), "excluded by posts/formats/drafts/*")
        for path in published {
            #expect(!path.contains("tfevents") && !path.hasSuffix(".db") && !path.hasSuffix(".safetensors"), "data file published: \(path)")
        }

        let page = try fixture.read("site/posts/formats/index.html")
        #expect(page.contains("The stores hold 3 and 5 points."))
        #expect(page.components(separatedBy: "<svg").count - 1 >= 2, "both charts render")
    }
}
