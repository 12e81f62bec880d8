import Foundation

/// A `{% … %}` or `{{ … }}` (Liquid) or `{{< … >}}`/`{{% … %}}` (Hugo) found in prose.
struct TemplateTag {
    /// The whole tag, braces included.
    var text: String
    /// Between the delimiters, trimmed (Liquid's `-` whitespace control removed).
    var inner: String
    /// `{%`, `{{`, `{{<` or `{{%`.
    var opener: String
    /// Lines before the tag within the scanned text.
    var lineOffset: Int
}

enum TemplateTags {
    /// Splits `text` into plain pieces and tags; `hugo` recognises shortcodes.
    static func scan(_ text: String, hugo: Bool) -> [Either] {
        var pieces: [Either] = []
        var plain = ""
        var line = 0
        var rest = text[...]
        while let brace = rest.firstIndex(of: "{") {
            let head = rest[..<brace]
            let after = rest[brace...]
            // `\{{` is already quire's literal.
            if head.hasSuffix("\\") {
                plain += head + "{"
                line += head.filter { $0 == "\n" }.count
                rest = rest[rest.index(after: brace)...]
                continue
            }
            var match: (opener: String, closer: String)?
            if hugo, after.hasPrefix("{{</*") {
                match = ("{{</*", "*/>}}")
            } else if hugo, after.hasPrefix("{{%/*") {
                match = ("{{%/*", "*/%}}")
            } else if hugo, after.hasPrefix("{{<") {
                match = ("{{<", ">}}")
            } else if hugo, after.hasPrefix("{{%") {
                match = ("{{%", "%}}")
            } else if after.hasPrefix("{{") {
                match = ("{{", "}}")
            } else if after.hasPrefix("{%") {
                match = ("{%", "%}")
            }
            guard let match, let close = after.dropFirst(match.opener.count).range(of: match.closer) else {
                plain += head + "{"
                line += head.filter { $0 == "\n" }.count
                rest = rest[rest.index(after: brace)...]
                continue
            }
            plain += head
            line += head.filter { $0 == "\n" }.count
            if !plain.isEmpty {
                pieces.append(.plain(plain))
                plain = ""
            }
            let text = String(after[..<close.upperBound])
            var inner = String(after[after.index(after.startIndex, offsetBy: match.opener.count)..<close.lowerBound])
            if inner.hasPrefix("-") { inner.removeFirst() }
            if inner.hasSuffix("-") { inner.removeLast() }
            pieces.append(
                .tag(
                    TemplateTag(
                        text: text, inner: inner.trimmingCharacters(in: .whitespacesAndNewlines), opener: match.opener, lineOffset: line)))
            line += text.filter { $0 == "\n" }.count
            rest = after[close.upperBound...]
        }
        plain += rest
        if !plain.isEmpty { pieces.append(.plain(plain)) }
        return pieces
    }

    enum Either {
        case plain(String)
        case tag(TemplateTag)
    }

    /// Words of a tag, quotes respected: `figure src="a b.png" title='T'` → [figure, src=a b.png, title=T].
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var started = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" || character == "`" {
                quote = character
                started = true
            } else if character.isWhitespace {
                if started || !current.isEmpty { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
            }
        }
        if started || !current.isEmpty { words.append(current) }
        return words
    }

    /// `key=value` words as a dictionary, the rest in order.
    static func arguments(_ words: [String]) -> (named: [String: String], positional: [String]) {
        var named: [String: String] = [:]
        var positional: [String] = []
        for word in words {
            if let equals = word.firstIndex(of: "="), word[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
                equals != word.startIndex
            {
                named[String(word[..<equals])] = String(word[word.index(after: equals)...])
            } else {
                positional.append(word)
            }
        }
        return (named, positional)
    }
}

extension String {
    /// `{{` → `\{{`, quire's literal, where it is not already escaped.
    var escapingDoubleBraces: String {
        var out = ""
        var rest = self[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            out += out.last == "\\" ? "{{" : "\\{{"
            rest = rest[open.upperBound...]
        }
        return out + rest
    }
}
