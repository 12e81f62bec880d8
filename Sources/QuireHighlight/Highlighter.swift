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
        var code = code
        return code.withUTF8 { Tokenizer.tokens(of: $0, in: table) }
    }

    /// Each kind's opening tag, indexed by its raw value; empty for the uncoloured kinds.
    static let openTags: [[UInt8]] = TokenKind.allCases.map { kind in
        kind.cssClass.map { Array("<span class=\"\($0)\">".utf8) } ?? []
    }
    static let closeTag = Array("</span>".utf8)

    /// The code as HTML for inside `<code>`, nil for a language without a table.
    public static func html(_ code: String, language: String) -> String? {
        guard let table = Languages.named(language) else { return nil }
        var code = code
        return code.withUTF8 { bytes in
            let tokens = Tokenizer.tokens(of: bytes, in: table)
            let openTags = Self.openTags, closeTag = Self.closeTag
            // One buffer for the whole block: a block has thousands of tokens, and a String per token costs more than the tokenizing.
            var html: [UInt8] = []
            html.reserveCapacity(bytes.count * 4)
            for token in tokens {
                let openTag = openTags[Int(token.kind.rawValue)]
                html += openTag
                HTMLText.appendEscaped(UnsafeBufferPointer(rebasing: bytes[token.range]), to: &html)
                if !openTag.isEmpty { html += closeTag }
            }
            return String(decoding: html, as: UTF8.self)
        }
    }
}
