import QuireDiagnostics

/// Pandoc's citation syntax, as far as Markdown is concerned: `[@a]`,
/// `[see @a, p. 4; -@b]` and narrative `@a` (`@a [p. 4]`). Keys that name a
/// label (`@fig-loss`, `@tbl-…`, `@eq-…`, `@sec-…`) are cross-references.
public struct CitationMark: Sendable, Equatable {
    package struct Item: Sendable, Equatable {
        public var key: String
        public var prefix: String
        /// The text after the key, as written (", p. 4").
        public var suffix: String
        /// `-@key`: the year only.
        public var suppressAuthor: Bool
    }

    /// Empty when the mark sat in code (shown as written, never resolved).
    package var items: [Item]
    /// `[…]`; false for a narrative `@key` in running text.
    package var bracketed: Bool
    /// The author's text, shown unchanged when a narrative key names nothing.
    var original: String
    public var location: SourceLocation
}

enum CitationSyntax {
    static let at = UInt8(ascii: "@")

    static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "_") || byte >= 128
    }

    /// Punctuation a key may hold inside, never at its end (Pandoc's rule).
    static func isInnerPunctuation(_ byte: UInt8) -> Bool {
        ":.#$%&-+?<>~/".utf8.contains(byte)
    }

    /// The length of the key starting at `start` (just after "@"), 0 if none.
    static func keyLength(in bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        guard start < bytes.endIndex, isKeyStart(bytes[start]) else { return 0 }
        var end = start + 1
        while end < bytes.endIndex {
            if isKeyStart(bytes[end]) {
                end += 1
                continue
            }
            if isInnerPunctuation(bytes[end]), end + 1 < bytes.endIndex, isKeyStart(bytes[end + 1]) {
                end += 2
                continue
            }
            break
        }
        return end - start
    }

    /// A byte before "@" that makes it part of a word, address or path rather than a citation.
    static func joinsWord(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || "/:.@=+&%?#\\-".utf8.contains(byte)
    }

    /// The items of a bracketed citation's inner text, or nil if some part has no key.
    static func items(inBrackets inner: String) -> [CitationMark.Item]? {
        var items: [CitationMark.Item] = []
        for part in inner.split(separator: ";", omittingEmptySubsequences: false) {
            let bytes = Array(part.utf8)[...]
            var found: CitationMark.Item?
            for index in bytes.indices where bytes[index] == at {
                let before: UInt8? = index > bytes.startIndex ? bytes[index - 1] : nil
                let suppress = before == UInt8(ascii: "-")
                let beforeKey: UInt8? = suppress ? (index - 1 > bytes.startIndex ? bytes[index - 2] : nil) : before
                guard
                    beforeKey == nil || beforeKey == UInt8(ascii: " ") || beforeKey == UInt8(ascii: "\n") || beforeKey == UInt8(ascii: "\t")
                else { continue }
                let length = keyLength(in: bytes, from: index + 1)
                guard length > 0 else { continue }
                let prefixEnd = suppress ? index - 1 : index
                found = CitationMark.Item(
                    key: String(decoding: bytes[(index + 1)..<(index + 1 + length)], as: UTF8.self),
                    prefix: collapse(String(decoding: bytes[..<prefixEnd], as: UTF8.self)),
                    suffix: collapse(String(decoding: bytes[(index + 1 + length)...], as: UTF8.self)),
                    suppressAuthor: suppress)
                break
            }
            guard let found else { return nil }
            items.append(found)
        }
        return items.isEmpty ? nil : items
    }

    /// White space (line breaks included) as single spaces, trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == ProtectedSpans.filler }).joined(
            separator: " ")
    }

    /// The numbers of the citation tokens in `text`.
    static func citationNumbers(in text: String) -> Set<Int> {
        var numbers: Set<Int> = []
        _ = ProtectedSpans.replaceTokens(in: text) { kind, number, _ in
            if kind == UInt8(ascii: "C") { numbers.insert(number) }
            return false
        }
        return numbers
    }

    /// `{#eq-name}` and the like: a label's characters.
    static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }
}

extension Scanner {
    /// `[…@key…]` that is not a link, image or footnote: a citation token.
    mutating func protectBracketedCitation() -> Bool {
        if index > 0, bytes[index - 1] == UInt8(ascii: "!") || bytes[index - 1] == UInt8(ascii: "]") { return false }
        guard byte(index + 1) != UInt8(ascii: "^") else { return false }
        var cursor = index + 1
        var sawAt = false
        while cursor < bytes.count {
            let current = bytes[cursor]
            if current == Self.newline, isBlankLine(after: cursor) { return false }
            if current == UInt8(ascii: "[") || current == Self.backtick || current == Self.dollar { return false }
            if current == CitationSyntax.at { sawAt = true }
            if current == UInt8(ascii: "]") { break }
            cursor += 1
        }
        guard sawAt, cursor < bytes.count else { return false }
        // `[@x](url)`, `[@x][ref]` and `[@x]: url` are links.
        if let after = byte(cursor + 1), after == UInt8(ascii: "(") || after == UInt8(ascii: "[") || after == UInt8(ascii: ":") {
            return false
        }
        let inner = String(decoding: bytes[(index + 1)..<cursor], as: UTF8.self)
        guard let items = CitationSyntax.items(inBrackets: inner) else { return false }
        record(.citation(bracketed: true), from: index, innerStart: index + 1, innerEnd: cursor, end: cursor + 1)
        citationItems.append(items)
        return true
    }

    /// `@key` in running text (not in an address or a path), with an optional `[locator]` after it.
    mutating func protectNarrativeCitation() -> Bool {
        // After "[" it is a link's text or reference label (a citation's bracket would have matched).
        if index > 0, CitationSyntax.joinsWord(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "[") { return false }
        let length = CitationSyntax.keyLength(in: bytes[...], from: index + 1)
        guard length > 0 else { return false }
        let keyEnd = index + 1 + length
        var end = keyEnd
        var suffix = ""
        // `@key [p. 4]`: a locator in brackets right after the key.
        if byte(keyEnd) == Self.space, byte(keyEnd + 1) == UInt8(ascii: "["),
            let close = bytes[(keyEnd + 2)...].prefix(200).firstIndex(where: {
                $0 == UInt8(ascii: "]") || $0 == Self.newline || $0 == CitationSyntax.at || $0 == UInt8(ascii: "[")
            }),
            bytes[close] == UInt8(ascii: "]"), byte(close + 1) != UInt8(ascii: "("), byte(close + 1) != UInt8(ascii: "[")
        {
            suffix = CitationSyntax.collapse(String(decoding: bytes[(keyEnd + 2)..<close], as: UTF8.self))
            end = close + 1
        }
        let key = String(decoding: bytes[(index + 1)..<keyEnd], as: UTF8.self)
        record(.citation(bracketed: false), from: index, innerStart: index + 1, innerEnd: keyEnd, end: end)
        citationItems.append([CitationMark.Item(key: key, prefix: "", suffix: suffix, suppressAuthor: false)])
        return true
    }

    /// ` {#eq-name}` right after display math's closing `$$`: the label and where it ends.
    func equationLabel(after end: Int) -> (label: String, end: Int)? {
        var cursor = end
        while byte(cursor) == Self.space || byte(cursor) == Self.tab { cursor += 1 }
        guard byte(cursor) == UInt8(ascii: "{"), byte(cursor + 1) == UInt8(ascii: "#") else { return nil }
        let start = cursor + 2
        var stop = start
        while let b = byte(stop), CitationSyntax.isLabelByte(b) { stop += 1 }
        guard byte(stop) == UInt8(ascii: "}"), stop > start else { return nil }
        let label = String(decoding: bytes[start..<stop], as: UTF8.self)
        guard label.hasPrefix("eq-"), label.count > 3 else { return nil }
        return (label, stop + 1)
    }
}
