import QuireDiagnostics

/// A small line-oriented writer, so the feed writers read like the document they emit.
struct XMLLines {
    private(set) var lines: [String] = [#"<?xml version="1.0" encoding="UTF-8"?>"#]

    mutating func raw(_ line: String, depth: Int) {
        lines.append(String(repeating: "  ", count: depth) + line)
    }

    /// `<name attr="…">text</name>`; the text and attribute values are escaped here.
    mutating func element(_ name: String, _ text: String, attributes: [(String, String)] = [], depth: Int) {
        raw("<\(name)\(Self.attributeList(attributes))>\(HTMLText.escape(text, for: .xmlText))</\(name)>", depth: depth)
    }

    /// `<name attr="…"/>`.
    mutating func emptyElement(_ name: String, attributes: [(String, String)], depth: Int) {
        raw("<\(name)\(Self.attributeList(attributes))/>", depth: depth)
    }

    var document: String { lines.joined(separator: "\n") + "\n" }

    private static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(HTMLText.escape($0.1, for: .xmlAttribute))\"" }.joined()
    }
}
