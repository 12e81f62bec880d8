import Foundation
import Testing

@testable import QuireSite

/// `quire serve` rebuilds in place from what it remembers (IncrementalBuild,
/// the function its watcher calls); after every kind of edit its output
/// folder must hold exactly the bytes a clean `quire build` of the same
/// sources writes. Serve's live-reload script is added to pages as they are
/// sent (QuireServe's StaticFiles.inject), never written to the folder, so
/// nothing needs ignoring.
@Suite struct ServeEqualsBuildTests {
    static func post(_ title: String, date: String, tags: String = "[notes]", body: String) -> String {
        "---\ntitle: \(title)\ndate: \(date)\ntags: \(tags)\n---\n\n\(body)\n"
    }

    static let chartPost = post(
        "Numbers", date: "2026-01-03",
        body: """
            The first value is {{ numbers.y[0] }}.

            ```chart
            data: numbers
            mark: line
            x: x
            y: y
            ```
            """)

    @Test func everyEditLeavesServesFolderEqualToACleanBuild() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/a.md": Self.post("A", date: "2026-01-01", body: "First post."),
            "content/posts/b.md": Self.post("B", date: "2026-01-02", tags: "[notes, other]", body: "Second post."),
            "content/posts/numbers/index.md": Self.chartPost,
            "content/posts/numbers/numbers.csv": "x,y\n1,10\n2,20\n3,15\n",
            "content/about.md": "---\ntitle: About\n---\n\nAbout us.\n",
        ])
        defer { fixture.remove() }
        let served = fixture.root.appendingPathComponent("served")
        let serve = IncrementalBuild(options: BuildOptions(root: fixture.root, output: served))

        func check(_ edit: String) async throws {
            let report = await serve.rebuild()
            try #require(report.succeeded, "\(edit): \(report.diagnostics.map(\.description))")
            let clean = fixture.root.appendingPathComponent("clean")
            try? FileManager.default.removeItem(at: clean)
            let build = await fixture.build {
                $0.output = clean
                $0.useCache = false
            }
            try #require(build.succeeded, "\(edit): \(build.diagnostics.map(\.description))")
            let servedFiles = SiteFixture.snapshot(served)
            let builtFiles = SiteFixture.snapshot(clean)
            #expect(servedFiles.keys.sorted() == builtFiles.keys.sorted(), "after \(edit): the same files")
            for (path, bytes) in builtFiles where servedFiles[path] != bytes {
                Issue.record("after \(edit): \(path) differs from a clean build")
            }
        }

        try await check("the first build")
        try fixture.write("content/posts/a.md", Self.post("A", date: "2026-01-01", body: "First post, edited."))
        try await check("a post edited")
        // A title shows on the post's card in every list and in the feeds, which serve otherwise recalls.
        try fixture.write("content/posts/a.md", Self.post("A renamed", date: "2026-01-01", body: "First post, edited."))
        try await check("a title edited")
        for shown in ["index.html", "tags/notes/index.html", "feed.xml", "atom.xml"] {
            #expect(try String(contentsOf: served.appendingPathComponent(shown), encoding: .utf8).contains("A renamed"), "\(shown)")
        }
        try fixture.write("content/posts/numbers/numbers.csv", "x,y\n1,11\n2,25\n3,5\n4,30\n")
        try await check("a data file edited")
        try fixture.write("content/posts/c.md", Self.post("C", date: "2026-01-04", tags: "[new-tag]", body: "A new post."))
        try await check("a new post")
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("content/posts/b.md"))
        try await check("a post deleted")
        try fixture.write("quire.yaml", SiteFixture.defaultConfig.replacingOccurrences(of: "title: Fixture", with: "title: Renamed"))
        try await check("quire.yaml edited")
        try fixture.write("templates/partials/footer.mustache", "<footer>a new footer</footer>")
        try await check("a template added")
        try fixture.write("templates/partials/footer.mustache", "<footer>edited footer</footer>")
        try await check("a template edited")
        #expect(try String(contentsOf: served.appendingPathComponent("index.html"), encoding: .utf8).contains("edited footer"))
    }
}
