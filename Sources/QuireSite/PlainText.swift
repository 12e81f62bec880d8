/// Text of an HTML fragment, for summaries and descriptions.
enum PlainText {
    static func from(html: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.utf8.count)
        var inTag = false
        for byte in html.utf8 {
            if byte == UInt8(ascii: "<") { inTag = true; continue }
            if byte == UInt8(ascii: ">"), inTag { inTag = false; continue }
            if !inTag { bytes.append(byte) }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.contains(UInt8(ascii: "&")) else { return words(text).joined(separator: " ") }
        let decoded = text
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

    static func wordCount(html: String) -> Int {
        var html = html
        return html.withUTF8(wordCount(bytes:))
    }

    private static func wordCount(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inTag = false, inWord = false
        for byte in bytes {
            if byte == UInt8(ascii: "<") { inTag = true; inWord = false; continue }
            if byte == UInt8(ascii: ">"), inTag { inTag = false; continue }
            guard !inTag else { continue }
            let space = byte == 32 || byte == 10 || byte == 9 || byte == 13
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// At most `limit` characters, cut at a word boundary with an ellipsis.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }
}

import Foundation
