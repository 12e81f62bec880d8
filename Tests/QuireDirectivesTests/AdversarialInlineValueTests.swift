import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

/// Found by FuzzInlineValues: `| max` over an integer column holding
/// Int64.max went through Double, rounded past Int64.max and trapped.
@Suite struct AdversarialInlineValueTests {
    @Test func minAndMaxOfExtremeIntegersAreExact() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-iv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let scope = try DataScope(
            siteRoot: root, contentRoot: root.appendingPathComponent("content"), bundleDirectory: nil, siteDataDirectory: nil)
        scope.define("t", as: Table(columns: [Column(name: "n", integers: [1, Int64.max, Int64.min])]))
        let context = DirectiveContext(scope: scope, sourcePath: "p.md", pageKey: "/p/")
        let at = SourceLocation(path: "p.md")
        #expect(try InlineValues.evaluate("t.n | max", at: at, in: context) == "9223372036854775807")
        #expect(try InlineValues.evaluate("t.n | min", at: at, in: context) == "-9223372036854775808")
    }
}
