import Testing

@testable import QuireDiagnostics

/// Every escaping mode against a reference written here from the rules in
/// `HTMLText`'s documentation, one Unicode scalar at a time, on random text
/// drawn from the characters each mode treats specially and their neighbours
/// (including the C1 and noncharacter lead bytes the byte tables must look past).
@Suite struct EscapeModeTests {
    /// What `scalar` becomes in `mode`, by the documented rules.
    static func reference(_ scalar: Unicode.Scalar, _ mode: HTMLText.Mode) -> String {
        let value = scalar.value
        let markup = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"][Character(scalar)]
        let c0 = value < 0x20 && value != 9 && value != 10 && value != 13
        let nonCharacter = value == 0xFFFE || value == 0xFFFF
        switch mode {
        case .html:
            if let markup { return markup }
            if scalar == "'" { return "&#39;" }
            return c0 ? "\u{FFFD}" : String(scalar)
        case .htmlText:
            if scalar == "\"" { return "\"" }
            if let markup { return markup }
            return c0 ? "\u{FFFD}" : String(scalar)
        case .attributeURL:
            if scalar == "&" || scalar == "\"" { return markup! }
            return scalar == "'" ? "&#39;" : String(scalar)
        case .xmlText, .xmlAttribute:
            let inAttribute = mode == .xmlAttribute
            if scalar == "\"" { return inAttribute ? "&quot;" : "\"" }
            if let markup { return markup }
            if value == 13 { return "&#13;" }
            if value == 9 || value == 10 { return inAttribute ? "&#\(value);" : String(scalar) }
            if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || nonCharacter { return "\u{FFFD}" }
            return String(scalar)
        case .svg:
            if let markup { return markup }
            if scalar == "'" { return "&#39;" }
            if value == 9 || value == 10 || value == 13 { return " " }
            return value < 0x20 || nonCharacter ? "" : String(scalar)
        }
    }

    static let alphabet: [Unicode.Scalar] = [
        "a", "Z", "0", " ", "&", "<", ">", "\"", "'", "=", "/", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1B}", "\u{1F}",
        "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{C2}", "é", "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}",
        "\u{EFBF}", "✓", "😀",
    ]

    @Test(arguments: [HTMLText.Mode.html, .htmlText, .attributeURL, .xmlText, .xmlAttribute, .svg])
    func agreesWithTheScalarReference(mode: HTMLText.Mode) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...24, using: &generator)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(Self.alphabet.randomElement(using: &generator)!) }
            let input = String(text)
            let expected = input.unicodeScalars.map { Self.reference($0, mode) }.joined()
            #expect(HTMLText.escape(input, for: mode) == expected, "\(mode): \(input.debugDescription)")
            var bytes = input
            #expect(bytes.withUTF8 { HTMLText.escapedLength(of: $0, for: mode) } == expected.utf8.count)
            // The plan's length is the same, and a byte it does not list is one the reference leaves as it is.
            let plan = bytes.withUTF8 { HTMLText.escapePlan(of: $0, for: mode) }
            #expect(plan.length == expected.utf8.count)
            var offset = 0
            for scalar in input.unicodeScalars {
                let width = String(scalar).utf8.count
                if Self.reference(scalar, mode) != String(scalar) {
                    #expect(plan.changes.contains(offset), "\(mode): \(input.debugDescription)")
                }
                offset += width
            }
        }
    }

    @Test func textBetweenTagsKeepsQuotes() {
        #expect(
            HTMLText.escape(#"print("a" + 'b') if x < 1 && y > 2"#, for: .htmlText) == #"print("a" + 'b') if x &lt; 1 &amp;&amp; y &gt; 2"#)
    }
}
