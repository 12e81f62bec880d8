import Foundation
import Testing

@testable import QuireMarkdown

/// Posts built to make a per-item pass quadratic.
@Suite struct AdversarialMarkdownTests {
    static func post(values: Int) -> String {
        (0..<values / 10).map { _ in Array(repeating: "{{ t.v | max }}", count: 10).joined(separator: " ") }.joined(separator: "\n\n")
    }

    static func seconds(_ text: String) -> Double {
        let started = Date()
        let document = MarkdownDocument(text, path: "content/posts/p.md")
        _ = document.inlineExpressions.count
        return Date().timeIntervalSince(started)
    }

    /// Each value's token number was found by filtering all spans so far:
    /// 50k values in one post took 12.8 s, 200k over a minute.
    @Test func inlineValuesInOnePostAreNumberedInLinearTime() {
        let small = Self.post(values: 2_000)
        let large = Self.post(values: 20_000)
        _ = Self.seconds(small)
        let ratio = Self.seconds(large) / max(Self.seconds(small), 0.001)
        // Ten times the values: linear is ~10×, quadratic ~100×.
        #expect(ratio < 30)
    }

    @Test func everyInlineValueKeepsItsOwnNumberAndLocation() {
        let document = MarkdownDocument("{{ a.x }} and $x$ then {{ b.y }}\n\n{{ c.z }}\n", path: "p.md")
        #expect(document.inlineExpressions.map(\.expression) == [" a.x ", " b.y ", " c.z "])
        #expect(document.inlineExpressions.map(\.location.line) == [1, 1, 3])
        #expect(document.inlineExpressions.map(\.location.column) == [1, 24, 1])
    }
}
