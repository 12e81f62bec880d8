import Foundation
import Testing

@testable import QuireSite

@Suite struct WarmBuildTests {
    @Test func anUnchangedSiteIsUpToDateAndAnyEditRebuilds() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n\nFirst.\n",
            "content/posts/b/index.md": "---\ntitle: B\ndate: 2026-01-02\n---\n\nSecond.\n",
            "content/posts/b/numbers.csv": "x\n1\n",
        ])
        defer { fixture.remove() }
        let cold = await fixture.build()
        #expect(cold.succeeded && !cold.upToDate)
        let warm = await fixture.build()
        #expect(warm.upToDate)
        #expect(warm.postCount == 2)

        try fixture.write("content/posts/a.md", "---\ntitle: A\ndate: 2026-01-01\n---\n\nFirst, edited.\n")
        #expect(!(await fixture.build()).upToDate)
        #expect(try fixture.read("site/posts/a/index.html").contains("First, edited."))
        #expect(await fixture.build().upToDate)

        try fixture.write("content/posts/b/numbers.csv", "x\n2\n")
        #expect(!(await fixture.build()).upToDate, "a data file is an input")
        try fixture.write("templates/partials/footer.mustache", "<footer>changed theme</footer>")
        #expect(!(await fixture.build()).upToDate, "the theme is an input")
        #expect(try fixture.read("site/index.html").contains("changed theme"))

        try FileManager.default.removeItem(at: fixture.site.appendingPathComponent("posts/a/index.html"))
        #expect(!(await fixture.build()).upToDate, "a damaged output is rebuilt")
        #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("posts/a/index.html").path))
        #expect(!(await fixture.build { $0.useCache = false }).upToDate, "--no-cache always builds")
        #expect(!(await fixture.build { $0.includeDrafts = true }).upToDate, "other options are other inputs")
    }

    /// Fingerprints are digests of sets: the order files are found or
    /// written in does not count, every path, size and time does.
    @Test func fingerprintsDoNotDependOnOrderButOnEveryEntry() {
        let files = (0..<2000).map { (path: "posts/p\($0)/index.html", size: $0 * 7) }
        let digest = UpToDate.outputFingerprint(files)
        #expect(digest?.count == 64)
        #expect(UpToDate.outputFingerprint(files.reversed()) == digest)
        #expect(UpToDate.outputFingerprint(files.shuffled()) == digest)
        var resized = files
        resized[1234].size += 1
        #expect(UpToDate.outputFingerprint(resized) != digest)
        var moved = files
        moved[5].path = "posts/p5/other.html"
        #expect(UpToDate.outputFingerprint(moved) != digest)
        #expect(UpToDate.outputFingerprint(Array(files.dropLast())) != digest)
        #expect(UpToDate.outputFingerprint(files + [files[0]]) != digest, "a line twice is not the line once")
        #expect(UpToDate.outputFingerprint([]) == nil)
    }

    @Test func aServeRebuildRendersOnlyWhatChanged() async throws {
        var files: [String: String] = [:]
        for index in 0..<20 {
            files["content/posts/p\(index).md"] = "---\ntitle: P\(index)\ndate: 2026-01-\(10 + index)\ntags: [t]\n---\n\nBody \(index).\n"
        }
        let fixture = try SiteFixture(files: files)
        defer { fixture.remove() }
        let build = IncrementalBuild(options: BuildOptions(root: fixture.root))
        let first = await build.rebuild()
        #expect(first.itemsRendered == 20)
        let again = await build.rebuild()
        #expect(again.itemsRendered == 0)
        #expect(again.filesChanged == 0)
        try fixture.write("content/posts/p3.md", "---\ntitle: P3\ndate: 2026-01-13\ntags: [t]\n---\n\nBody three, edited.\n")
        let edited = await build.rebuild()
        #expect(edited.itemsRendered == 1)
        #expect(edited.filesChanged >= 1 && edited.filesChanged < 10, "\(edited.filesChanged)")
        #expect(try fixture.read("site/posts/p3/index.html").contains("Body three, edited."))
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("content/posts/p4.md"))
        let removed = await build.rebuild()
        #expect(!FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("posts/p4/index.html").path))
        #expect(removed.postCount == 19)
    }
}
