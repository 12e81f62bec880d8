/// Escaping for XML 1.0 character data and attribute values.
///
/// Data reaching a feed is untrusted (titles, summaries and tags may come from
/// data files), so besides the five markup characters this also drops every
/// character XML 1.0 forbids outright: one stray control character would make
/// the whole feed unreadable to a strict parser.
enum XMLEscaping {
    /// Escapes `text` for use between tags or inside a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            // `>` must be escaped at least after `]]`; escaping it always is simpler and just as valid.
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&apos;".unicodeScalars)
            // A literal CR would be normalised to LF by the reader; the reference keeps it.
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            default:
                if isAllowed(scalar) { out.append(scalar) }
            }
        }
        return String(out)
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
        attributes.map { " \($0.0)=\"\(XMLEscaping.escape($0.1))\"" }.joined()
    }
}
