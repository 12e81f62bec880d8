import QuireDiagnostics

/// Code coloured at build time: `<span class="hl-…">` around the pieces a
/// reader tells apart, escaped for HTML; the page's CSS gives the colours.
public enum Highlighter {
    /// Whether `language` (a fence's info-string word) has a rule table.
    public static func knows(_ language: String) -> Bool {
        Languages.named(language) != nil
    }

    /// The code's tokens, nil for a language without a table.
    public static func tokens(of code: String, language: String) -> [Token]? {
        guard let table = Languages.named(language) else { return nil }
        return Tokenizer.tokens(of: Array(code.utf8), in: table)
    }

    static let openTags: [[UInt8]] = TokenKind.allCases.map { kind in
        kind.cssClass.map { Array("<span class=\"\($0)\">".utf8) } ?? []
    }
    static let closeTag = Array("</span>".utf8)

    /// The code as HTML for inside `<code>`, nil for a language without a table.
    public static func html(_ code: String, language: String) -> String? {
        guard let table = Languages.named(language) else { return nil }
        let bytes = Array(code.utf8)
        // Written byte by byte: a block has thousands of tokens, and a String per token costs more than the tokenizing.
        var html: [UInt8] = []
        html.reserveCapacity(bytes.count * 3)
        for token in Tokenizer.tokens(of: bytes, in: table) {
            let openTag = openTags[Int(token.kind.rawValue)]
            html += openTag
            for byte in bytes[token.range] {
                if HTMLText.needsEscape(byte) {
                    html += HTMLText.escape(String(UnicodeScalar(byte))).utf8
                } else {
                    html.append(byte)
                }
            }
            if !openTag.isEmpty { html += closeTag }
        }
        return String(decoding: html, as: UTF8.self)
    }
}
