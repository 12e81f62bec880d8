import Foundation

/// Rewrites both importers share: math delimiters, literal dollars, stray `{{`.
enum BodyFinishing {
    /// kramdown writes inline math as `$$…$$` too: inside a paragraph it becomes `$…$`.
    /// In any math, `{{` would read as a quire inline value: `{ {` means the same to TeX.
    /// `markdownEscapes`: the old site's Markdown processed backslash escapes
    /// inside math before the browser's TeX saw it (Hugo without its math
    /// passthrough): `\_` was `_`, so it is written `_` for quire, which reads math verbatim.
    static func math(inner: String, dollars: Int, display: Bool, kramdown: Bool, markdownEscapes: Bool = false, report: inout ImportReport)
        -> Segment
    {
        var inner = inner
        if markdownEscapes, inner.contains("\\") {
            var unescaped = ""
            var pending = false
            for character in inner {
                if pending {
                    if !(character.isASCII && character.isPunctuation || character.isASCII && character.isSymbol) { unescaped.append("\\") }
                    unescaped.append(character)
                    pending = false
                } else if character == "\\" {
                    pending = true
                } else {
                    unescaped.append(character)
                }
            }
            if pending { unescaped.append("\\") }
            if unescaped != inner { report.count("Markdown escapes in math resolved as the old site's Markdown did") }
            inner = unescaped
        }
        if inner.contains("{{") {
            inner = inner.replacingOccurrences(of: "{{", with: "{ {")
            report.count("'{{' in math spaced to '{ {'")
        }
        let (escaped, characters) = escapingTextModeSpecials(inner)
        if characters > 0 {
            inner = escaped
            report.count("_ & # ^ inside \\text{…} escaped, shown as the old site's MathJax showed them", characters)
        }
        if kramdown, dollars == 2, !display, !inner.contains("\n") {
            report.count("kramdown inline $$…$$ → $…$")
            return .math(inner: inner.trimmingCharacters(in: .whitespaces), dollars: 1, display: false)
        }
        return .math(inner: inner, dollars: dollars, display: display)
    }

    /// Where the old site had no `$…$` math, a `$` is a dollar: `\$` keeps it one in quire.
    static func escapingDollars(_ text: String, report: inout ImportReport) -> String {
        guard text.contains("$") else { return text }
        var out = ""
        var count = 0
        for character in text {
            if character == "$", out.last != "\\" {
                out += "\\$"
                count += 1
            } else {
                out.append(character)
            }
        }
        report.count("literal $ escaped as \\$", count)
        return out
    }

    /// `{{` as `\{{`, which quire shows as written instead of reading an
    /// inline value. Also inside an HTML comment (`inComment`): it shows
    /// nothing, but quire reads the values in it, so a commented-out template stays a comment.
    static func escapingBraces(_ text: String, inComment: Bool = false, report: inout ImportReport) -> String {
        guard text.contains("{{") else { return text }
        let escaped = text.escapingDoubleBraces
        report.count(inComment ? "{{ in an HTML comment escaped as \\{{" : "other {{ escaped as \\{{", escaped.count - text.count)
        return escaped
    }
}

extension BodyFinishing {
    /// `<a name="x">`, the old way to set an anchor, → `<a id="x">`, which links reach in quire's checks and today's browsers alike.
    static func namedAnchors(_ text: String, report: inout ImportReport) -> String {
        guard text.contains("<a name=") else { return text }
        let pattern = #"<a name=(["'])([^"']+)\1"#
        let count = text.components(separatedBy: "<a name=").count - 1
        report.count("HTML <a name> anchor → id", count)
        return text.replacingOccurrences(of: pattern, with: "<a id=\"$2\"", options: .regularExpression)
    }
}

extension BodyFinishing {
    /// kramdown reads a `$$` block up to its closing `$$` across blank lines;
    /// quire's math, like pandoc's, ends at a blank line — so the blank lines
    /// inside a display block go (TeX math ignores them).
    static func closingBlankLinesInDisplayMath(_ body: String, report: inout ImportReport) -> String {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fence: (character: Character, length: Int)?
        var index = 0
        var removed = 0
        while index < lines.count {
            let line = Substring(lines[index])
            if let open = fence {
                if MarkdownSegments.closes(line, fence: open) { fence = nil }
                index += 1
                continue
            }
            if let open = MarkdownSegments.fenceOpening(line) {
                fence = open
                index += 1
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("$$"), trimmed.components(separatedBy: "$$").count - 1 == 1 else {
                index += 1
                continue
            }
            // An opening `$$` alone: find its closing line.
            guard let close = lines[(index + 1)...].firstIndex(where: { $0.contains("$$") }) else {
                index += 1
                continue
            }
            let blanks = (index + 1..<close).filter { lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
            if !blanks.isEmpty {
                for blank in blanks.reversed() { lines.remove(at: blank) }
                removed += blanks.count
                index = close - blanks.count + 1
            } else {
                index = close + 1
            }
        }
        report.count("blank lines inside kramdown display math removed", removed)
        return lines.joined(separator: "\n")
    }
}

extension BodyFinishing {
    /// The commands whose braced argument is text, not math.
    static let textCommands: Set<String> = [
        "text", "textrm", "textbf", "textit", "textsf", "texttt", "textnormal", "textup", "textmd", "mbox", "hbox",
    ]

    /// MathJax shows `\text{sentence_length}` or `\text{ & }` as typed; KaTeX,
    /// whose rules quire's math follows, rejects a bare `_ & # ^` in text. Each
    /// is escaped inside the argument of a text command (not in `$…$` math
    /// nested there), so the page reads as it did. Returns the new source and
    /// how many characters were escaped.
    static func escapingTextModeSpecials(_ math: String) -> (String, Int) {
        guard math.contains("\\"), math.contains(where: { "_&#^".contains($0) }) else { return (math, 0) }
        let characters = Array(math)
        var out = ""
        var escaped = 0
        var index = 0
        /// Copies the braced group opening at `index` (a `{`), escaping as it goes.
        func copyTextGroup() {
            var depth = 0
            var inMath = false
            while index < characters.count {
                let character = characters[index]
                if character == "\\" {
                    // A command or an escaped character is copied whole.
                    out.append(character)
                    index += 1
                    if index < characters.count {
                        out.append(characters[index])
                        if characters[index].isLetter {
                            index += 1
                            while index < characters.count, characters[index].isLetter {
                                out.append(characters[index])
                                index += 1
                            }
                            continue
                        }
                        index += 1
                    }
                    continue
                }
                index += 1
                switch character {
                case "{" where !inMath:
                    depth += 1
                    out.append(character)
                case "}" where !inMath:
                    depth -= 1
                    out.append(character)
                    if depth == 0 { return }
                case "$":
                    inMath.toggle()
                    out.append(character)
                case "_", "&", "#", "^":
                    if inMath {
                        out.append(character)
                    } else {
                        out += character == "^" ? "\\textasciicircum{}" : "\\\(character)"
                        escaped += 1
                    }
                default:
                    out.append(character)
                }
            }
        }
        while index < characters.count {
            let character = characters[index]
            guard character == "\\" else {
                out.append(character)
                index += 1
                continue
            }
            var end = index + 1
            while end < characters.count, characters[end].isLetter { end += 1 }
            let name = String(characters[(index + 1)..<end])
            if name.isEmpty {
                // An escaped character such as \{ or \\: copied as it is.
                out += String(characters[index..<min(end + 1, characters.count)])
                index = min(end + 1, characters.count)
                continue
            }
            out += "\\" + name
            index = end
            guard textCommands.contains(name) else { continue }
            while index < characters.count, characters[index] == " " {
                out.append(" ")
                index += 1
            }
            if index < characters.count, characters[index] == "{" { copyTextGroup() }
        }
        return (out, escaped)
    }
}

extension BodyFinishing {
    /// Block-level elements whose closing tag kramdown ends an HTML block at.
    static let blockElements: Set<String> = [
        "div", "table", "figure", "section", "center", "aside", "blockquote", "details", "ul", "ol", "dl", "p", "article",
        "header", "footer", "nav", "form", "video", "audio", "picture",
    ]

    /// kramdown ends an HTML block at its closing tag and reads the next line
    /// as Markdown; CommonMark's block runs on to a blank line, so a heading
    /// right after `</div>` would show as text. A blank line is put there.
    static func endingHTMLBlocksAsKramdown(_ body: String, report: inout ImportReport) -> String {
        guard body.contains("</") else { return body }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let fenced = MarkdownSegments.fencedLines(body)
        var out: [Substring] = []
        var added = 0
        for (index, line) in lines.enumerated() {
            out.append(line)
            guard !fenced.contains(index), index + 1 < lines.count, isClosingBlockTag(line) else { continue }
            let next = lines[index + 1].trimmingCharacters(in: .whitespaces)
            if !next.isEmpty, !next.hasPrefix("<") {
                out.append("")
                added += 1
            }
        }
        report.count("blank line after an HTML block's closing tag, where kramdown ended the block", added)
        return out.joined(separator: "\n")
    }

    private static func isClosingBlockTag(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces).lowercased()
        guard trimmed.hasPrefix("</"), trimmed.hasSuffix(">") else { return false }
        return blockElements.contains(String(trimmed.dropFirst(2).dropLast()).trimmingCharacters(in: .whitespaces))
    }
}

extension BodyFinishing {
    /// kramdown reads Markdown inside an HTML element marked `markdown="1"`;
    /// CommonMark reads an HTML block's lines as HTML up to a blank line. A
    /// theme's notice box so marked becomes a GitHub alert; any other such
    /// element keeps its tag, with a blank line after it so what it holds is
    /// read as Markdown. Lines keep their numbers where the line above is blank.
    static func markdownInsideHTML(_ body: String, report: inout ImportReport) -> String {
        guard body.contains("markdown=") else { return body }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fenced = MarkdownSegments.fencedLines(body)
        var index = 0
        while index < lines.count {
            guard !fenced.contains(index), let (tag, name) = markdownElement(lines[index]) else {
                index += 1
                continue
            }
            let close = closingLine(of: name, in: lines, after: index)
            if let kind = HTMLAttributeText.value(of: "class", inTag: tag).flatMap({
                LiquidTranslator.noticeKind("." + $0.replacingOccurrences(of: " ", with: " ."))
            }),
                let close
            {
                lines[index] = "> [!\(kind)]"
                for inner in (index + 1)..<close { lines[inner] = lines[inner].isEmpty ? ">" : "> " + lines[inner] }
                lines[close] = ""
                report.count("kramdown notice <div markdown=\"1\"> → a GitHub alert")
                index = close + 1
                continue
            }
            if index > 0, lines[index - 1].trimmingCharacters(in: .whitespaces).isEmpty {
                lines[index - 1] = tag
                lines[index] = ""
            } else {
                lines[index] = tag + "\n"
            }
            report.count("kramdown markdown=\"1\" element read as Markdown")
            index += 1
        }
        return lines.joined(separator: "\n")
    }

    /// An opening tag alone on its line with `markdown="1"` (or `block`):
    /// the tag without that attribute, and the element's name.
    private static func markdownElement(_ line: String) -> (String, String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), !trimmed.hasPrefix("</"),
            let attribute = trimmed.range(of: #"\s+markdown\s*=\s*["']?(1|block)["']?"#, options: .regularExpression)
        else { return nil }
        let name = String(trimmed.dropFirst().prefix { $0.isLetter || $0.isNumber }).lowercased()
        guard !name.isEmpty else { return nil }
        var tag = trimmed
        tag.removeSubrange(attribute)
        return (tag, name)
    }

    /// The line of the `</name>` that closes the element opened on line `start`.
    private static func closingLine(of name: String, in lines: [String], after start: Int) -> Int? {
        var depth = 1
        for index in (start + 1)..<lines.count {
            let lowered = lines[index].lowercased()
            depth += lowered.components(separatedBy: "<" + name).count - 1 - (lowered.components(separatedBy: "</" + name).count - 1)
            if depth <= 0 { return index }
        }
        return nil
    }
}
