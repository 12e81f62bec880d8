/// Escaping for text placed into HTML or XML: the five characters that can
/// end text or an attribute value, and C0 controls other than tab, LF and CR
/// (NUL is a parse error; ESC can reach a terminal), which become U+FFFD. Templates, tables, captions and inline
/// values all escape through here, so it is byte-level and returns its input
/// untouched (no copy) when there is nothing to escape, which is most text.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: needsEscape) else { return nil as String? }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out += bytes[..<first]
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): out += "&amp;".utf8
                case UInt8(ascii: "<"): out += "&lt;".utf8
                case UInt8(ascii: ">"): out += "&gt;".utf8
                case UInt8(ascii: "\""): out += "&quot;".utf8
                case UInt8(ascii: "'"): out += "&#39;".utf8
                case 0..<0x20 where byte != 9 && byte != 10 && byte != 13: out += [0xEF, 0xBF, 0xBD]
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    @inline(__always)
    package static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            || (byte < 0x20 && byte != 9 && byte != 10 && byte != 13)
    }
}
