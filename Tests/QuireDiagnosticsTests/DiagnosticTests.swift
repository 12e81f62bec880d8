import Foundation
import Testing

@testable import QuireDiagnostics

@Suite struct DiagnosticRendererTests {
    @Test func rendersLocationLineCaretAndHint() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-diag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "first\ncolor: phse\nlast\n".write(to: root.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        let diagnostic = Diagnostic.error(
            at: SourceLocation(path: "a.md", line: 2, column: 8), "no column 'phse' in table 'tokens'", hint: "did you mean 'phase'?")
        let text = DiagnosticRenderer(root: root).render(diagnostic)
        #expect(
            text == """
                a.md:2:8: error: no column 'phse' in table 'tokens'
                 2 | color: phse
                   |        ^
                hint: did you mean 'phase'?

                """)
    }

    @Test func missingFileStillGivesTheHeadline() {
        let text = DiagnosticRenderer(root: URL(fileURLWithPath: "/nonexistent")).render(
            .error(at: SourceLocation(path: "x.md", line: 3, column: 1), "broken"))
        #expect(text == "x.md:3:1: error: broken\n")
    }

    @Test func suggestionsOnlyForPlausibleTypos() {
        #expect(Suggestions.nearest(to: "phse", in: ["phase", "token", "layer"]) == "phase")
        #expect(Suggestions.nearest(to: "zzzzzz", in: ["phase", "token"]) == nil)
        #expect(Suggestions.nearest(to: "x", in: []) == nil)
    }

    @Test func sinkSortsAndDeduplicates() {
        let sink = DiagnosticSink()
        sink.report(.error(at: SourceLocation(path: "b.md", line: 1), "b"))
        sink.report(.error(at: SourceLocation(path: "a.md", line: 9), "a"))
        sink.report(.error(at: SourceLocation(path: "a.md", line: 9), "a"))
        #expect(sink.all.map(\.message) == ["a", "b"])
        #expect(sink.hasErrors)
    }
}
