import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

/// A site folder with one bundle post, and a context for running its directives.
final class DirectiveTestSite {
    let root: URL
    var bundle: URL { root.appendingPathComponent("content/posts/p") }
    let post = "content/posts/p/index.md"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-directive-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: bundle.appendingPathComponent(name))
    }

    func context(cache: DirectiveCache? = nil) throws -> DirectiveContext {
        let scope = try DataScope(
            siteRoot: root, contentRoot: root.appendingPathComponent("content"), bundleDirectory: bundle, siteDataDirectory: nil)
        return DirectiveContext(scope: scope, sourcePath: post, pageKey: "p", cache: cache)
    }

    /// A block whose fence is at `line` (body starts the line after).
    func block(_ name: String, _ argument: String = "", _ body: String, line: Int = 10) -> DirectiveBlock {
        DirectiveBlock(
            name: name, argument: argument, body: body, location: SourceLocation(path: post, line: line),
            bodyLocation: SourceLocation(path: post, line: line + 1))
    }
}

func diagnostic(_ body: () throws -> Void) -> Diagnostic? {
    do {
        try body()
        return nil
    } catch { return error.diagnostics(orAt: SourceLocation(path: "?")).first }
}

@Suite struct QueryDirectiveTests {
    @Test func queryDefinesATableLaterDirectivesSee() throws {
        let site = try DirectiveTestSite()
        try site.write("losses.csv", "step,loss\n1,0.9\n2,0.5\n3,0.25\n")
        let context = try site.context()
        let output = try DirectiveRegistry.standard.run(site.block("query", "best", "SELECT min(loss) AS loss FROM losses"), in: context)
        #expect(output == .empty)
        #expect(try context.scope.table(named: "best", at: SourceLocation(path: site.post)).column(named: "loss")?.values == .real([0.25]))
        let chained = try QueryDirective().run(site.block("query", "half", "SELECT loss / 2 AS h FROM best"), in: context)
        #expect(chained == .empty)
        #expect(try context.scope.table(named: "half", at: SourceLocation(path: site.post)).column(named: "h")?.values == .real([0.125]))
    }

    @Test func errorsPointIntoTheBody() throws {
        let site = try DirectiveTestSite()
        try site.write("losses.csv", "step,loss\n1,0.9\n")
        let context = try site.context()
        let missing = diagnostic {
            _ = try QueryDirective().run(site.block("query", "x", "SELECT step\nFROM losses\nWHERE los > 1", line: 30), in: context)
        }
        #expect(missing?.location.path == site.post)
        #expect(missing?.location.line == 33)
        #expect(missing?.hint == "did you mean 'loss'?")
        let noName = diagnostic { _ = try QueryDirective().run(site.block("query", "", "SELECT 1", line: 30), in: context) }
        #expect(noName?.location.line == 30)
        #expect(noName?.message.contains("needs a name") == true)
        let delete = diagnostic { _ = try QueryDirective().run(site.block("query", "x", "DELETE FROM losses"), in: context) }
        #expect(delete?.message.contains("read-only") == true)
    }
}
