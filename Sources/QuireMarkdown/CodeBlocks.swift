import QuireDiagnostics
import QuireHighlight

/// Fenced code in a language the highlighter knows, coloured at build time.
enum CodeBlocks {
    /// A coloured block, kept apart from the page until the last pass writes it in.
    struct Highlighted {
        var language: String
        /// The code as HTML for inside `<code>`.
        var body: String

        /// The block as cmark would write it (but its final newline, which the block's token keeps), coloured spans inside.
        func write(to output: inout String) {
            output += "<pre><code class=\"language-"
            output += HTMLText.escape(language)
            output += "\">"
            output += body
            output += "</code></pre>"
        }
    }

    /// nil when the language has no table (cmark's plain rendering stays).
    static func highlighted(code: String, language: String) -> Highlighted? {
        Highlighter.html(code, language: language).map { Highlighted(language: language, body: $0) }
    }
}
