/// The one escaper for text placed into markup: pages, SVG charts, feeds and
/// rewritten feed links all escape through here, each with its `Mode`.
/// Byte-level, and it returns its input untouched (no copy) when there is
/// nothing to escape, which is most text.
///
/// Why the modes differ — each keeps what its reader needs and nothing more:
/// - `html`: a page. Text and attribute values are escaped alike (the five
///   characters that can end either), so one call is right in both places.
///   C0 controls but tab, LF and CR become U+FFFD: NUL is a parse error and
///   ESC can reach a terminal through view-source or curl. Browsers read DEL
///   and C1 without complaint, so they stay.
/// - `attributeURL`: a URL the feed link rewriter writes back into an
///   attribute. Only `&` and both quotes, which is what makes a value safe in
///   any quoting; every other byte stays as the page had it, so rewriting is
///   idempotent and decoding (`AttributeValueText.decode`) gives the URL back.
/// - `xmlText`, `xmlAttribute`: a feed, read by strict XML parsers where one
///   raw control makes the whole document unreadable. Every character XML 1.0
///   forbids (C0 but tab, LF, CR) or discourages (DEL, C1, U+FFFE, U+FFFF)
///   becomes U+FFFD rather than vanish, which would join the words around it.
///   CR is written `&#13;` since a reader normalises a literal one to LF.
///   Between tags quotes stay, which keeps HTML carried as text
///   (`content:encoded`) a good deal smaller; in a (double-quoted) attribute
///   `"` is escaped and tab and LF are written as references, which a parser
///   would otherwise turn into spaces.
/// - `svg`: a chart's labels and attribute values, which are drawn rather than
///   read: tab, LF and CR become a space (a label is one line) and the other
///   characters XML forbids are dropped, since a U+FFFD box would be drawn.
package enum HTMLText {
    package enum Mode: Sendable {
        case html, attributeURL, xmlText, xmlAttribute, svg
    }

    /// `text` escaped for a page (`Mode.html`), the common case.
    package static func escape(_ text: String) -> String { escape(text, for: .html) }

    package static func escape(_ text: String, for mode: Mode) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let length = changedLength(of: bytes, for: mode) else { return nil as String? }
            return String(unsafeUninitializedCapacity: length) { writeEscaped(bytes, to: $0.baseAddress!, for: mode) }
        } ?? text
    }

    /// How many bytes `bytes` take escaped.
    package static func escapedLength(of bytes: UnsafeBufferPointer<UInt8>, for mode: Mode = .html) -> Int {
        changedLength(of: bytes, for: mode) ?? bytes.count
    }

    /// `bytes` escaped into `out`, which has room for `escapedLength(of:for:)` bytes; returns how many it wrote.
    /// For callers that build markup in one buffer (the code highlighter writes a whole block token by token).
    package static func writeEscaped(
        _ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>, for mode: Mode = .html
    ) -> Int {
        // One switch per call, then a loop specialised for the mode: the highlighter calls this per token.
        switch mode {
        case .html: write(bytes, to: out, HTMLRules.self)
        case .attributeURL: write(bytes, to: out, AttributeURLRules.self)
        case .xmlText: write(bytes, to: out, XMLRules<False>.self)
        case .xmlAttribute: write(bytes, to: out, XMLRules<True>.self)
        case .svg: write(bytes, to: out, SVGRules.self)
        }
    }

    /// The escaped length, or nil when escaping changes nothing (a length
    /// alone cannot tell: SVG turns a tab into a space).
    private static func changedLength(of bytes: UnsafeBufferPointer<UInt8>, for mode: Mode) -> Int? {
        switch mode {
        case .html: changedLength(of: bytes, HTMLRules.self)
        case .attributeURL: changedLength(of: bytes, AttributeURLRules.self)
        case .xmlText: changedLength(of: bytes, XMLRules<False>.self)
        case .xmlAttribute: changedLength(of: bytes, XMLRules<True>.self)
        case .svg: changedLength(of: bytes, SVGRules.self)
        }
    }

    private static func changedLength<Rules: EscapeRules>(of bytes: UnsafeBufferPointer<UInt8>, _: Rules.Type) -> Int? {
        var length = bytes.count
        var changed = false
        var index = 0
        while index < bytes.count {
            if Rules.mayChange(bytes[index]), let (replacement, consumed) = Rules.replacement(bytes, at: index) {
                length += replacement.utf8CodeUnitCount - consumed
                changed = true
                index += consumed
            } else {
                index += 1
            }
        }
        return changed ? length : nil
    }

    private static func write<Rules: EscapeRules>(
        _ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>, _: Rules.Type
    ) -> Int {
        // Byte by byte: the pieces are mostly a few bytes long, shorter than a call to memmove is worth.
        var written = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if Rules.mayChange(byte), let (replacement, consumed) = Rules.replacement(bytes, at: index) {
                (out + written).update(from: replacement.utf8Start, count: replacement.utf8CodeUnitCount)
                written += replacement.utf8CodeUnitCount
                index += consumed
            } else {
                out[written] = byte
                written += 1
                index += 1
            }
        }
        return written
    }
}

/// One mode's rules: a cheap test every byte passes through, and the
/// replacement for the few it flags (nil: the byte stays after all).
private protocol EscapeRules {
    static func mayChange(_ byte: UInt8) -> Bool
    static func replacement(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (StaticString, consumed: Int)?
}

private enum HTMLRules: EscapeRules {
    @inline(__always)
    static func mayChange(_ byte: UInt8) -> Bool {
        // Every byte it flags is below "@": letters, most of any text, leave at the first test.
        byte < 0x40 && (isMarkup(byte) || byte == UInt8(ascii: "'") || (byte < 0x20 && byte != 9 && byte != 10 && byte != 13))
    }

    static func replacement(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (StaticString, consumed: Int)? {
        (markupReference(bytes[index]) ?? (bytes[index] == UInt8(ascii: "'") ? "&#39;" : "\u{FFFD}"), 1)
    }
}

private enum AttributeURLRules: EscapeRules {
    @inline(__always)
    static func mayChange(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    static func replacement(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (StaticString, consumed: Int)? {
        (markupReference(bytes[index]) ?? "&#39;", 1)
    }
}

private protocol Flag { static var value: Bool { get } }
private enum True: Flag { static var value: Bool { true } }
private enum False: Flag { static var value: Bool { false } }

/// Feed XML; `InAttribute` says whether the text is a double-quoted attribute value.
private enum XMLRules<InAttribute: Flag>: EscapeRules {
    @inline(__always)
    static func mayChange(_ byte: UInt8) -> Bool {
        isMarkup(byte) || byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xEF
    }

    static func replacement(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (StaticString, consumed: Int)? {
        let byte = bytes[index]
        switch byte {
        // `>` must be escaped at least after `]]`; escaping it always is simpler and just as valid.
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): return (markupReference(byte)!, 1)
        case UInt8(ascii: "\""): return InAttribute.value ? ("&quot;", 1) : nil
        case 13: return ("&#13;", 1)
        case 9: return InAttribute.value ? ("&#9;", 1) : nil
        case 10: return InAttribute.value ? ("&#10;", 1) : nil
        case 0..<0x20, 0x7F: return ("\u{FFFD}", 1)
        default: return unwantedScalarLength(bytes, at: index, c1: true).map { ("\u{FFFD}", $0) }
        }
    }
}

private enum SVGRules: EscapeRules {
    @inline(__always)
    static func mayChange(_ byte: UInt8) -> Bool {
        isMarkup(byte) || byte == UInt8(ascii: "'") || byte < 0x20 || byte == 0xEF
    }

    static func replacement(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (StaticString, consumed: Int)? {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "'"): return ("&#39;", 1)
        case 9, 10, 13: return (" ", 1)
        case 0..<0x20: return ("", 1)
        default:
            if let reference = markupReference(byte) { return (reference, 1) }
            return unwantedScalarLength(bytes, at: index, c1: false).map { ("", $0) }
        }
    }
}

@inline(__always)
private func isMarkup(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
}

private func markupReference(_ byte: UInt8) -> StaticString? {
    switch byte {
    case UInt8(ascii: "&"): "&amp;"
    case UInt8(ascii: "<"): "&lt;"
    case UInt8(ascii: ">"): "&gt;"
    case UInt8(ascii: "\""): "&quot;"
    default: nil
    }
}

/// The UTF-8 length of the scalar at `index` if it is U+FFFE, U+FFFF or (with
/// `c1`) a C1 control, else nil. The input is valid UTF-8 (it came from a
/// String), so a lead byte and its continuation bytes identify the scalar.
private func unwantedScalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, c1: Bool) -> Int? {
    let rest = bytes.count - index
    if c1, bytes[index] == 0xC2, rest >= 2, (0x80...0x9F).contains(bytes[index + 1]) { return 2 }
    if bytes[index] == 0xEF, rest >= 3, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
        return 3
    }
    return nil
}
