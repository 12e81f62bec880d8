import Foundation

/// Footnotes shown beside the text on wide screens, with CSS alone: each
/// footnote's text is written a second time, as a `<span class="sidenote">`
/// right after its first reference, which the stylesheet floats into the
/// margin on wide screens and hides elsewhere; cmark's list at the end stays
/// for phones, print and feeds. The copies, and the class that hides a copied
/// note's list item, sit between two markers so that feeds and summaries,
/// which want no duplicate, drop them (`MarkdownDocument.fill`).
///
/// Only footnotes made of paragraphs are copied (a `<span>` may hold phrasing
/// content only); others stay at the end at every width.
enum Sidenotes {
    static let open = ProtectedSpans.token("S", 0)
    static let close = ProtectedSpans.token("S", 1)

    static let blockTags = [
        "<div", "<ul", "<ol", "<pre", "<blockquote", "<table", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6",
        "<hr", "<figure", "<section", "<details", "<dl", "<p ", "<svg", "<math display=\"block\"",
        "\(ProtectedSpans.open)D", "\(ProtectedSpans.open)K",
    ]

    /// The HTML with each copyable footnote's copy after its first reference, and whether there was one.
    ///
    /// Searched as UTF-8 bytes and put together in one pass: a page with highlighted
    /// code is hundreds of kilobytes, and Foundation's `range(of:)` on it (through
    /// UTF-16) once cost more than all the rest of rendering the page.
    static func insert(into html: String) -> (html: String, inserted: Bool) {
        var html = html
        let edits: [(range: Range<Int>, replacement: String)]? = html.withUTF8 { bytes in
            guard let section = bytes.firstRange(of: "<section class=\"footnotes\" data-footnotes>", from: 0) else { return nil }
            var copies: [(label: String, html: String)] = []
            var rest = section.upperBound
            while let item = bytes.firstRange(of: "<li id=\"fn-", from: rest) {
                guard let labelEnd = bytes.firstRange(of: "\">", from: item.upperBound) else { break }
                let label = text(bytes, item.upperBound..<labelEnd.lowerBound)
                guard
                    let end = bytes.firstRange(of: "</li>\n<li id=\"fn-", from: labelEnd.upperBound)
                        ?? bytes.firstRange(of: "</li>\n</ol>", from: labelEnd.upperBound)
                else { break }
                if let copy = phrasing(UnsafeBufferPointer(rebasing: bytes[labelEnd.upperBound..<end.lowerBound])) {
                    copies.append((label, copy))
                }
                rest = end.lowerBound
            }
            // Edits in the original's byte offsets: the copy after each first reference, the class on its list item.
            var edits: [(range: Range<Int>, replacement: String)] = []
            for (label, copy) in copies {
                guard let reference = bytes.firstRange(of: "id=\"fnref-\(label)\" data-footnote-ref>", from: 0),
                    let number = bytes.firstRange(of: "</a></sup>", from: reference.upperBound)
                else { continue }
                let mark = text(bytes, reference.upperBound..<number.lowerBound)
                let note = "\(open)<span class=\"sidenote\"><span class=\"sidenote-number\">\(mark)</span> \(copy)</span>\(close)"
                edits.append((number.upperBound..<number.upperBound, note))
                if let item = bytes.firstRange(of: "<li id=\"fn-\(label)\">", from: 0) {
                    // The class says "shown in the margin": feeds show no margin, so it sits between the markers too.
                    edits.append((item, "<li id=\"fn-\(label)\"\(open) class=\"sidenoted\"\(close)>"))
                }
            }
            edits.sort { $0.range.lowerBound < $1.range.lowerBound }
            return edits
        }
        guard let edits, !edits.isEmpty else { return (html, false) }
        var out = ""
        out.reserveCapacity(html.utf8.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
        var copied = 0
        for edit in edits where edit.range.lowerBound >= copied {
            out += html.utf8Slice(copied, edit.range.lowerBound)
            out += edit.replacement
            copied = edit.range.upperBound
        }
        out += html.utf8Slice(copied, html.utf8.count)
        return (out, true)
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A footnote's paragraphs as phrasing content, its back-links removed; nil if it holds blocks.
    ///
    /// Bytes again: every footnote of every post comes through here.
    static func phrasing(_ item: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        var end = item.count
        while start < end, isASCIIWhitespace(item[start]) { start += 1 }
        while end > start, isASCIIWhitespace(item[end - 1]) { end -= 1 }
        guard end - start >= 7, item[start..<(start + 3)].elementsEqual("<p>".utf8), item[(end - 4)..<end].elementsEqual("</p>".utf8)
        else { return nil }
        var inner: [UInt8] = []
        inner.reserveCapacity(end - start)
        var copied = start + 3
        let innerEnd = end - 4
        // Back-links, each with the space before it.
        while let backlink = item.firstRange(of: "<a href=\"#fnref-", from: copied), backlink.upperBound <= innerEnd {
            guard let close = item.firstRange(of: "</a>", from: backlink.upperBound), close.upperBound <= innerEnd else { return nil }
            var cut = backlink.lowerBound
            if cut > copied, item[cut - 1] == UInt8(ascii: " ") { cut -= 1 }
            inner.append(contentsOf: UnsafeBufferPointer(rebasing: item[copied..<cut]))
            copied = close.upperBound
        }
        inner.append(contentsOf: UnsafeBufferPointer(rebasing: item[copied..<innerEnd]))
        return inner.withUnsafeBufferPointer { inner -> String? in
            guard !blockTags.contains(where: { inner.firstRange(of: $0, from: 0) != nil }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(inner.count)
            var copied = 0
            while let paragraphBreak = inner.firstRange(of: "</p>\n<p>", from: copied) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: inner[copied..<paragraphBreak.lowerBound]))
                out += "<br>".utf8
                copied = paragraphBreak.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: inner[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
