import QuireDiagnostics
import QuireHighlight

/// Fenced code in a language the highlighter knows, coloured at build time.
enum CodeBlocks {
    /// The block as cmark would write it, with coloured spans inside; nil when
    /// the language has no table (cmark's plain rendering stays).
    static func highlightedHTML(code: String, language: String) -> String? {
        guard let body = Highlighter.html(code, language: language) else { return nil }
        return "<pre><code class=\"language-\(HTMLText.escape(language))\">\(body)</code></pre>\n"
    }
}
