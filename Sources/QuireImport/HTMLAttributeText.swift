/// An attribute of raw HTML in an imported post, read as browsers read it:
/// `name="value"` or `name='value'`, the name in any case, spaces or tabs
/// around the `=`. The importer's one reader of attribute values: it finds a
/// frame's or image's `src`, a notice's `class`, an `href` to unlink and a
/// target to rewrite in place, so it gives ranges in the text being changed.
/// (QuireFeeds' `HTMLAttributeScanner` reads whole built pages as bytes.)
enum HTMLAttributeText {
    struct Found<Index: Comparable> {
        /// Between the quotes.
        var quoted: Range<Index>
        /// The same without the white space around it, which browsers drop from a URL.
        var value: Range<Index>
        /// Just past the closing quote.
        var end: Index
    }

    /// The value of the first attribute `name` in the opening tag that
    /// `element` starts with (it may span lines).
    static func value(of name: String, inTag element: String) -> String? {
        let tag = element.prefix { $0 != ">" }
        var index = tag.startIndex
        while index < tag.endIndex {
            if let found = attribute(name, in: tag, at: index, acrossLines: true) { return String(tag[found.value]) }
            tag.formIndex(after: &index)
        }
        return nil
    }

    /// The attribute `name` (lowercase) when its name starts at `index`,
    /// after white space, and a quoted value follows.
    static func attribute<Text: BidirectionalCollection>(
        _ name: String, in text: Text, at index: Text.Index, acrossLines: Bool = false
    ) -> Found<Text.Index>? where Text.Element == Character {
        guard index > text.startIndex, text[text.index(before: index)].isWhitespace else { return nil }
        var cursor = index
        for wanted in name {
            guard cursor < text.endIndex, text[cursor].lowercased().first == wanted else { return nil }
            text.formIndex(after: &cursor)
        }
        return value(in: text, afterName: cursor, acrossLines: acrossLines)
    }

    /// `= "value"` from `nameEnd`, where an attribute's name ends. Outside
    /// a tag already cut out (`acrossLines` false) a value ends on its line,
    /// so that a stray quote in prose does not run on through the post.
    static func value<Text: BidirectionalCollection>(
        in text: Text, afterName nameEnd: Text.Index, acrossLines: Bool = false
    ) -> Found<Text.Index>? where Text.Element == Character {
        var cursor = pastBlanks(in: text, from: nameEnd)
        guard cursor < text.endIndex, text[cursor] == "=" else { return nil }
        cursor = pastBlanks(in: text, from: text.index(after: cursor))
        guard cursor < text.endIndex, text[cursor] == "\"" || text[cursor] == "'" else { return nil }
        let quote = text[cursor]
        let start = text.index(after: cursor)
        guard let close = text[start...].firstIndex(where: { $0 == quote || (!acrossLines && $0 == "\n") }), text[close] == quote
        else { return nil }
        var lower = start
        var upper = close
        while lower < upper, text[lower].isWhitespace { text.formIndex(after: &lower) }
        while upper > lower, text[text.index(before: upper)].isWhitespace { text.formIndex(before: &upper) }
        return Found(quoted: start..<close, value: lower..<upper, end: text.index(after: close))
    }

    private static func pastBlanks<Text: BidirectionalCollection>(in text: Text, from start: Text.Index) -> Text.Index
    where Text.Element == Character {
        var cursor = start
        while cursor < text.endIndex, text[cursor] == " " || text[cursor] == "\t" { text.formIndex(after: &cursor) }
        return cursor
    }
}
