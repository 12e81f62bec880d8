/// Escaping for text placed into HTML or XML: the five characters that can
/// end text or an attribute value, and C0 controls other than tab, LF and CR
/// (NUL is a parse error; ESC can reach a terminal), which become U+FFFD. Templates, tables, captions and inline
/// values all escape through here, so it is byte-level and returns its input
/// untouched (no copy) when there is nothing to escape, which is most text.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: needsEscape) else { return nil as String? }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            appendEscaped(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// `bytes` escaped onto the end of `out`, for callers building HTML in one byte buffer
    /// (the code highlighter writes a whole block this way, token by token).
    package static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var plainStart = 0
        for index in 0..<bytes.count where needsEscape(bytes[index]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<index]))
            switch bytes[index] {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out += [0xEF, 0xBF, 0xBD]
            }
            plainStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart...]))
    }

    @inline(__always)
    package static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            || (byte < 0x20 && byte != 9 && byte != 10 && byte != 13)
    }
}
