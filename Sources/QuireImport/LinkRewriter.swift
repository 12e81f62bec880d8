import Foundation

/// Finds the link and image targets of Markdown prose — `[t](x)`, `![a](x "t")`,
/// `[id]: x`, and `src`/`href` attributes of raw HTML — and lets the caller
/// replace each.
enum LinkRewriter {
    /// `replace(target, line)` returns the new target, or nil to keep it.
    static func rewrite(_ text: String, firstLine: Int, _ replace: (String, Int) -> String?) -> String {
        var out = ""
        var line = firstLine
        var index = text.startIndex
        var lineStart = true
        while index < text.endIndex {
            let character = text[index]
            // `[id]: target` at the start of a line.
            if lineStart, let definition = referenceDefinition(in: text, at: index) {
                out += text[index..<definition.targetStart]
                out += replaceTarget(String(text[definition.target]), line: line, replace)
                index = definition.target.upperBound
                lineStart = false
                continue
            }
            lineStart = character == "\n"
            if character == "\n" { line += 1 }
            // `\](` is an escaped bracket, not the end of a link's text.
            if character == "]", text[index...].hasPrefix("]("), out.last != "\\",
                let target = inlineTarget(in: text, from: text.index(index, offsetBy: 2))
            {
                out += text[index..<target.lowerBound]
                out += replaceTarget(String(text[target]), line: line, replace)
                index = target.upperBound
                continue
            }
            if character == "=", let (quoted, target) = attributeTarget(in: text, equals: index) {
                out += text[index..<quoted.lowerBound]
                // Browsers drop the spaces around a URL in an attribute; a new target has none.
                out += replace(String(text[target]), line) ?? String(text[quoted])
                index = quoted.upperBound
                continue
            }
            out.append(character)
            index = text.index(after: index)
        }
        return out
    }

    private static func replaceTarget(_ target: String, line: Int, _ replace: (String, Int) -> String?) -> String {
        guard let replaced = replace(target, line) else { return target }
        return replaced
    }

    /// The target of `](target "title")`, without angle brackets.
    private static func inlineTarget(in text: String, from start: String.Index) -> Range<String.Index>? {
        var index = start
        while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
        if index < text.endIndex, text[index] == "<" {
            let open = text.index(after: index)
            guard let close = text[open...].firstIndex(where: { $0 == ">" || $0 == "\n" }), text[close] == ">" else { return nil }
            return open..<close
        }
        let begin = index
        var depth = 0
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace { break }
            if character == "(" { depth += 1 }
            if character == ")" {
                if depth == 0 { break }
                depth -= 1
            }
            index = text.index(after: index)
        }
        return begin < index ? begin..<index : nil
    }

    /// `src="x"`, `href='x'`, `data-src="x"`, `poster = "x"`: what lies
    /// between the quotes, and the URL in it.
    private static func attributeTarget(in text: String, equals: String.Index) -> (
        quoted: Range<String.Index>, url: Range<String.Index>
    )? {
        var head = text[..<equals].suffix(12).lowercased()
        while head.last == " " || head.last == "\t" { head.removeLast() }
        guard
            ["src", "href", "poster"].contains(where: { name in
                head.hasSuffix(name) && (head.dropLast(name.count).last.map { $0.isWhitespace || $0 == "-" } ?? true)
            }),
            let found = HTMLAttributeText.value(in: text, afterName: equals)
        else { return nil }
        return (found.quoted, found.value)
    }

    /// `[label]: target` starting at `index`: where the target starts, and its range.
    private static func referenceDefinition(in text: String, at index: String.Index) -> (
        targetStart: String.Index, target: Range<String.Index>
    )? {
        var cursor = index
        var spaces = 0
        while cursor < text.endIndex, text[cursor] == " ", spaces < 4 {
            cursor = text.index(after: cursor)
            spaces += 1
        }
        // `[^note]: …` is a footnote, not a link.
        guard spaces < 4, cursor < text.endIndex, text[cursor] == "[", text[text.index(after: cursor)...].first != "^" else { return nil }
        guard let close = text[cursor...].firstIndex(where: { $0 == "]" || $0 == "\n" }), text[close] == "]" else { return nil }
        var after = text.index(after: close)
        guard after < text.endIndex, text[after] == ":" else { return nil }
        after = text.index(after: after)
        while after < text.endIndex, text[after] == " " || text[after] == "\t" { after = text.index(after: after) }
        var end = after
        while end < text.endIndex, !text[end].isWhitespace { end = text.index(after: end) }
        guard end > after else { return nil }
        var start = after
        var stop = end
        if text[start] == "<", text[text.index(before: stop)] == ">" {
            start = text.index(after: start)
            stop = text.index(before: stop)
        }
        return (start, start..<stop)
    }
}
