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

    /// Loading an item whose body is read later reads only through its front
    /// matter: a few pages at a time, so long front matter, a page boundary
    /// inside a character, a byte order mark (decoding drops it) and front
    /// matter that never closes all load as a whole read does.
    @Test func onlyTheFrontMatterIsReadAndItLoadsAsTheWholeFileDoes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-head-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let long = String(repeating: "é", count: 2047) + "ab"  // 4,096 bytes: the first read ends inside "é"s
        let sources: [String: Data] = [
            "short.md": Data("---\ntitle: Short\ndate: 2020-01-01\n---\nBody.\n".utf8),
            "marked.md": Data([0xEF, 0xBB, 0xBF]) + Data("---\ntitle: Marks\ndate: 2020-01-07\n---\n\(long)\n".utf8),
            "crlf.md": Data("---\r\ntitle: CRLF\r\ndate: 2020-01-02\r\n...\r\nBody.\r\n".utf8),
            "long.md": Data("---\ntitle: Long\ndate: 2020-01-03\nsummary: \"\(long)\"\n---\n\(long)\n".utf8),
            "no-end.md": Data("---\ntitle: Open\ndate: 2020-01-04\nsummary: \(long)\n\n\(long)\n".utf8),
            "no-fence.md": Data("title: None\n\(long)\n".utf8),
            "bad-body.md": Data("---\ntitle: Bad body\ndate: 2020-01-05\n---\n".utf8) + Data([0xFF, 0x0A]),
            "bad-head.md": Data("---\ntitle: Bad \u{FF}".utf8).dropLast(2) + Data([0xFF]) + Data("\ndate: 2020-01-06\n---\nx\n".utf8),
        ]
        for (name, bytes) in sources {
            let url = root.appendingPathComponent("content/posts/\(name)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: url)
        }
        func load(keepingBodies: Bool) -> (items: [String: ContentItem], problems: [String]) {
            var loader = ContentLoader(root: root, config: SiteConfig(title: "T", baseURL: "https://x.org/"), includeDrafts: false)
            loader.keepsBodies = keepingBodies
            let sink = DiagnosticSink()
            let content = loader.load(into: sink)
            return (Dictionary(uniqueKeysWithValues: content.posts.map { ($0.slug, $0) }), sink.all.map(\.description))
        }
        let whole = load(keepingBodies: true)
        let head = load(keepingBodies: false)
        #expect(whole.items.keys.sorted() == ["crlf", "long", "marked", "short"], "the bad body fails its whole read")
        #expect(head.items.keys.sorted() == ["bad-body", "crlf", "long", "marked", "short"], "and its body is read when its page is made")
        for (slug, item) in whole.items {
            let deferred = try #require(head.items[slug])
            #expect(
                deferred.frontMatter == item.frontMatter && deferred.bodyLineOffset == item.bodyLineOffset
                    && deferred.permalink == item.permalink)
            #expect(try ContentLoader.body(of: deferred) == item.markdown)
        }
        #expect(head.problems == whole.problems.filter { !$0.hasPrefix("content/posts/bad-body.md") })
        #expect(whole.problems.contains { $0.hasPrefix("content/posts/bad-body.md") && $0.contains("not UTF-8") })
        #expect(throws: Diagnostic.self) { try ContentLoader.body(of: head.items["bad-body"]!) }
        #expect(head.problems.count == 3, "\(head.problems)")
    }

    /// A source's text is what Foundation's UTF-8 decoding gives: one leading
    /// byte order mark dropped, nil for ill-formed bytes.
    @Test func sourceTextIsFoundationsUTF8Decoding() {
        let long = Array(String(repeating: "plain ASCII text, ", count: 8).utf8)
        let cases: [[UInt8]] = [
            [], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + long, [0xEF, 0xBB] + long, long + [0xEF, 0xBB, 0xBF] + long,
            long + Array("“curly” — é".utf8) + long, long + [0xFF] + long, long + [0xED, 0xA0, 0x80] + long, long + [0xC3],
            [0xEF, 0xBB, 0xBF] + Array("---\ntitle: é\n---\n".utf8) + long,
        ]
        for bytes in cases {
            let data = Data(bytes)
            #expect(ContentLoader.text(of: data) == String(data: data, encoding: .utf8), "\(bytes.prefix(8))")
            #expect(
                ContentLoader.text(of: data).map { Array($0.unicodeScalars) }
                    == String(data: data, encoding: .utf8).map { Array($0.unicodeScalars) })
        }
    }
}
