import Foundation
import QuireConfig
import QuireDiagnostics
import Testing

@testable import QuireContent

/// A one-shot build loads front matter only and reads each body when its
/// page is made (`keepsBodies` false), so a site's sources are never all in
/// memory at once. The body read later must be the one loading would have kept.
@Suite struct DeferredBodyTests {
    let source = "---\ntitle: A\ndate: 2019-03-04\ntags: [x]\n---\nFirst line, café.\n\n## Then\n\nMore — text.\n"

    func site() throws -> (root: URL, post: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-body-\(UUID().uuidString)")
        let posts = root.appendingPathComponent("content/posts")
        try FileManager.default.createDirectory(at: posts, withIntermediateDirectories: true)
        let post = posts.appendingPathComponent("a.md")
        try source.write(to: post, atomically: true, encoding: .utf8)
        return (root, post)
    }

    func load(_ root: URL, keepingBodies: Bool) throws -> ContentItem {
        var loader = ContentLoader(root: root, config: SiteConfig(title: "T", baseURL: "https://x.org/"), includeDrafts: false)
        loader.keepsBodies = keepingBodies
        let sink = DiagnosticSink()
        let content = loader.load(into: sink)
        #expect(sink.all.isEmpty, "\(sink.all)")
        return try #require(content.posts.first)
    }

    @Test func aDeferredBodyIsTheBodyLoadingKeeps() throws {
        let (root, _) = try site()
        defer { try? FileManager.default.removeItem(at: root) }
        let kept = try load(root, keepingBodies: true)
        let deferred = try load(root, keepingBodies: false)
        #expect(!kept.bodyDeferred && deferred.bodyDeferred)
        #expect(deferred.markdown.isEmpty, "nothing of the body is held")
        // The body as written above, after the closing fence.
        #expect(kept.markdown == "First line, café.\n\n## Then\n\nMore — text.\n")
        #expect(try ContentLoader.body(of: deferred) == kept.markdown)
        #expect(try ContentLoader.body(of: kept) == kept.markdown)
        #expect(deferred.bodyLineOffset == kept.bodyLineOffset)
    }

    @Test func aFileWhoseFrontMatterChangedMeanwhileIsAnError() throws {
        let (root, post) = try site()
        defer { try? FileManager.default.removeItem(at: root) }
        let deferred = try load(root, keepingBodies: false)
        try source.replacingOccurrences(of: "tags: [x]\n", with: "tags: [x]\nsummary: S\n").write(
            to: post, atomically: true, encoding: .utf8)
        #expect {
            try ContentLoader.body(of: deferred)
        } throws: { error in
            "\(error)".contains("content/posts/a.md") && "\(error)".contains("changed while the site was being built")
        }
    }

    @Test func aFileGoneMeanwhileIsAnError() throws {
        let (root, post) = try site()
        defer { try? FileManager.default.removeItem(at: root) }
        let deferred = try load(root, keepingBodies: false)
        try FileManager.default.removeItem(at: post)
        #expect {
            try ContentLoader.body(of: deferred)
        } throws: { error in
            "\(error)".contains("content/posts/a.md")
        }
    }
}
