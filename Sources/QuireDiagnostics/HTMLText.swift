/// Escaping for text placed into HTML or XML: the five characters that can
/// end text or an attribute value, and C0 controls other than tab, LF and CR
/// (NUL is a parse error; ESC can reach a terminal), which become U+FFFD. Templates, tables, captions and inline
/// values all escape through here, so it is byte-level and returns its input
/// untouched (no copy) when there is nothing to escape, which is most text.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let length = escapedLength(of: bytes)
            guard length != bytes.count else { return nil as String? }
            return String(unsafeUninitializedCapacity: length) { writeEscaped(bytes, to: $0.baseAddress!) }
        } ?? text
    }

    /// How many bytes `bytes` take escaped.
    package static func escapedLength(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var length = bytes.count
        for byte in bytes where needsEscape(byte) { length += replacement(for: byte).utf8CodeUnitCount - 1 }
        return length
    }

    /// `bytes` escaped into `out`, which has room for `escapedLength(of:)` bytes; returns how many it wrote.
    /// For callers that build HTML in one buffer (the code highlighter writes a whole block token by token).
    package static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        // Byte by byte: the pieces are mostly a few bytes long, shorter than a call to memmove is worth.
        var written = 0
        for byte in bytes {
            if needsEscape(byte) {
                let replacement = replacement(for: byte)
                (out + written).update(from: replacement.utf8Start, count: replacement.utf8CodeUnitCount)
                written += replacement.utf8CodeUnitCount
            } else {
                out[written] = byte
                written += 1
            }
        }
        return written
    }

    private static func replacement(for byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: "\u{FFFD}"
        }
    }

    @inline(__always)
    package static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            || (byte < 0x20 && byte != 9 && byte != 10 && byte != 13)
    }
}
