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

    static func escapingBraces(_ text: String, report: inout ImportReport) -> String {
        guard text.contains("{{") else { return text }
        let escaped = text.escapingDoubleBraces
        report.count("other {{ escaped as \\{{", escaped.count - text.count)
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
