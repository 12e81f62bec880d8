/// A theme's templates with the site's text values written in, for pages.
///
/// Every `{{site.title}}`, `{{site.root}}`, … of a page costs swift-mustache
/// a lookup (a split of the name, a dozen dynamic casts) that gives the same
/// text on every page of a build: a third of a post page's lookups in the
/// built-in theme. So, once per build, each such tag is replaced in the
/// template's source by the text it renders to, and pages are rendered from
/// templates parsed from that source.
///
/// This gives the same bytes because only a page answers `site` (no other
/// context has that key; `SiteValuesWrittenInTests` holds them to it), so
/// `site.KEY` means the same value at any depth of a page's context stack.
/// A tag is replaced only where the replacement cannot change how the rest
/// of the template parses or renders:
/// - the value is text, not empty, starts with neither space nor tab, holds
///   no line break and no brace, and joins no character around it into one
///   (a tag alone on its line is dropped with its line; indentation is added
///   per line; `{` starts a tag);
/// - the template does not change its delimiters (`{{=`), so every tag is
///   found, and no template changes its escaping (`{{%`), so `{{name}}`
///   escapes as `FastHTMLEscaping` everywhere.
/// Anything else stays a tag and is looked up as before.
enum SiteValuesWrittenIn {
    /// `source` (the author's text, without `Theme.preamble`) with each
    /// replaceable `{{site.KEY}}`, `{{&site.KEY}}` and `{{{site.KEY}}}` as
    /// the text it renders to. A template that sets its delimiters is left as
    /// it is; nil when it sets (or may set) its escaping, which reaches the
    /// blocks it renders from other templates.
    static func apply(to source: String, site: SiteContext) -> String? {
        let characters = Array(source)
        // Where each character starts in `source` (and its end), so the text
        // between tags is copied as one slice of it, not character by character.
        let starts = Array(source.indices) + [source.endIndex]
        var written = ""
        var copiedUpTo = 0
        var index = 0
        while let open = firstPair(of: "{", in: characters, from: index) {
            var nameStart = open + 2
            guard nameStart < characters.count else { break }
            let kind = characters[nameStart]
            if kind == "%" { return nil }
            if kind == "=" { return setsEscapingAfter(delimitersAt: nameStart + 1, in: characters) ? nil : source }
            let unescaped = kind == "{" || kind == "&"
            if unescaped { nameStart += 1 }
            // Names hold no brace, so every tag, comments too, ends at the first `}}`.
            guard var close = firstPair(of: "}", in: characters, from: nameStart) else { break }
            let end = close + (kind == "{" ? 3 : 2)
            index = end
            guard !"!#^/><$".contains(kind), end <= characters.count, kind != "{" || characters[close + 2] == "}" else { continue }
            while close > nameStart, characters[close - 1].isWhitespace { close -= 1 }
            while nameStart < close, characters[nameStart].isWhitespace { nameStart += 1 }
            guard let text = textValue(named: String(characters[nameStart..<close]), in: site) else { continue }
            let rendered = unescaped ? text : FastHTMLEscaping().escapeText(text)
            guard isInert(rendered) else { continue }
            written += source[starts[copiedUpTo]..<starts[open]]
            written += rendered
            copiedUpTo = end
        }
        guard copiedUpTo > 0 else { return source }
        return written + source[starts[copiedUpTo]...]
    }

    /// What `site.KEY` is when it is text (absent and other values stay tags).
    static func textValue(named name: String, in site: SiteContext) -> String? {
        guard name.hasPrefix("site.") else { return nil }
        let key = name.dropFirst("site.".count)
        guard !key.isEmpty, !key.contains("."), !key.contains("(") else { return nil }
        guard case .text(let text) = site.value(named: String(key)) else { return nil }
        return text
    }

    /// Whether `text` in place of a tag leaves the template's lines, tags and
    /// characters as they were.
    static func isInert(_ text: String) -> Bool {
        guard let first = text.first, first != " ", first != "\t" else { return false }
        return !text.contains(where: \.isNewline) && !text.unicodeScalars.contains { $0 == "{" || $0 == "}" }
            && ("}" + text + "{").count == text.count + 2
    }

    /// Tags after new delimiters are not written in, but one of them may set
    /// the escaping (`<%%`), or set other delimiters, after which nothing is known.
    private static func setsEscapingAfter(delimitersAt start: Int, in characters: [Character]) -> Bool {
        let rest = characters[start...].drop { $0.isWhitespace }
        let opening = String(rest.prefix { !$0.isWhitespace })
        let after = String(rest.dropFirst(opening.count))
        return opening.isEmpty || after.contains(opening + "%") || after.contains(opening + "=")
    }

    /// Where the next `{{` (or `}}`) starts, read as swift-mustache reads (by characters).
    private static func firstPair(of brace: Character, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + 1 < characters.count {
            if characters[index] == brace, characters[index + 1] == brace { return index }
            index += 1
        }
        return nil
    }
}
