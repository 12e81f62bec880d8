import Foundation

/// Text of an HTML fragment, for summaries and descriptions.
enum PlainText {
    /// A formula's TeX source sits in an `<annotation>` beside its MathML;
    /// it is skipped, so the formula counts once, as the text a reader sees.
    static func from(html: String) -> String {
        let source = Array(html.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var inTag = false
        var index = 0
        let annotation = Array("<annotation".utf8)
        let annotationEnd = Array("</annotation>".utf8)
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "<"), source[index...].starts(with: annotation) {
                var end = index + annotation.count
                while end < source.count, !source[end...].starts(with: annotationEnd) { end += 1 }
                index = min(end + annotationEnd.count, source.count)
                continue
            }
            index += 1
            if byte == UInt8(ascii: "<") {
                inTag = true
                continue
            }
            if byte == UInt8(ascii: ">"), inTag {
                inTag = false
                continue
            }
            if !inTag { bytes.append(byte) }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.contains(UInt8(ascii: "&")) else { return words(text).joined(separator: " ") }
        let decoded =
            text
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        return words(decoded).joined(separator: " ")
    }

    /// Words split on ASCII white space (byte-wise: fast on long pages).
    static func words(_ text: String) -> [Substring] {
        text.utf8.split(whereSeparator: { $0 == 32 || $0 == 10 || $0 == 9 || $0 == 13 }).map { Substring($0) }
    }

    /// At most `limit` characters, cut at a word boundary with an ellipsis.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }
}
