import QuireDiagnostics

/// A small line-oriented writer, so the feed writers read like the document
/// they emit. Lines go straight into one text: a sitemap has four lines per
/// page of the site, and a string for each, joined at the end, was most of
/// its cost.
struct XMLLines {
    private(set) var document = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"

    mutating func raw(_ line: String, depth: Int) {
        indent(depth)
        document += line
        document += "\n"
    }

    /// `<name attr="…">text</name>`; the text and attribute values are escaped here.
    mutating func element(_ name: String, _ text: String, attributes: [(String, String)] = [], depth: Int) {
        indent(depth)
        startTag(name, attributes)
        document += ">"
        document += HTMLText.escape(text, for: .xmlText)
        document += "</"
        document += name
        document += ">\n"
    }

    /// `<name attr="…"/>`.
    mutating func emptyElement(_ name: String, attributes: [(String, String)], depth: Int) {
        indent(depth)
        startTag(name, attributes)
        document += "/>\n"
    }

    private mutating func indent(_ depth: Int) {
        for _ in 0..<depth { document += "  " }
    }

    /// `<name` and its attributes, without the tag's end.
    private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
        document += "<"
        document += name
        for (attribute, value) in attributes {
            document += " "
            document += attribute
            document += "=\""
            document += HTMLText.escape(value, for: .xmlAttribute)
            document += "\""
        }
    }
}
