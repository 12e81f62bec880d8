import Foundation
import Testing

@testable import QuireSite

@Suite struct LinkCheckTests {
    @Test func brokenLinksAndAnchorsAreLocatedAndFailTheBuild() async throws {
        let body = """
            See [the other post](/posts/other/), [its results](/posts/other/#results),
            [a relative one](../other/#results) and [below](#details).

            Broken: [gone](/posts/gone/) and [no anchor](/posts/other/#resluts) and [here](#nowhere).

            External links are not checked: [x](https://example.org/missing), [mail](mailto:a@b.c).

            ## Details
            """
        let fixture = try SiteFixture(files: [
            "content/posts/first.md": "---\ntitle: First\ndate: 2026-01-02\n---\n\n\(body)\n",
            "content/posts/other.md": "---\ntitle: Other\ndate: 2026-01-01\n---\n\n## Results\n\nText.\n",
        ])
        defer { fixture.remove() }
        let report = await fixture.build { $0.writeOutput = false }
        let messages = report.errors.map(\.description)
        #expect(
            messages == [
                "content/posts/first.md:9:16: error: broken link '/posts/gone/': nothing is built at /posts/gone/index.html",
                "content/posts/first.md:9:46: error: broken anchor '/posts/other/#resluts': /posts/other/index.html has no element with id 'resluts'",
                "content/posts/first.md:9:80: error: broken anchor '#nowhere': /posts/first/index.html has no element with id 'nowhere'",
            ])
        #expect(report.errors.first { $0.message.contains("resluts") }?.hint == "did you mean '#results'?")
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func checkCommandNamesBrokenLinksAndWritesNothing() throws {
        let fixture = try SiteFixture(files: ["content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n\nA [link](/about/#team).\n"])
        defer { fixture.remove() }
        let result = try ProcessResult.run(CommandLineTests.quire, ["check", "--source", fixture.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/posts/a.md:6:10: error: broken link '/about/#team'"))
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func resolvesRelativeRootedAndAbsoluteForms() {
        let checker = LinkChecker(
            urls: SiteURLs(baseURL: "https://x.example/blog/"), outputPaths: ["posts/a/index.html", "assets/quire.css", "tags/index.html"])
        #expect(checker.resolve("/blog/posts/a/", from: "index.html")?.file == "posts/a/index.html")
        #expect(checker.resolve("https://x.example/blog/tags/", from: "index.html")?.file == "tags/index.html")
        #expect(checker.resolve("../../assets/quire.css", from: "posts/a/index.html")?.file == "assets/quire.css")
        #expect(checker.resolve("/blog/posts/a", from: "index.html")?.file == "posts/a/index.html")
        #expect(checker.resolve("#top", from: "posts/a/index.html")?.fragment == "top")
        #expect(checker.resolve("https://other.example/", from: "index.html") == nil)
        #expect(checker.resolve("mailto:me@x.example", from: "index.html") == nil)
        #expect(checker.resolve("//cdn.example/x.js", from: "index.html") == nil)
    }
}
