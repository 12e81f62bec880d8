import CCmarkGFM
import QuireDiagnostics

/// Prose as a reader reads it, taken from the syntax tree rather than the
/// page: charts and tables (directives), code blocks, math, raw HTML, images
/// and footnote marks are not prose, and a footnote counts once though
/// sidenotes show it twice.
enum ProseWords {
    /// Words under `root`. A word is a run without white space holding a
    /// letter or a digit, so a dash or a citation's leftover full stop is
    /// none; inline code and math are not words; an inline value counts as one.
    static func count(in root: OpaquePointer) -> Int {
        var text: [Unicode.Scalar] = []
        walk(root) { piece in
            switch piece {
            case .text(let literal): append(literal, to: &text)
            case .code, .gap: text.append(" ")
            }
        }
        return words(in: text)
    }

    /// A paragraph's text as HTML text (escaped), inline code included and
    /// footnote marks left out, with its tokens (inline values, math,
    /// citations) still in place for the caller to fill.
    static func textHTML(of paragraph: OpaquePointer) -> String {
        var html = ""
        walk(paragraph) { piece in
            switch piece {
            case .text(let literal), .code(let literal): html += HTMLText.escape(literal)
            case .gap: html += " "
            }
        }
        return html.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    enum Piece {
        case text(String)
        case code(String)
        /// Where one block, line or non-prose element ends and another begins.
        case gap
    }

    static func walk(_ root: OpaquePointer, _ visit: (Piece) -> Void) {
        var insideImage = 0
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let kind = CMark.type(node)
            if kind == CMARK_NODE_IMAGE {
                insideImage += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            if insideImage > 0 || joinsWords(node) { continue }
            if event == CMARK_EVENT_ENTER, kind == CMARK_NODE_TEXT {
                visit(.text(CMark.literal(node)))
            } else if event == CMARK_EVENT_ENTER, kind == CMARK_NODE_CODE {
                visit(.code(CMark.literal(node)))
            } else {
                visit(.gap)
            }
        }
    }

    /// Inline containers (emphasis, links, strikethrough) sit inside a word:
    /// `re*read*` is one.
    static func joinsWords(_ node: OpaquePointer) -> Bool {
        let kind = CMark.type(node)
        if kind == CMARK_NODE_EMPH || kind == CMARK_NODE_STRONG || kind == CMARK_NODE_LINK { return true }
        return cmark_node_get_type_string(node).map { String(cString: $0) } == "strikethrough"
    }

    /// The text with each protected span's token replaced: an inline value by
    /// a stand-in character (it is one word, or part of one, as `{{x}}%`),
    /// math and citations by a space.
    static func append(_ literal: String, to text: inout [Unicode.Scalar]) {
        let open = ProtectedSpans.open.unicodeScalars.first
        let close = ProtectedSpans.close.unicodeScalars.first
        var inToken = false
        var tokenKind: Unicode.Scalar?
        for scalar in literal.unicodeScalars {
            if scalar == open {
                inToken = true
                tokenKind = nil
            } else if inToken {
                if tokenKind == nil { tokenKind = scalar }
                if scalar == close {
                    inToken = false
                    text.append(tokenKind == "V" ? "0" : " ")
                }
            } else {
                text.append(scalar)
            }
        }
    }

    static func words(in text: [Unicode.Scalar]) -> Int {
        var count = 0
        var inWord = false
        var counted = false
        for scalar in text {
            if isWhitespace(scalar) {
                inWord = false
            } else {
                if !inWord {
                    inWord = true
                    counted = false
                }
                if !counted, isLetterOrDigit(scalar) {
                    count += 1
                    counted = true
                }
            }
        }
        return count
    }

    // Unicode's properties, with ASCII answered directly: looking a property
    // up costs more than the rest of reading a page of prose.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x80 else {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
