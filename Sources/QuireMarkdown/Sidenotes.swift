import Foundation

/// Footnotes shown beside the text on wide screens, with CSS alone: each
/// footnote's text is written a second time, as a `<span class="sidenote">`
/// right after its first reference, which the stylesheet floats into the
/// margin on wide screens and hides elsewhere; cmark's list at the end stays
/// for phones, print and feeds. The copies sit between two markers so that
/// feeds and summaries, which want no duplicate, drop them (`MarkdownDocument.fill`).
///
/// Only footnotes made of paragraphs are copied (a `<span>` may hold phrasing
/// content only); others stay at the end at every width.
enum Sidenotes {
    static let open = ProtectedSpans.token("S", 0)
    static let close = ProtectedSpans.token("S", 1)

    static let blockTags = ["<div", "<ul", "<ol", "<pre", "<blockquote", "<table", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6",
                            "<hr", "<figure", "<section", "<details", "<dl", "<p ", "<svg", "<math display=\"block\"",
                            "\(ProtectedSpans.open)D"]

    /// The HTML with each copyable footnote's copy after its first reference.
    static func insert(into html: String) -> String {
        guard let section = html.range(of: "<section class=\"footnotes\" data-footnotes>") else { return html }
        var result = html
        var rest = html[section.upperBound...]
        var copies: [(label: String, html: String)] = []
        while let item = rest.range(of: "<li id=\"fn-") {
            guard let labelEnd = rest[item.upperBound...].range(of: "\">") else { break }
            let label = String(rest[item.upperBound..<labelEnd.lowerBound])
            let body = rest[labelEnd.upperBound...]
            guard let end = body.range(of: "</li>\n<li id=\"fn-") ?? body.range(of: "</li>\n</ol>") else { break }
            if let copy = phrasing(String(body[..<end.lowerBound])) { copies.append((label, copy)) }
            rest = body[end.lowerBound...]
        }
        for (label, copy) in copies {
            let anchor = "id=\"fnref-\(label)\" data-footnote-ref>"
            guard let reference = result.range(of: anchor), let number = result[reference.upperBound...].range(of: "</a></sup>") else { continue }
            let mark = result[reference.upperBound..<number.lowerBound]
            let note = "\(open)<span class=\"sidenote\"><span class=\"sidenote-number\">\(mark)</span> \(copy)</span>\(close)"
            result.insert(contentsOf: note, at: number.upperBound)
            if let item = result.range(of: "<li id=\"fn-\(label)\">") {
                result.replaceSubrange(item, with: "<li id=\"fn-\(label)\" class=\"sidenoted\">")
            }
        }
        return result
    }

    /// A footnote's paragraphs as phrasing content, its back-links removed; nil if it holds blocks.
    static func phrasing(_ item: String) -> String? {
        var text = item.trimmingCharacters(in: .whitespacesAndNewlines)
        while let backlink = text.range(of: " <a href=\"#fnref-") ?? text.range(of: "<a href=\"#fnref-") {
            guard let end = text[backlink.upperBound...].range(of: "</a>") else { return nil }
            text.removeSubrange(backlink.lowerBound..<end.upperBound)
        }
        guard text.hasPrefix("<p>"), text.hasSuffix("</p>") else { return nil }
        let inner = text.dropFirst(3).dropLast(4)
        guard !blockTags.contains(where: { inner.contains($0) }) else { return nil }
        return inner.replacingOccurrences(of: "</p>\n<p>", with: "<br>")
    }
}
