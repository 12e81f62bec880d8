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

    /// The code as HTML for inside `<code>`, nil for a language without a table.
    public static func html(_ code: String, language: String) -> String? {
        guard let table = Languages.named(language) else { return nil }
        let bytes = Array(code.utf8)
        var html = ""
        html.reserveCapacity(bytes.count * 2)
        for token in Tokenizer.tokens(of: bytes, in: table) {
            let text = HTMLText.escape(String(decoding: bytes[token.range], as: UTF8.self))
            if let cssClass = token.kind.cssClass {
                html += "<span class=\"\(cssClass)\">\(text)</span>"
            } else {
                html += text
            }
        }
        return html
    }
}
