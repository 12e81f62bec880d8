import Foundation
import QuireConfig
import QuireDiagnostics
import Testing

@testable import QuireContent

/// Two items at one address: each file after the first, in path order, is an
/// error naming the first, however the folder lists them.
@Suite struct DuplicateAddressTests {
    func diagnostics(_ files: [String: String]) throws -> [Diagnostic] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-addresses-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let loader = ContentLoader(root: root, config: SiteConfig(title: "T", baseURL: "https://x.org/"), includeDrafts: false)
        let sink = DiagnosticSink()
        _ = loader.load(into: sink)
        return sink.all
    }

    @Test func everyLaterFileAtAnAddressIsAnError() throws {
        let found = try diagnostics([
            "content/posts/z.md": "---\ntitle: Z\ndate: 2026-01-01\nslug: same\n---\nZ.\n",
            "content/posts/m.md": "---\ntitle: M\ndate: 2026-01-02\nslug: same\n---\nM.\n",
            "content/posts/a/index.md": "---\ntitle: A\ndate: 2026-01-03\nslug: same\n---\nA.\n",
            "content/posts/other.md": "---\ntitle: O\ndate: 2026-01-04\n---\nO.\n",
            "content/about.md": "---\ntitle: About\nurl: /posts/other/\n---\nHi.\n",
        ])
        #expect(
            found.map { "\($0.location.path): \($0.message)" } == [
                "content/posts/m.md: '/posts/same/' is also the address of content/posts/a/index.md",
                "content/posts/other.md: '/posts/other/' is also the address of content/about.md",
                "content/posts/z.md: '/posts/same/' is also the address of content/posts/a/index.md",
            ])
    }

    @Test func distinctAddressesAreNoError() throws {
        #expect(
            try diagnostics([
                "content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\nA.\n",
                "content/posts/b.md": "---\ntitle: B\ndate: 2026-01-01\n---\nB.\n",
                "content/a.md": "---\ntitle: A page\n---\nP.\n",
            ]).isEmpty)
    }
}
