import Foundation
import QuireSite
import Testing

@testable import QuireServe

/// Each kind of edit reaches a rebuild, with inotify and with the poller
/// forced; a server runs in this process on a port the system picks, and the
/// test waits on the output folder and the server's log, never on a fixed sleep.
@Suite struct WatchTests {
    static let methods: [WatchMethod] = [.automatic, .polling]

    @Test(arguments: methods) func anEditIsRebuilt(_ method: WatchMethod) async throws {
        try await LiveSite.with(method) { site in
            let before = site.rebuildLines.count
            try site.write("content/posts/live.md", Self.post("Second version."))
            let rebuilds = try await site.rebuilds(after: before) { site.page("posts/live")?.contains("Second version.") == true }
            #expect(rebuilds.allSatisfy { $0.hasPrefix("rebuilt (content/posts/live.md) in") }, "\(site.log)")
        }
    }

    @Test(arguments: methods) func aNewFileInANewFolderIsRebuilt(_ method: WatchMethod) async throws {
        try await LiveSite.with(method) { site in
            try FileManager.default.createDirectory(
                at: site.root.appendingPathComponent("content/posts/fresh/files"), withIntermediateDirectories: true)
            try site.write("content/posts/fresh/index.md", Self.post("A fresh post."))
            try await site.waitUntil { site.page("posts/fresh")?.contains("A fresh post.") == true }
            // The folder below the new one is watched too: a file written there is published.
            try site.write("content/posts/fresh/files/notes.txt", "Fresh notes.")
            try await site.waitUntil { site.output("posts/fresh/files/notes.txt") == "Fresh notes." }
        }
    }

    @Test(arguments: methods) func aDeletionIsRebuilt(_ method: WatchMethod) async throws {
        try await LiveSite.with(method) { site in
            #expect(site.page("posts/other") != nil)
            let before = site.rebuildLines.count
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/posts/other.md"))
            let rebuilds = try await site.rebuilds(after: before) { site.page("posts/other") == nil }
            #expect(rebuilds.allSatisfy { $0.hasPrefix("rebuilt (content/posts/other.md) in") }, "\(site.log)")
        }
    }

    @Test(arguments: methods) func renamedFilesAndFoldersAreRebuiltAndStayWatched(_ method: WatchMethod) async throws {
        try await LiveSite.with(method) { site in
            let posts = site.root.appendingPathComponent("content/posts")
            try FileManager.default.moveItem(at: posts.appendingPathComponent("other.md"), to: posts.appendingPathComponent("renamed.md"))
            let renamed = try await site.rebuilds(after: 1) { site.page("posts/renamed") != nil && site.page("posts/other") == nil }
            #expect(renamed.allSatisfy { $0.hasPrefix("rebuilt (2 files) in") }, "\(site.log)")

            // A bundle's folder moved: what is inside is edited under its new name.
            try FileManager.default.moveItem(at: posts.appendingPathComponent("bundle"), to: posts.appendingPathComponent("moved"))
            try await site.waitUntil { site.page("posts/moved") != nil && site.page("posts/bundle") == nil }
            let before = site.rebuildLines.count
            try site.write("content/posts/moved/index.md", Self.post("Edited after the move."))
            let edited = try await site.rebuilds(after: before) { site.page("posts/moved")?.contains("Edited after the move.") == true }
            #expect(edited.allSatisfy { $0.hasPrefix("rebuilt (content/posts/moved/index.md) in") }, "\(site.log)")
        }
    }

    @Test(arguments: methods) func aConfigurationChangeIsRebuilt(_ method: WatchMethod) async throws {
        try await LiveSite.with(method) { site in
            try site.write("quire.yaml", "title: Renamed Site\nbase_url: https://served.example/\n")
            let rebuilds = try await site.rebuilds(after: 1) { site.page("")?.contains("Renamed Site") == true }
            #expect(rebuilds.allSatisfy { $0.hasPrefix("rebuilt (quire.yaml) in") }, "\(site.log)")
        }
    }

    /// Scratch files, the output folder and the cache never start a rebuild:
    /// written before a real edit, they would show in that edit's batch.
    @Test(arguments: methods) func scratchFilesAndTheOutputAreNotEdits(_ method: WatchMethod) async throws {
        try await LiveSite.with(method) { site in
            let before = site.rebuildLines.count
            for scratch in [
                "content/posts/.live.md.swp", "content/posts/live.md~", "content/posts/4913", "content/posts/#live.md#",
                "site/stray.html", ".quire-cache/stray", "serve.log",
            ] {
                try site.write(scratch, "scratch")
            }
            try site.write("content/posts/live.md", Self.post("After the scratch files."))
            let rebuilds = try await site.rebuilds(after: before) { site.page("posts/live")?.contains("After the scratch files.") == true }
            #expect(rebuilds.allSatisfy { $0.hasPrefix("rebuilt (content/posts/live.md) in") }, "\(site.log)")
        }
    }

    /// 50 saves in a row are a handful of rebuilds, not 50, and the last one wins.
    @Test(arguments: methods) func aBurstOfWritesIsABoundedNumberOfRebuilds(_ method: WatchMethod) async throws {
        try await LiveSite.with(method) { site in
            let before = site.rebuildLines.count
            for version in 1...50 {
                try site.write("content/posts/live.md", Self.post("Burst version \(version)."))
            }
            let rebuilds = try await site.rebuilds(after: before) { site.page("posts/live")?.contains("Burst version 50.") == true }
            #expect(rebuilds.count <= 10, "\(rebuilds.count) rebuilds for 50 writes:\n\(site.log)")
        }
    }

    #if os(Linux)
        @Test func inotifyIsUsedWhereItWorks() async throws {
            try await LiveSite.with(.automatic) { site in
                #expect(site.log.contains("(inotify)"), "\(site.log)")
                #expect(!site.log.contains("polling"), "\(site.log)")
            }
        }

        /// Vim's save renames the post away, writes it anew and removes the backup:
        /// without settling, the first event alone would rebuild a site without the
        /// post. (A long quiet period keeps a loaded machine from splitting the save.)
        @Test func aSaveOfSeveralStepsIsOneBatch() async throws {
            let root = try LiveSite.makeSite()
            defer { try? FileManager.default.removeItem(at: root) }
            let feed = try ChangeFeed(
                root: root, excluding: [], method: .automatic, pollInterval: .milliseconds(30), quietPeriod: .milliseconds(300)
            ) { _ in }
            defer { feed.stop() }
            let posts = root.appendingPathComponent("content/posts")
            let live = posts.appendingPathComponent("live.md")
            let backup = posts.appendingPathComponent("live.md~")
            // The server is already waiting when the save starts, as it is while idle.
            let batch = Task { try await Self.next(from: feed) }
            while !feed.isWaiting { try await Task.sleep(for: .milliseconds(5)) }
            try FileManager.default.moveItem(at: live, to: backup)
            try Self.post("Saved by Vim.").write(to: live, atomically: false, encoding: .utf8)
            try FileManager.default.removeItem(at: backup)
            #expect(try await batch.value == [live.standardizedFileURL.path])
            // Nothing of the save is left over for a second batch.
            let other = posts.appendingPathComponent("other.md")
            try Self.post("Then another edit.").write(to: other, atomically: false, encoding: .utf8)
            #expect(try await Self.next(from: feed) == [other.standardizedFileURL.path])
        }

        /// Out of inotify watches at the start: polls, says so once, still notices edits.
        @Test func runningOutOfWatchesAtTheStartFallsBackToPolling() async throws {
            let root = try LiveSite.makeSite()
            defer { try? FileManager.default.removeItem(at: root) }
            let lines = Lines()
            let feed = try ChangeFeed(root: root, excluding: [], method: .automatic, pollInterval: .milliseconds(30), watchLimit: 2) {
                lines.append($0)
            }
            defer { feed.stop() }
            #expect(feed.method.hasPrefix("polling"))
            #expect(lines.all.count == 1 && lines.all[0].contains("inotify watch limit is reached"), "\(lines.all)")
            try Self.post("Polled.").write(to: root.appendingPathComponent("content/posts/live.md"), atomically: false, encoding: .utf8)
            let batch = try await Self.next(from: feed)
            #expect(batch == [root.appendingPathComponent("content/posts/live.md").standardizedFileURL.path])
        }

        /// Out of watches when a new folder appears: that change still rebuilds,
        /// and polling takes over from there.
        @Test func runningOutOfWatchesLaterFallsBackToPolling() async throws {
            let root = try LiveSite.makeSite()
            defer { try? FileManager.default.removeItem(at: root) }
            let lines = Lines()
            // The root, content/, content/posts/ and content/posts/bundle/: no room for one more.
            let feed = try ChangeFeed(root: root, excluding: [], method: .automatic, pollInterval: .milliseconds(30), watchLimit: 4) {
                lines.append($0)
            }
            defer { feed.stop() }
            #expect(feed.method == "inotify" && lines.all.isEmpty, "\(lines.all)")
            let fresh = root.appendingPathComponent("content/posts/fresh")
            try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: false)
            let first = try await Self.next(from: feed)
            #expect(first.contains(fresh.standardizedFileURL.path) || first == [ChangeFeed.everything], "\(first)")
            #expect(feed.method.hasPrefix("polling"))
            #expect(lines.all.count == 1 && lines.all[0].contains("inotify watch limit is reached"), "\(lines.all)")
            try Self.post("Polled.").write(to: fresh.appendingPathComponent("index.md"), atomically: false, encoding: .utf8)
            let second = try await Self.next(from: feed)
            #expect(second == [fresh.appendingPathComponent("index.md").standardizedFileURL.path])
        }
    #endif

    static func post(_ body: String) -> String {
        "---\ntitle: Live\ndate: 2026-01-01\n---\n\n\(body)\n"
    }

    /// The feed's next batch, or a failure after a minute.
    static func next(from feed: ChangeFeed) async throws -> [String] {
        try await withThrowingTaskGroup(of: [String]?.self) { group in
            group.addTask { await feed.next() }
            group.addTask {
                try await Task.sleep(for: .seconds(60))
                return nil
            }
            defer { group.cancelAll() }
            guard let batch = try await group.next()!, !batch.isEmpty else { throw LiveSite.Failure("no change within 60 s") }
            return batch
        }
    }
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// A small site served by a `DevServer` running in this process.
final class LiveSite {
    let root: URL
    private let lines = Lines()
    private let task: Task<Void, Error>

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ text: String) { description = text }
    }

    init(_ method: WatchMethod) async throws {
        root = try Self.makeSite()
        let server = DevServer(options: BuildOptions(root: root), port: 0, watching: method, pollInterval: .milliseconds(50)) { [lines] in
            lines.append($0)
        }
        task = Task { try await server.run() }
        try await waitUntil { self.log.contains("serving ") }
    }

    /// Two posts, one of them a bundle, and no templates (the built-in theme).
    static func makeSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/posts/bundle"), withIntermediateDirectories: true)
        let files = [
            "quire.yaml": "title: Watched\nbase_url: https://served.example/\n",
            "content/posts/live.md": WatchTests.post("First version."),
            "content/posts/other.md": WatchTests.post("The other post."),
            "content/posts/bundle/index.md": WatchTests.post("A bundle."),
        ]
        for (path, text) in files { try text.write(to: root.appendingPathComponent(path), atomically: false, encoding: .utf8) }
        return root
    }

    var log: String { lines.all.joined(separator: "\n") }
    var rebuildLines: [String] { lines.all.filter { $0.hasPrefix("rebuilt (") || $0.hasPrefix("build failed") } }

    /// Writes in place (open, truncate, write, close), as most editors save.
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    /// The built page at `path` (a folder below the output), nil when there is none.
    func page(_ path: String) -> String? {
        try? String(
            contentsOf: root.appendingPathComponent("site").appendingPathComponent(path).appendingPathComponent("index.html"),
            encoding: .utf8)
    }

    func output(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent("site").appendingPathComponent(path), encoding: .utf8)
    }

    /// The log lines of the rebuilds after the first `count`, once there is at
    /// least one and `condition` holds.
    func rebuilds(after count: Int, until condition: () -> Bool) async throws -> [String] {
        try await waitUntil { rebuildLines.count > count && condition() }
        return Array(rebuildLines.dropFirst(count))
    }

    /// Generous: the server's tasks share the cooperative pool (two threads on
    /// a two-core machine) with every test running beside it, and a loaded
    /// machine runs debug builds slowly; in a full suite under load the first
    /// build alone has taken over a minute to be scheduled. Only a failure
    /// waits this long.
    func waitUntil(timeout: Double = 300, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { throw Failure("timed out; log:\n\(log)") }
            if task.isCancelled { throw Failure("the server stopped; log:\n\(log)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Runs `body` against a live site, then stops the server and removes the
    /// site, whether `body` passed or threw.
    static func with(_ method: WatchMethod, _ body: (LiveSite) async throws -> Void) async throws {
        let site = try await LiveSite(method)
        do {
            try await body(site)
        } catch {
            await site.stop()
            throw error
        }
        await site.stop()
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        try? FileManager.default.removeItem(at: root)
    }
}
