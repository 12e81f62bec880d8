import Foundation

/// Normalises HTML the way cmark's spec runner does before comparing: whitespace
/// around block tags dropped, runs of white space collapsed outside <pre>,
/// void-element slashes dropped, attributes sorted. On top of that it removes
/// quire's two systematic, intended differences (see `ConformanceTests`):
/// heading `id`s and table alignment as `style` instead of `align`.
enum HTMLNormalizer {
    static let blockTags: Set<String> = [
        "article", "aside", "blockquote", "body", "br", "button", "canvas", "caption", "col", "colgroup", "dd", "div", "dl", "dt",
        "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "iframe", "li", "map", "object", "ol", "output", "p", "pre", "progress", "script", "section", "style", "table", "tbody",
        "td", "textarea", "tfoot", "th", "thead", "tr", "ul", "video",
    ]

    static func normalize(_ html: String) -> String {
        var out = ""
        var inPre = 0
        var pendingSpace = false
        var index = html.startIndex
        while index < html.endIndex {
            if html[index] == "<", let close = html[index...].firstIndex(of: ">") {
                let raw = String(html[html.index(after: index)..<close])
                let tag = normalizeTag(raw)
                let name = tagName(raw)
                let isBlock = blockTags.contains(name)
                if pendingSpace, !isBlock, !out.isEmpty, inPre == 0 { out += " " }
                pendingSpace = false
                if isBlock { while out.last == " " { out.removeLast() } }
                out += "<\(tag)>"
                if name == "pre" { inPre += raw.hasPrefix("/") ? -1 : 1 }
                index = html.index(after: close)
                if isBlock, inPre == 0 {
                    while index < html.endIndex, html[index].isWhitespace { index = html.index(after: index) }
                }
                continue
            }
            let character = html[index]
            if inPre == 0, character.isWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace { out += " " }
                pendingSpace = false
                out.append(character)
            }
            index = html.index(after: index)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    static func tagName(_ raw: String) -> String {
        String(raw.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
    }

    static func normalizeTag(_ raw: String) -> String {
        var body = raw.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("!") || body.hasPrefix("?") { return body }
        if body.hasSuffix("/") { body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) }
        let name = tagName(body)
        let closing = body.hasPrefix("/")
        var attributes = attributesOf(String(body.dropFirst((closing ? 1 : 0) + name.count)))
        if name.count == 2, name.hasPrefix("h"), name.last!.isNumber { attributes.removeAll { $0.hasPrefix("id=") } }
        attributes = attributes.map { attribute in
            let style = "style=\"text-align: "
            if attribute.hasPrefix(style) { return "align=\"" + attribute.dropFirst(style.count) }
            return attribute
        }
        return ([(closing ? "/" : "") + name] + attributes.sorted()).joined(separator: " ")
    }

    static func attributesOf(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let q = quote {
                current.append(character)
                if character == q { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character.isWhitespace {
                if !current.isEmpty {
                    result.append(current)
                    current = ""
                }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
