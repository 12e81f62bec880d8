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

    /// Words are runs of bytes that are neither ASCII white space nor inside
    /// a tag. Branch-light, through a byte-class table: this runs over every
    /// page's whole HTML.
    private static func wordCount(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inTag = false, inWord = false
        byteClasses.withUnsafeBufferPointer { classes in
            for byte in bytes {
                var kind = classes[Int(byte)]
                if kind == ByteClass.tagClose {
                    // A stray ">" outside a tag is text.
                    if inTag { inTag = false; continue }
                    kind = ByteClass.text
                }
                switch kind {
                case ByteClass.text:
                    if !inTag, !inWord { count += 1 }
                    inWord = !inTag
                case ByteClass.space:
                    inWord = false
                default:
                    inTag = true
                    inWord = false
                }
            }
        }
        return count
    }

    private enum ByteClass {
        static let text: UInt8 = 0, space: UInt8 = 1, tagOpen: UInt8 = 2, tagClose: UInt8 = 3
    }

    private static let byteClasses: [UInt8] = {
        var classes = [UInt8](repeating: ByteClass.text, count: 256)
        for space in [9, 10, 13, 32] { classes[space] = ByteClass.space }
        classes[Int(UInt8(ascii: "<"))] = ByteClass.tagOpen
        classes[Int(UInt8(ascii: ">"))] = ByteClass.tagClose
        return classes
    }()

    /// At most `limit` characters, cut at a word boundary with an ellipsis.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
    }
}

import Foundation
