import QuireDiagnostics
import QuireMarkdown

/// The small part of Markdown a chart caption needs, rendered to safe HTML:
/// `*em*`, `_em_`, `**strong**`, `` `code` ``, `[text](url)` and `$TeX$`
/// (MathML, as in the post's prose). Everything else is escaped text, so a
/// caption can never inject markup.
enum ChartCaption {
    static func html(_ markdown: String) -> String {
        var out = ""
        var rest = Substring(markdown)
        while let character = rest.first {
            if character == "\\", let next = rest.dropFirst().first, "\\`*_[]()$".contains(next) {
                out += HTMLText.escape(String(next))
                rest = rest.dropFirst(2)
            } else if character == "$", let math = math(in: rest) {
                out += math.html
                rest = rest[math.end...]
            } else if character == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                out += "<code>" + HTMLText.escape(String(rest[rest.index(after: rest.startIndex)..<end])) + "</code>"
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**"), !rest.dropFirst(2)[..<end.lowerBound].isEmpty {
                out += "<strong>" + html(String(rest.dropFirst(2)[..<end.lowerBound])) + "</strong>"
                rest = rest[end.upperBound...]
            } else if character == "*" || character == "_", let end = rest.dropFirst().firstIndex(of: character),
                end != rest.index(after: rest.startIndex)
            {
                out += "<em>" + html(String(rest[rest.index(after: rest.startIndex)..<end])) + "</em>"
                rest = rest[rest.index(after: end)...]
            } else if character == "[", let link = link(in: rest) {
                out += "<a href=\"" + HTMLText.escape(link.url) + "\">" + html(link.text) + "</a>"
                rest = rest[link.end...]
            } else {
                out += HTMLText.escape(String(character))
                rest = rest.dropFirst()
            }
        }
        return out
    }

    /// `$…$` as Pandoc reads it: no space just inside either dollar, no
    /// digit right after the closing one (so "$5 and $6" stays text), and
    /// TeX that does not convert stays as written.
    private static func math(in text: Substring) -> (html: String, end: Substring.Index)? {
        let body = text.dropFirst()
        guard let first = body.first, first != "$", !first.isWhitespace else { return nil }
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "\\" {
                index = body.index(after: index)
                if index < body.endIndex { index = body.index(after: index) }
                continue
            }
            if character == "$" {
                let after = body.index(after: index)
                let tex = body[..<index]
                guard let last = tex.last, !last.isWhitespace else { return nil }
                if after < body.endIndex, body[after].isNumber { return nil }
                guard let mathML = try? TeXToMathML.convert(String(tex), display: false) else { return nil }
                return (mathML, after)
            }
            index = body.index(after: index)
        }
        return nil
    }

    private static func link(in text: Substring) -> (text: String, url: String, end: Substring.Index)? {
        guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix("("),
            let end = text[close...].firstIndex(of: ")")
        else { return nil }
        let label = String(text[text.index(after: text.startIndex)..<close])
        let url = String(text[text.index(close, offsetBy: 2)..<end]).trimmingCharacters(in: .whitespaces)
        // Only web, mail and relative links: a caption must not run script.
        let lowered = url.lowercased()
        let scheme = lowered.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        if lowered.contains(":"), scheme.count < lowered.count, lowered[lowered.index(lowered.startIndex, offsetBy: scheme.count)] == ":",
            !["http", "https", "mailto"].contains(String(scheme))
        {
            return nil
        }
        return (label, url, text.index(after: end))
    }

}
