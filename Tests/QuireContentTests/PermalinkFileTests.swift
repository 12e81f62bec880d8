import Foundation
import QuireConfig
import QuireDiagnostics
import Testing

@testable import QuireContent

/// Permalinks that name a page file (`.html`, Jekyll's default) and the
/// per-item `url:` that keeps an address no pattern expresses.
@Suite struct PermalinkFileTests {
    let utc = TimeZone(identifier: "UTC")!

    @Test func aPatternEndingInHTMLNamesAFile() throws {
        let date = try #require(ContentDate.parse("2019-03-04", timezone: utc))
        #expect(Permalink.expand("/:year/:month/:day/:slug.html", slug: "x", date: date, timezone: utc) == "/2019/03/04/x.html")
        #expect(Permalink.expand("/:year/:slug", slug: "x", date: date, timezone: utc) == "/2019/x/")
    }

    @Test func theFolderOfAnAddressHoldsItsFiles() {
        #expect(Permalink.folder(of: "/2019/03/04/x.html") == "2019/03/04/")
        #expect(Permalink.folder(of: "/x.html") == "")
        #expect(Permalink.folder(of: "/posts/x/") == "posts/x/")
        #expect(Permalink.folder(of: "/") == "")
    }

    @Test(arguments: [
        ("/2019/03/04/x.html", true), ("/notes/x/", true), ("/Mixed-Case.html", true),
        ("notes/x/", false), ("/notes/x", false), ("/a/../b/", false), ("/a b/", false), ("/a/?q/", false), ("/a//b/", false),
    ])
    func sitePaths(path: String, valid: Bool) {
        #expect(Permalink.isSitePath(path) == valid)
    }

    @Test func frontMatterURLIsASitePath() throws {
        func parse(_ url: String) throws -> FrontMatter {
            let split = try SplitSource.split("---\ntitle: A\ndate: 2019-03-04\nurl: \(url)\n---\nx\n", path: "p.md")
            var warnings: [Diagnostic] = []
            return try FrontMatter.parse(split, path: "p.md", requireDate: true, timezone: utc, warnings: &warnings)
        }
        #expect(try parse("/research/2019/a.html").url == "/research/2019/a.html")
        #expect(throws: DiagnosticList.self) { try parse("research/b") }
    }

    @Test func aURLReplacesThePatternsAddress() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-url-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let posts = root.appendingPathComponent("content/posts")
        try FileManager.default.createDirectory(at: posts, withIntermediateDirectories: true)
        try "---\ntitle: A\ndate: 2019-03-04\nurl: /research/2019/a.html\n---\nx\n".write(
            to: posts.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: B\ndate: 2019-03-04\n---\nx\n".write(to: posts.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        let config = SiteConfig(title: "T", baseURL: "https://x.org/", permalink: "/:year/:slug.html")
        let content = ContentLoader(root: root, config: config, includeDrafts: false).load(into: DiagnosticSink())
        #expect(content.posts.map(\.permalink).sorted() == ["/2019/b.html", "/research/2019/a.html"])
    }
}
