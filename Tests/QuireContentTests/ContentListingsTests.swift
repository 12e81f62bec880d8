import Foundation
import QuireConfig
import QuireDiagnostics
import Testing

@testable import QuireContent

/// A one-shot build walks the content to see whether anything changed, then
/// loads it from the folder listings that walk read (`ContentLoader.listings`)
/// instead of listing every bundle a second time.
@Suite struct ContentListingsTests {
    func site() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-listings-\(UUID().uuidString)")
        let files = [
            "content/about.md": "---\ntitle: About\n---\nHi.\n",
            "content/posts/b.md": "---\ntitle: B\ndate: 2026-01-02\n---\nB.\n",
            "content/posts/c/index.md": "---\ntitle: C\ndate: 2026-01-03\n---\nC.\n",
            "content/posts/c/figure.svg": "<svg/>",
            "content/posts/c/extra/notes.txt": "n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("content/posts/c/link.svg").path, withDestinationPath: "figure.svg")
        return root
    }

    func load(_ root: URL, listings: [String: [FileSystem.Entry]]) -> ContentSet {
        var loader = ContentLoader(root: root, config: SiteConfig(title: "T", baseURL: "https://x.org/"), includeDrafts: false)
        loader.keepsBodies = false
        loader.listings = listings
        let sink = DiagnosticSink()
        let content = loader.load(into: sink)
        #expect(sink.all.isEmpty, "\(sink.all)")
        return content
    }

    @Test func theWalkKeepsEveryFolderItListed() throws {
        let root = try site()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.standardizedFileURL.path + "/content"
        let walk = FileSystem.walk(content, sorted: true, keepingListings: true)
        #expect(walk.files == FileSystem.files(under: content))
        #expect(
            walk.files.map { String($0.path.dropFirst(content.count)) } == [
                "/about.md", "/posts/b.md", "/posts/c/extra/notes.txt", "/posts/c/figure.svg", "/posts/c/index.md",
            ])
        #expect(Set(walk.listings.keys) == [content, content + "/posts", content + "/posts/c", content + "/posts/c/extra"])
        for (folder, entries) in walk.listings {
            #expect(Set(entries.map(\.name)) == Set(FileSystem.entries(in: folder).map(\.name)))
        }
    }

    @Test func theLoaderTakesFoldersFromTheListingsItIsGiven() throws {
        let root = try site()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.standardizedFileURL.path + "/content"
        let listings = FileSystem.walk(content, sorted: true, keepingListings: true).listings
        let fromListings = load(root, listings: listings)
        let fromDisk = load(root, listings: [:])
        #expect(fromListings.posts.map(\.permalink) == fromDisk.posts.map(\.permalink))
        #expect(fromListings.pages.map(\.permalink) == ["/about/"])
        #expect(fromListings.assets.map(\.outputPath) == fromDisk.assets.map(\.outputPath))
        #expect(fromListings.assets.map(\.outputPath).sorted() == fromListings.assets.map(\.outputPath))
        #expect(Set(fromListings.assets.map(\.outputPath)).count == 3, "\(fromListings.assets.map(\.outputPath))")

        // A post added after the walk is not in its listing, so not loaded from it: the listings are what is read.
        let later = root.appendingPathComponent("content/posts/d/index.md")
        try FileManager.default.createDirectory(at: later.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "---\ntitle: D\ndate: 2026-01-04\n---\nD.\n".write(to: later, atomically: true, encoding: .utf8)
        #expect(load(root, listings: listings).posts.count == 2)
        #expect(load(root, listings: [:]).posts.count == 3)
    }
}
