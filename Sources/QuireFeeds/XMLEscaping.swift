/// Escaping for XML 1.0 character data and attribute values.
///
/// Data reaching a feed is untrusted (titles, summaries and tags may come from
/// data files), so besides escaping markup characters this also replaces every
/// character XML 1.0 forbids (NUL and the other C0 controls but tab, LF and CR)
/// or discourages (DEL, C1, U+FFFE/U+FFFF) with U+FFFD, as HTMLText does for
/// pages: one raw control would make the whole feed unreadable to a strict
/// parser, and dropping it would silently join the words around it.
enum XMLEscaping {
    /// Escapes `text` for use between tags. Quotes stay as they are there, which
    /// keeps HTML carried as text (`content:encoded`) a good deal smaller.
    static func escape(_ text: String) -> String { escape(text, quotes: false) }

    /// Escapes `text` for use inside a double-quoted attribute value.
    static func escapeAttribute(_ text: String) -> String { escape(text, quotes: true) }

    private static func escape(_ text: String, quotes: Bool) -> String {
        // Built as UTF-8 bytes: appending to a String scalar by scalar is many times slower
        // on post-sized inputs (a 0.5 MB post took seconds).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 4)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "<": out.append(contentsOf: "&lt;".utf8)
            // `>` must be escaped at least after `]]`; escaping it always is simpler and just as valid.
            case ">": out.append(contentsOf: "&gt;".utf8)
            // A literal CR would be normalised to LF by the reader; the reference keeps it.
            case "\r": out.append(contentsOf: "&#13;".utf8)
            case "\"" where quotes: out.append(contentsOf: "&quot;".utf8)
            // Parsers turn literal tabs and newlines in attribute values into spaces.
            case "\t" where quotes: out.append(contentsOf: "&#9;".utf8)
            case "\n" where quotes: out.append(contentsOf: "&#10;".utf8)
            default:
                if (0x20..<0x7F).contains(scalar.value) || scalar == "\t" || scalar == "\n" {
                    out.append(UInt8(scalar.value))
                } else if isAllowed(scalar) {
                    UTF8.encode(scalar) { out.append($0) }
                } else {
                    out += [0xEF, 0xBF, 0xBD]  // U+FFFD
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The characters XML 1.0 (§2.2 `Char`) permits, minus the C1 controls and
    /// DEL, which it discourages and which never carry meaning in prose.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0x7E: return true
        case 0x7F...0x9F: return false
        case 0xA0...0xD7FF: return true
        case 0xE000...0xFFFD: return true
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

/// A small line-oriented writer, so the feed writers read like the document they emit.
struct XMLLines {
    private(set) var lines: [String] = [#"<?xml version="1.0" encoding="UTF-8"?>"#]

    mutating func raw(_ line: String, depth: Int) {
        lines.append(String(repeating: "  ", count: depth) + line)
    }

    /// `<name attr="…">text</name>`; the text and attribute values are escaped here.
    mutating func element(_ name: String, _ text: String, attributes: [(String, String)] = [], depth: Int) {
        raw("<\(name)\(Self.attributeList(attributes))>\(XMLEscaping.escape(text))</\(name)>", depth: depth)
    }

    /// `<name attr="…"/>`.
    mutating func emptyElement(_ name: String, attributes: [(String, String)], depth: Int) {
        raw("<\(name)\(Self.attributeList(attributes))/>", depth: depth)
    }

    var document: String { lines.joined(separator: "\n") + "\n" }

    private static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(XMLEscaping.escapeAttribute($0.1))\"" }.joined()
    }
}
