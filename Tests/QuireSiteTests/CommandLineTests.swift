import Foundation
import Testing

/// Runs the real `quire` executable as a user would.
@Suite struct CommandLineTests {
    /// The `quire` binary built beside the test bundle.
    static var quire: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("quire")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue { return candidate.path }
            folder = folder.deletingLastPathComponent()
        }
        return "quire"
    }

    @Test func buildFailsWithCompilerStyleErrorsAndExitCodeOne() throws {
        let fixture = try SiteFixture(files: [
            "content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n\n```chart\ndata: nothing\nmark: line\nx: a\ny: b\n```\n",
            "content/posts/b.md": "---\ntitle: B\n---\nText\n",
        ])
        defer { fixture.remove() }
        let result = try ProcessResult.run(Self.quire, ["build", "--source", fixture.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/posts/b.md:1:1: error: 'date' is required"))
        #expect(result.stderr.contains("content/posts/a.md:7:7: error: no table named 'nothing'"))
        #expect(result.stderr.contains(" 7 | data: nothing\n   |       ^"))
        #expect(result.stderr.contains("build failed: 2 errors"))
    }

    @Test func newPostThenBuildThenCheck() throws {
        let fixture = try SiteFixture(files: [:])
        defer { fixture.remove() }
        let created = try ProcessResult.run(Self.quire, ["new", "post", "What the probes found", "--source", fixture.root.path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("content/posts/what-the-probes-found/index.md"))
        let again = try ProcessResult.run(Self.quire, ["new", "post", "What the probes found", "--source", fixture.root.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        // A new post is a draft: --drafts builds it.
        let built = try ProcessResult.run(Self.quire, ["build", "--drafts"], in: fixture.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("posts/what-the-probes-found/index.html").path))
        let checked = try ProcessResult.run(Self.quire, ["check", "--drafts"], in: fixture.root)
        #expect(checked.status == 0, "\(checked.stderr)")
    }

    @Test func missingConfigIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ProcessResult.run(Self.quire, ["build", "--source", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("quire.yaml:1:1: error: no quire.yaml"))
    }
}
