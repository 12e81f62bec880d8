import Foundation
import Testing

@testable import QuireServe

@Suite struct SiteWatcherTests {
    /// An atomic save writes ".dat.nosync…" beside the post first; that
    /// temporary must not count as an edit (it named rebuilds and made
    /// ServeTests flaky).
    @Test func hiddenFilesAndFoldersAreNotWatched() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let posts = root.appendingPathComponent("content/posts")
        try FileManager.default.createDirectory(at: posts.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for name in ["live.md", ".dat.nosync1.abc", ".live.md.swp", ".git/HEAD"] {
            try Data("x".utf8).write(to: posts.appendingPathComponent(name))
        }
        let watcher = SiteWatcher(paths: [root.appendingPathComponent("content")])
        #expect(watcher.snapshot().keys.map { URL(fileURLWithPath: $0).lastPathComponent } == ["live.md"])
    }
}
