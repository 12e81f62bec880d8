import QuireDiagnostics

/// Citations and cross-references in text that is not part of the Markdown
/// body but shows on the page as prose: a chart's `title:` and `caption:`.
/// The directive scans its text here, renders it with a placeholder where
/// each mark stood, and hands the marks back; once the post's references are
/// resolved (with the body's, in document order) the placeholders become the
/// same links the body gets.
package enum CaptionCitations {
    /// `text` with each citation swapped for a placeholder (which HTML escaping
    /// leaves alone), and the marks in order. Math, inline values and code
    /// spans keep their text: `$@x$` is not a citation.
    /// - Parameters:
    ///   - firstNumber: the placeholder number of the first mark (a directive numbers across its title and caption).
    ///   - location: where `text` starts, for messages about its marks.
    package static func scan(_ text: String, firstNumber: Int = 0, at location: SourceLocation) -> (text: String, marks: [CitationMark]) {
        let protected = ProtectedSpans(scanning: text)
        guard !protected.citations.isEmpty else { return (text, []) }
        var scanned = ProtectedSpans.substitute(in: protected.text, kind: "V") { protected.values[$0].original }
        scanned = ProtectedSpans.substitute(in: scanned, kind: "M") { protected.math[$0].original }
        scanned = ProtectedSpans.substitute(in: scanned, kind: "C") { ProtectedSpans.token("C", firstNumber + $0) }
        let marks = zip(protected.citations, protected.citationItems).map { span, items in
            CitationMark(
                items: items, bracketed: span.kind == .citation(bracketed: true), original: span.original,
                location: SourceLocation(
                    path: location.path, line: location.line + span.line - 1,
                    column: span.line == 1 ? location.column + span.column - 1 : span.column))
        }
        return (scanned, marks)
    }

    /// `scanned` (from `scan`) with each placeholder swapped for one that `fill`
    /// replaces with the mark's words alone, no markup: for the places that
    /// take text, not HTML (a chart's SVG `<title>`, its accessible name).
    public static func textPlaceholders(_ scanned: String) -> String {
        ProtectedSpans.substitute(in: scanned, kind: "C") { ProtectedSpans.token("T", $0) }
    }

    /// `html` with placeholder n replaced by `resolved[n]`, or by the mark's own
    /// text when that is nil; a text placeholder gets that HTML's text, still escaped.
    public static func fill(_ html: String, marks: [CitationMark], resolved: [String?]) -> String {
        ProtectedSpans.replaceTokens(in: html) { kind, number, output in
            guard kind == UInt8(ascii: "C") || kind == UInt8(ascii: "T") else { return false }
            guard marks.indices.contains(number) else { return true }
            let markup = (resolved.indices.contains(number) ? resolved[number] : nil) ?? HTMLText.escape(marks[number].original)
            if kind == UInt8(ascii: "C") {
                output += markup
            } else {
                appendText(of: markup, to: &output)
            }
            return true
        }
    }

    /// The text between the tags of `html` (its character references kept:
    /// it goes where escaped text goes).
    static func appendText(of html: String, to output: inout String) {
        var text: [UInt8] = []
        var inTag = false
        for byte in html.utf8 {
            switch byte {
            case UInt8(ascii: "<"): inTag = true
            case UInt8(ascii: ">") where inTag: inTag = false
            default: if !inTag { text.append(byte) }
            }
        }
        output += String(decoding: text, as: UTF8.self)
    }
}
