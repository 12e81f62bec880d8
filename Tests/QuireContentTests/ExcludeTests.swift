import Foundation
import QuireDiagnostics
import Testing

@testable import QuireConfig

/// `exclude:` globs in quire.yaml, matched against the path below content/.
@Suite struct ExcludeTests {
    @Test(arguments: [
        ("**/*.bak", "posts/a/x.bak", true), ("**/*.bak", "x.bak", true), ("**/*.bak", "posts/a/x.bak2", false),
        ("posts/*/drafts/*", "posts/a/drafts/x.txt", true), ("posts/*/drafts/*", "posts/a/drafts/y/x.txt", false),
        ("posts/**", "posts/a/b/c", true), ("*.txt", "posts/a.txt", false), ("posts/a?c/*", "posts/abc/x", true),
        ("**/big/**", "posts/p/big/x/y.bin", true), ("posts/**/x", "posts/x", true), ("/posts/*.pdf", "posts/a.pdf", true),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false), (".hidden", ".hidden", true),
    ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(PathGlob(pattern).matches(path) == matches, "\(pattern) on \(path)")
    }

    func config(_ yaml: String) throws -> SiteConfig {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-exclude-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try ("title: T\nbase_url: https://t.example/\n" + yaml).write(
            to: root.appendingPathComponent("quire.yaml"), atomically: true, encoding: .utf8)
        var warnings: [Diagnostic] = []
        let config = try SiteConfig.load(from: root, warnings: &warnings)
        #expect(warnings.isEmpty, "\(warnings)")
        return config
    }

    @Test func configReadsAListOrOnePattern() throws {
        #expect(try config("exclude: [\"**/*.bak\", \"posts/x/raw/**\"]\n").exclude.map(\.pattern) == ["**/*.bak", "posts/x/raw/**"])
        #expect(try config("exclude: \"**/*.psd\"\n").exclude.map(\.pattern) == ["**/*.psd"])
        #expect(try config("").exclude.isEmpty)
    }

    @Test func aMappingIsALocatedError() {
        #expect(throws: (any Error).self) { _ = try config("exclude: {a: 1}\n") }
    }
}
