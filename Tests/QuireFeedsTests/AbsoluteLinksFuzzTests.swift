import Testing

@testable import QuireFeeds

/// Random soups of HTML fragments: the rewriter must terminate, never crash,
/// and be idempotent (a second pass finds nothing left to make absolute).
@Suite struct AbsoluteLinksFuzzTests {
    static let pieces = [
        "<", ">", "\"", "'", "=", " ", "\n", "/", "a", "img", "href", "SRC", "srcset", "poster", "x.png", "../",
        "#f", "?q", ",", " 2x", "<!--", "-->", "<!", "<?", "</", "script", "style", "&amp;", "é", "🚀", "]]>",
        "//h/", "data:,x", "mailto:m", "\u{0}",
        // Larger pieces, so that real tags with links form often.
        "<a href=", "<img SRC=", "<video poster='", " srcset=\"", "<a href=\"", "x.png\"", "y/z'", ">",
    ]

    /// SplitMix64, so every run tries the same documents.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomMarkupIsHandledAndRewritingIsIdempotent() {
        var generator = SeededGenerator(state: 2026)
        let base = "https://example.org/blog/posts/hello/"
        var failures: [String] = []
        var rewritten = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 1...40, using: &generator)
            let html = (0..<length).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            let once = AbsoluteLinks.rewrite(html, base: base)
            if once != html { rewritten += 1 }
            if AbsoluteLinks.rewrite(once, base: base) != once { failures.append(html) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        // The soup must actually contain links, or idempotence would prove nothing.
        #expect(rewritten > 1000, "only \(rewritten) documents had a link to rewrite")
    }
}
