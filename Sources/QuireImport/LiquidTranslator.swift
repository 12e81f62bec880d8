import Foundation

/// What a body translation needs to know about the site around the post.
struct TranslationContext {
    var document: SourceDocument
    /// `/lil-log/` or `/`.
    var basePath: String
    /// `https://example.github.io`, no path.
    var origin: String
    var siteTitle: String
    var dollarMath: Bool
    /// Hugo without math passthrough: Markdown escapes inside `$…$` were resolved before TeX.
    var markdownEscapesInMath = false
    /// A post named as `post_url`, `link` or `ref` do → its site path (without the base path).
    var address: (String) -> String?
    /// An include's text, when it is plain HTML (no Liquid of its own).
    var include: (String) -> String? = { _ in nil }

    /// `/lil-log`, or "" for a site at the root: what `{{ site.baseurl }}` gave.
    var baseurl: String { basePath == "/" ? "" : String(basePath.dropLast()) }

    func line(_ bodyLine: Int) -> Int { document.bodyLine + bodyLine - 1 }
}

/// Jekyll's Liquid and kramdown extensions → quire Markdown.
enum LiquidTranslator {
    static func translate(_ body: String, context: TranslationContext, report: inout ImportReport) -> String {
        let blocks = BodyFinishing.closingBlankLinesInDisplayMath(translateBlocks(body, context: context, report: &report), report: &report)
        let parts = MarkdownSegments(blocks, dollarMath: context.dollarMath).segments
        var inRaw = false
        var out: [Segment] = []
        for (segment, line) in parts {
            switch segment {
            case .code(let text) where text.hasPrefix("<!--"):
                out.append(.code(BodyFinishing.escapingBraces(text, inComment: true, report: &report)))
            case .code(let text):
                out.append(.code(removingRawTags(text, inRaw: &inRaw, report: &report)))
            case .math(let inner, let dollars, let display):
                // kramdown keeps its own `$$` math raw, but `$…$` was prose to it, its
                // backslash escapes resolved before the browser's MathJax read it.
                out.append(
                    BodyFinishing.math(
                        inner: inner, dollars: dollars, display: display, kramdown: true, markdownEscapes: dollars == 1,
                        report: &report))
            case .prose(let text):
                out.append(.prose(translateProse(text, line: line, context: context, inRaw: &inRaw, report: &report)))
            }
        }
        return MarkdownSegments.join(out)
    }

    // MARK: Blocks: highlight, comment, kramdown lines

    static func translateBlocks(_ body: String, context: TranslationContext, report: inout ImportReport) -> String {
        var out: [String] = []
        var fence: (character: Character, length: Int)?
        var highlighting = false
        var commenting = false
        for (index, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = String(line.prefix { $0 == " " || $0 == "\t" })
            if let open = fence {
                out.append(line)
                if MarkdownSegments.closes(raw, fence: open) { fence = nil }
                continue
            }
            if commenting {
                if let end = line.range(of: "endcomment"), let close = line[end.upperBound...].range(of: "%}") {
                    commenting = false
                    out.append(String(line[close.upperBound...]))
                } else {
                    out.append("")
                }
                continue
            }
            if highlighting {
                if let end = tagRange("endhighlight", in: line) {
                    highlighting = false
                    let before = line[..<end.lowerBound]
                    if !before.trimmingCharacters(in: .whitespaces).isEmpty { out.append(String(before)) }
                    out.append(indent + "```")
                } else {
                    out.append(line)
                }
                continue
            }
            if let open = MarkdownSegments.fenceOpening(raw) {
                fence = open
                out.append(line)
                continue
            }
            if let start = tagRange("highlight", in: line), line[..<start.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty {
                let words = TemplateTags.words(
                    String(line[start].dropFirst(2).dropLast(2)).trimmingCharacters(in: CharacterSet(charactersIn: "- ")))
                let language = words.count > 1 ? words[1] : ""
                out.append(indent + "```" + language)
                report.count("{% highlight %} → fenced code")
                let rest = line[start.upperBound...]
                if let end = tagRange("endhighlight", in: String(rest)) {
                    let code = String(rest)[..<end.lowerBound]
                    if !code.trimmingCharacters(in: .whitespaces).isEmpty { out.append(indent + code) }
                    out.append(indent + "```")
                } else {
                    if !rest.trimmingCharacters(in: .whitespaces).isEmpty { out.append(indent + rest) }
                    highlighting = true
                }
                continue
            }
            if let start = tagRange("comment", in: line), line[..<start.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty {
                report.count("{% comment %} removed")
                let rest = String(line[start.upperBound...])
                if let end = rest.range(of: "endcomment"), let close = rest[end.upperBound...].range(of: "%}") {
                    out.append(String(rest[close.upperBound...]))
                } else {
                    commenting = true
                    out.append("")
                }
                continue
            }
            if trimmed.hasPrefix("{:"), trimmed.hasSuffix("}"), !trimmed.dropFirst(2).contains("{") {
                if trimmed.replacingOccurrences(of: " ", with: "") == "{:toc}" {
                    report.count("kramdown {:toc} removed (quire makes its own table of contents)")
                    // kramdown's idiom: a one-item list "* TOC" just above.
                    if let previous = out.indices.last(where: { !out[$0].trimmingCharacters(in: .whitespaces).isEmpty }),
                        out[previous].range(of: #"^\s*([*+-]|1\.)\s+\S"#, options: .regularExpression) != nil, out[previous].count < 60,
                        out[previous].lowercased().contains("toc") || out[previous].lowercased().contains("content")
                    {
                        out[previous] = ""
                    }
                } else if trimmed.hasPrefix("{::") {
                    report.count("kramdown {::…} extension removed")
                } else if let kind = Self.noticeKind(trimmed),
                    let last = out.indices.last, !out[last].trimmingCharacters(in: .whitespaces).isEmpty,
                    let first = out[...last].lastIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }).map({ $0 + 1 })
                        ?? .some(0),
                    // A code block's tail is not quoted on its own.
                    !out[first...].contains(where: { MarkdownSegments.fenceOpening(Substring($0)) != nil })
                {
                    // A theme's notice box on the paragraph above (minimal-mistakes'
                    // `{: .notice--warning}`): a GitHub alert, its marker taking this line's place.
                    let quoted = out[first...].map { "> " + $0 }
                    out.replaceSubrange(first..., with: ["> [!\(kind)]"] + quoted)
                    report.count("kramdown notice {: .notice…} → a GitHub alert")
                    continue
                } else {
                    report.count("kramdown attribute list {: …} removed")
                }
                out.append("")
                continue
            }
            _ = index
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    /// The GitHub alert for a block attribute list naming a theme's notice
    /// class (`.notice--info`, Bootstrap's `.alert-warning`); nil for any other.
    static func noticeKind(_ attributes: String) -> String? {
        guard let match = attributes.range(of: #"\.(notice(--[a-z]+)?|alert-[a-z]+)"#, options: .regularExpression) else { return nil }
        let name = attributes[match].split(whereSeparator: { $0 == "-" || $0 == "." }).last.map(String.init) ?? ""
        switch name {
        case "warning": return "WARNING"
        case "danger", "error": return "CAUTION"
        case "success": return "TIP"
        case "important": return "IMPORTANT"
        default: return "NOTE"
        }
    }

    /// The range of `{% name … %}` (or `{%- name -%}`) in `line`.
    static func tagRange(_ name: String, in line: String) -> Range<String.Index>? {
        var rest = line[...]
        while let open = rest.range(of: "{%") {
            guard let close = rest[open.upperBound...].range(of: "%}") else { return nil }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "- \t"))
            if inner == name || inner.hasPrefix(name + " ") { return open.lowerBound..<close.upperBound }
            rest = rest[close.upperBound...]
        }
        return nil
    }

    static func removingRawTags(_ code: String, inRaw: inout Bool, report: inout ImportReport) -> String {
        guard code.contains("{%") else { return code }
        var text = code
        for name in ["raw", "endraw"] {
            while let range = tagRange(name, in: text) {
                text.removeSubrange(range)
                inRaw = name == "raw"
                report.count("{% raw %} tags removed")
            }
        }
        return text
    }

    // MARK: Prose

    static func translateProse(_ text: String, line: Int, context: TranslationContext, inRaw: inout Bool, report: inout ImportReport)
        -> String
    {
        var out = ""
        for piece in TemplateTags.scan(text, hugo: false) {
            switch piece {
            case .plain(let plain):
                let kept =
                    inRaw
                    ? plain.escapingDoubleBraces.replacingOccurrences(of: "{%", with: "{\\%")
                    : BodyFinishing.escapingBraces(kramdownSpans(plain, report: &report), report: &report)
                out += context.dollarMath ? kept : BodyFinishing.escapingDollars(kept, report: &report)
            case .tag(let tag):
                let sourceLine = context.line(line + tag.lineOffset)
                if inRaw {
                    if tag.opener == "{%", tag.inner == "endraw" {
                        inRaw = false
                        report.count("{% raw %} tags removed")
                        continue
                    }
                    out += tag.opener == "{%" ? "{\\%" + tag.text.dropFirst(2) : "\\" + tag.text
                    continue
                }
                if tag.opener == "{{" {
                    if let value = evaluate(tag.inner, context: context) {
                        out += value
                        report.count("Liquid {{ \(kind(of: tag.inner)) }} translated")
                    } else {
                        out += tag.text.escapingDoubleBraces
                        report.note(
                            context.document.path, line: sourceLine, "Liquid output \(tag.text) is not translated; kept as text (\\{{)")
                    }
                    continue
                }
                out += translateTag(tag, line: sourceLine, context: context, before: out, inRaw: &inRaw, report: &report)
            }
        }
        return out
    }

    private static func kind(of expression: String) -> String {
        let words = expression.split(separator: "|").map {
            $0.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        if words.count > 1 { return "… | " + words.dropFirst().joined(separator: " | ") }
        return words.first.map { $0.hasPrefix("'") || $0.hasPrefix("\"") ? "'…'" : $0 } ?? ""
    }

    private static func translateTag(
        _ tag: TemplateTag, line: Int, context: TranslationContext, before: String, inRaw: inout Bool,
        report: inout ImportReport
    ) -> String {
        let words = TemplateTags.words(tag.inner)
        let name = words.first ?? ""
        switch name {
        case "raw":
            inRaw = true
            report.count("{% raw %} tags removed")
            return ""
        case "endraw":
            return ""
        case "post_url", "link":
            let target = words.dropFirst().joined(separator: " ")
            guard let address = context.address(target) else {
                report.note(context.document.path, line: line, "{% \(name) \(target) %} names no imported post; the link is left empty")
                return ""
            }
            report.count("{% \(name) %} → the post's address")
            // `{{ site.baseurl }}{% post_url … %}` (Jekyll 3) already has the base
            // path; `{{ "" | relative_url }}` has it with a `/`, which servers merge with the address's.
            if !context.baseurl.isEmpty, before.hasSuffix(context.baseurl + "/") { return String(address.dropFirst()) }
            return before.hasSuffix(context.baseurl) && !context.baseurl.isEmpty ? address : context.baseurl + address
        case "include":
            let file = words.count > 1 ? words[1] : ""
            if let html = context.include(file) {
                report.count("{% include %} of plain HTML inlined")
                return html
            }
            report.note(context.document.path, line: line, "{% include \(file) %} is not plain HTML and was left out")
            return ""
        case "comment", "endcomment":
            report.count("{% comment %} removed")
            return ""
        default:
            report.note(context.document.path, line: line, "Liquid tag {% \(name) %} has no quire equivalent and was left out")
            return ""
        }
    }

    /// `{{ site.baseurl }}`, `{{ '/x.png' | relative_url }}`, `{{ "x" | prepend: site.baseurl }}` … → their text; nil when unknown.
    static func evaluate(_ expression: String, context: TranslationContext) -> String? {
        let stages = expression.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard var value = operand(stages[0], context: context) else { return nil }
        for filter in stages.dropFirst() {
            let parts = filter.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let argument = parts.count > 1 ? operand(parts[1], context: context) : nil
            switch parts[0] {
            case "relative_url": value = relative(value, context: context)
            case "absolute_url": value = context.origin + relative(value, context: context)
            case "prepend":
                guard let argument else { return nil }
                value = argument + value
            case "append":
                guard let argument else { return nil }
                value += argument
            case "escape", "uri_escape", "url_encode", "strip", "xml_escape": break
            default: return nil
            }
        }
        return value
    }

    private static func relative(_ path: String, context: TranslationContext) -> String {
        guard !path.contains("://") else { return path }
        return context.baseurl + (path.hasPrefix("/") ? path : "/" + path)
    }

    private static func operand(_ text: String, context: TranslationContext) -> String? {
        if text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        switch text {
        case "site.baseurl", "site.base_url", "site.baseUrl": return context.baseurl
        case "site.url": return context.origin
        case "site.github.url": return context.origin + context.baseurl
        case "site.title", "site.name": return context.siteTitle
        case "page.title": return context.document.title
        case "page.url": return context.baseurl + context.document.oldURL
        default: return nil
        }
    }

    /// kramdown's span extensions in prose: `{: …}` after an element, `{::…}` tags.
    static func kramdownSpans(_ text: String, report: inout ImportReport) -> String {
        guard text.contains("{:") else { return text }
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "{:") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}"), !rest[open.upperBound..<close].contains("\n") else {
                out += rest[..<open.upperBound]
                rest = rest[open.upperBound...]
                continue
            }
            out += rest[..<open.lowerBound]
            let inner = rest[open.upperBound..<close]
            report.count(
                inner.hasPrefix(":") || inner.hasPrefix("/") ? "kramdown {::…} extension removed" : "kramdown attribute list {: …} removed")
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
