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
        let result: String? = html.withUTF8 { bytes in
            guard let section = find("<section class=\"footnotes\" data-footnotes>", in: bytes, from: 0) else { return nil }
            var copies: [(label: String, html: String)] = []
            var rest = section.upperBound
            while let item = find("<li id=\"fn-", in: bytes, from: rest) {
                guard let labelEnd = find("\">", in: bytes, from: item.upperBound) else { break }
                let label = text(bytes, item.upperBound..<labelEnd.lowerBound)
                guard
                    let end = find("</li>\n<li id=\"fn-", in: bytes, from: labelEnd.upperBound)
                        ?? find("</li>\n</ol>", in: bytes, from: labelEnd.upperBound)
                else { break }
                if let copy = phrasing(text(bytes, labelEnd.upperBound..<end.lowerBound)) { copies.append((label, copy)) }
                rest = end.lowerBound
            }
            // Edits in the original's byte offsets: the copy after each first reference, the class on its list item.
            var edits: [(range: Range<Int>, replacement: String)] = []
            for (label, copy) in copies {
                guard let reference = find("id=\"fnref-\(label)\" data-footnote-ref>", in: bytes, from: 0),
                    let number = find("</a></sup>", in: bytes, from: reference.upperBound)
                else { continue }
                let mark = text(bytes, reference.upperBound..<number.lowerBound)
                let note = "\(open)<span class=\"sidenote\"><span class=\"sidenote-number\">\(mark)</span> \(copy)</span>\(close)"
                edits.append((number.upperBound..<number.upperBound, note))
                if let item = find("<li id=\"fn-\(label)\">", in: bytes, from: 0) {
                    // The class says "shown in the margin": feeds show no margin, so it sits between the markers too.
                    edits.append((item, "<li id=\"fn-\(label)\"\(open) class=\"sidenoted\"\(close)>"))
                }
            }
            guard !edits.isEmpty else { return nil }
            edits.sort { $0.range.lowerBound < $1.range.lowerBound }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.utf8.count })
            var copied = 0
            for edit in edits where edit.range.lowerBound >= copied {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<edit.range.lowerBound]))
                out += edit.replacement.utf8
                copied = edit.range.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
        return result.map { ($0, true) } ?? (html, false)
    }

    /// Where `needle` first occurs in `bytes` at or after `start`, as byte offsets.
    static func find(_ needle: String, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        var needle = needle
        return needle.withUTF8 { needle in
            guard let first = needle.first, needle.count <= bytes.count else { return nil }
            var index = start
            let last = bytes.count - needle.count
            while index <= last {
                guard let hit = memchr(bytes.baseAddress! + index, Int32(first), last - index + 1) else { return nil }
                index = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(bytes.baseAddress! + index, needle.baseAddress!, needle.count) == 0 { return index..<(index + needle.count) }
                index += 1
            }
            return nil
        }
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
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
