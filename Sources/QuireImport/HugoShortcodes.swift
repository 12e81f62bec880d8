import Foundation
import QuireDiagnostics

/// Hugo's shortcodes → quire Markdown: `figure`, `katex`/`math`, `ref`/`relref`,
/// `highlight`, `youtube`; any other is reported.
enum HugoShortcodes {
    static func translate(_ body: String, context: TranslationContext, report: inout ImportReport) -> String {
        let blocks = translateBlocks(body, context: context, report: &report)
        var out: [Segment] = []
        for (segment, line) in MarkdownSegments(blocks, dollarMath: context.dollarMath).segments {
            switch segment {
            case .code(let text) where text.hasPrefix("<!--"):
                out.append(.code(BodyFinishing.escapingBraces(text, inComment: true, report: &report)))
            case .code(let text):
                // `{{</* x */>}}` shows a shortcode; in code it is the shortcode's text.
                var code = text
                for (escaped, plain) in [("{{</*", "{{<"), ("*/>}}", ">}}"), ("{{%/*", "{{%"), ("*/%}}", "%}}")]
                where code.contains(escaped) {
                    code = code.replacingOccurrences(of: escaped, with: plain)
                    report.count("escaped shortcode in code shown as written")
                }
                out.append(.code(code))
            case .math(let inner, let dollars, let display):
                out.append(
                    BodyFinishing.math(
                        inner: inner, dollars: dollars, display: display, kramdown: false,
                        markdownEscapes: context.markdownEscapesInMath, report: &report))
            case .prose(let text):
                out.append(.prose(translateProse(text, line: line, context: context, report: &report)))
            }
        }
        return MarkdownSegments.join(out)
    }

    /// One shortcode on a line by itself: `{{< highlight go >}}`, `{{< /katex >}}`.
    static func lineShortcode(_ line: String) -> (name: String, closing: Bool, words: [String])? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        for (open, close) in [("{{<", ">}}"), ("{{%", "%}}")]
        where trimmed.hasPrefix(open) && trimmed.hasSuffix(close) && !trimmed.hasPrefix(open + "/*") {
            let inner = trimmed.dropFirst(3).dropLast(3).trimmingCharacters(in: .whitespaces)
            guard !inner.contains(close) else { return nil }
            let closing = inner.hasPrefix("/")
            let words = TemplateTags.words(closing ? String(inner.dropFirst()) : inner)
            return words.first.map { ($0, closing, Array(words.dropFirst())) }
        }
        return nil
    }

    /// Themes' admonition shortcodes (wowchemy's `callout`, Docsy's `alert`,
    /// the Learn theme's `notice`, LoveIt's `admonition`, …) and the GitHub
    /// alert each kind of theirs becomes.
    static let admonitions: Set<String> = ["callout", "alert", "notice", "admonition", "hint", "note", "tip", "warning", "info"]
    static func alertKind(_ words: [String]) -> String {
        let kinds: [String: String] = [
            "note": "NOTE", "info": "NOTE", "primary": "NOTE", "secondary": "NOTE", "information": "NOTE", "abstract": "NOTE",
            "tip": "TIP", "success": "TIP", "hint": "TIP", "example": "TIP", "important": "IMPORTANT", "question": "IMPORTANT",
            "warning": "WARNING", "warn": "WARNING", "attention": "WARNING", "caution": "CAUTION", "danger": "CAUTION",
            "error": "CAUTION", "failure": "CAUTION", "bug": "CAUTION",
        ]
        return words.lazy.compactMap { kinds[$0.lowercased()] }.first ?? "NOTE"
    }

    static func translateBlocks(_ body: String, context: TranslationContext, report: inout ImportReport) -> String {
        var out: [String] = []
        var fence: (character: Character, length: Int)?
        var inside: String?
        // An admonition being turned into a GitHub alert: its name and indent.
        var alert: (name: String, indent: String)?
        for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let indent = String(line.prefix { $0 == " " || $0 == "\t" })
            if let open = alert, fence == nil, let shortcode = lineShortcode(line), shortcode.closing, shortcode.name == open.name {
                // A blank line ends the quote, so what follows is not drawn into it.
                out.append("")
                alert = nil
                continue
            }
            if let open = alert {
                // Inside the alert every line is quoted, code fences too.
                let rest = line.hasPrefix(open.indent) ? String(line.dropFirst(open.indent.count)) : line
                out.append(open.indent + (rest.isEmpty ? ">" : "> " + rest))
                if let started = fence {
                    if MarkdownSegments.closes(raw, fence: started) { fence = nil }
                } else if let started = MarkdownSegments.fenceOpening(raw) {
                    fence = started
                }
                continue
            }
            if let open = fence {
                out.append(line)
                if MarkdownSegments.closes(raw, fence: open) { fence = nil }
                continue
            }
            if let shortcode = lineShortcode(line), !shortcode.closing, admonitions.contains(shortcode.name) {
                let (named, positional) = TemplateTags.arguments(shortcode.words)
                let kind = alertKind([named["type"], named["color"], named["icon"]].compactMap { $0 } + positional + [shortcode.name])
                out.append(indent + "> [!\(kind)]")
                if let title = named["title"]
                    ?? (shortcode.name == "notice" || shortcode.name == "admonition" ? positional.dropFirst().first : nil),
                    !title.isEmpty
                {
                    out.append(indent + "> **\(title)**")
                }
                alert = (shortcode.name, indent)
                report.count("shortcode \(shortcode.name) → a GitHub alert ([!\(kind)])")
                continue
            }
            if let shortcode = lineShortcode(line) {
                switch (shortcode.name, shortcode.closing) {
                case ("highlight", false):
                    out.append(indent + "```" + (shortcode.words.first ?? ""))
                    inside = "highlight"
                    report.count("shortcode highlight → fenced code")
                    continue
                case ("highlight", true) where inside == "highlight":
                    out.append(indent + "```")
                    inside = nil
                    continue
                case ("katex", false), ("math", false), ("mathjax", false):
                    out.append(indent + "$$")
                    inside = shortcode.name
                    report.count("shortcode \(shortcode.name) → $$ display math")
                    continue
                case (let name, true) where name == inside:
                    out.append(indent + "$$")
                    inside = nil
                    continue
                default: break
                }
            }
            if inside == nil, let open = MarkdownSegments.fenceOpening(raw) { fence = open }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func translateProse(_ text: String, line: Int, context: TranslationContext, report: inout ImportReport) -> String {
        var out = ""
        var pendingMath: (name: String, display: Bool, text: String)?
        for piece in TemplateTags.scan(text, hugo: true) {
            switch piece {
            case .plain(let plain):
                if pendingMath != nil {
                    pendingMath!.text += plain
                    continue
                }
                let escaped = BodyFinishing.escapingBraces(plain, report: &report)
                out += context.dollarMath ? escaped : BodyFinishing.escapingDollars(escaped, report: &report)
            case .tag(let tag):
                let sourceLine = context.line(line + tag.lineOffset)
                if tag.opener == "{{</*" || tag.opener == "{{%/*" {
                    let bracket = String(tag.opener.dropFirst(2).dropLast(2))
                    out += "\\{{" + bracket + " " + tag.inner.replacingOccurrences(of: "*/", with: "") + " " + String(tag.text.suffix(3))
                    report.count("escaped shortcode shown as written")
                    continue
                }
                guard tag.opener == "{{<" || tag.opener == "{{%" else {
                    out += tag.text.escapingDoubleBraces
                    report.note(context.document.path, line: sourceLine, "\(tag.text) is not a shortcode; kept as text (\\{{)")
                    continue
                }
                let closing = tag.inner.hasPrefix("/")
                let words = TemplateTags.words(closing ? String(tag.inner.dropFirst()) : tag.inner)
                let name = words.first ?? ""
                let (named, positional) = TemplateTags.arguments(Array(words.dropFirst()))
                if let math = pendingMath {
                    if closing, name == math.name {
                        let tex = math.text.trimmingCharacters(in: .whitespacesAndNewlines)
                        let dollars = math.display || tex.contains("\n") ? "$$" : "$"
                        out += dollars + tex + dollars
                        pendingMath = nil
                    } else {
                        pendingMath!.text += tag.text
                    }
                    continue
                }
                switch name {
                case "katex", "math", "mathjax":
                    guard !closing else { break }
                    pendingMath = (name, positional.contains("display") || named["display"] == "true", "")
                    report.count("shortcode \(name) → $ inline math")
                case "figure", "fig":
                    out += figure(named, context: context, line: sourceLine, report: &report)
                case "ref", "relref":
                    let target = named["path"] ?? positional.first ?? ""
                    if let address = context.address(target) {
                        out += context.baseurl + address
                        report.count("shortcode \(name) → the post's address")
                    } else {
                        report.note(
                            context.document.path, line: sourceLine,
                            "{{< \(name) \"\(target)\" >}} names no imported post; the link is left empty")
                    }
                case "youtube":
                    let id = named["id"] ?? positional.first ?? ""
                    out += "[YouTube video \(named["title"] ?? id)](https://www.youtube.com/watch?v=\(id))"
                    report.count("shortcode youtube → link")
                case "gist", "tweet", "x", "vimeo", "instagram":
                    // Hugo's other embeds: a link to what they showed.
                    guard !closing else { break }
                    if let (text, url) = embedLink(name, named: named, positional: positional) {
                        out += "[\(text)](\(url))"
                        report.count("shortcode \(name) → link")
                    } else {
                        report.note(context.document.path, line: sourceLine, "shortcode \(name) names nothing to link to and was left out")
                    }
                case "hl", "mark":
                    // wowchemy's highlighted words.
                    out += closing ? "</mark>" : "<mark>"
                    if !closing { report.count("shortcode \(name) → <mark>") }
                case "details", "spoiler":
                    // Hugo's collapsible section is HTML quire renders as it is.
                    if closing {
                        out += "\n\n</details>"
                    } else {
                        // wowchemy's spoiler names its summary `text`.
                        let summary = named["summary"] ?? named["text"] ?? "Details"
                        out += "<details><summary>\(HTMLText.escape(summary))</summary>\n\n"
                        report.count("shortcode \(name) → <details>")
                    }
                default:
                    if !closing {
                        report.note(context.document.path, line: sourceLine, "shortcode \(name) has no quire equivalent and was left out")
                    }
                }
            }
        }
        if let math = pendingMath { out += "{{< \(math.name) >}}".escapingDoubleBraces + math.text }
        return out
    }

    /// The link text and address for Hugo's `gist`, `tweet`/`x`, `vimeo` and
    /// `instagram` shortcodes, named or positional as Hugo reads them.
    private static func embedLink(_ name: String, named: [String: String], positional: [String]) -> (String, String)? {
        func argument(_ key: String, _ index: Int) -> String? {
            (named[key] ?? (index < positional.count ? positional[index] : nil)).flatMap { $0.isEmpty ? nil : $0 }
        }
        switch name {
        case "gist":
            guard let user = argument("user", 0), let id = argument("id", 1) else { return nil }
            return ("Gist \(user)/\(id)", "https://gist.github.com/\(user)/\(id)")
        case "tweet", "x":
            // `{{< tweet user="u" id="1" >}}`, or the older `{{< tweet 1 >}}`.
            if positional.count == 1, named.isEmpty { return ("Post \(positional[0]) on X", "https://x.com/i/status/\(positional[0])") }
            guard let user = argument("user", 0), let id = argument("id", 1) else { return nil }
            return ("Post by @\(user) on X", "https://x.com/\(user)/status/\(id)")
        case "vimeo":
            guard let id = argument("id", 0) else { return nil }
            return ("Vimeo video \(named["title"] ?? id)", "https://vimeo.com/\(id)")
        default:
            guard let id = argument("id", 0) else { return nil }
            return ("Instagram post \(id)", "https://www.instagram.com/p/\(id)/")
        }
    }

    private static func figure(_ named: [String: String], context: TranslationContext, line: Int, report: inout ImportReport) -> String {
        guard let source = named["src"] else {
            report.note(context.document.path, line: line, "figure shortcode without src was left out")
            return ""
        }
        let caption = [named["title"], named["caption"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ". ")
        let text = caption.isEmpty ? (named["alt"] ?? "") : caption
        report.count("shortcode figure → image")
        let escaped = text.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(
            of: "\n", with: " ")
        return "![" + escaped + "](" + (source.contains(" ") ? "<" + source + ">" : source) + ")"
    }
}
