#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Spans of the Markdown source that cmark must not read as Markdown: inline
/// values `{{ … }}` and TeX math `$…$`, `$$…$$`. Each is swapped for a token of
/// private-use characters before parsing; inside code the author's text is put
/// back, elsewhere the token becomes the value or the MathML after rendering.
///
/// The scan honours backslash escapes (`\{{`, `\$` stay literal), code spans
/// and fenced code blocks, so `$` and `{{` in code are never touched.
struct ProtectedSpans {
    enum Kind: Equatable {
        case value
        case math(display: Bool)
        /// `[@key]` or a narrative `@key` (CitationSyntax.swift).
        case citation(bracketed: Bool)

        var tokenLetter: Character {
            switch self {
            case .value: "V"
            case .math: "M"
            case .citation: "C"
            }
        }
    }

    struct Span: Equatable {
        var kind: Kind
        var original: String
        /// The text between the delimiters.
        var inner: String
        /// 1-based line and byte column in the Markdown body (of the opening delimiter).
        var line: Int
        var column: Int
        /// Display math's `{#eq-name}`.
        var label: String? = nil
    }

    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    /// Inline values and math, each numbered in its own sequence (the token's number).
    private(set) var values: [Span] = []
    private(set) var math: [Span] = []
    private(set) var citations: [Span] = []
    /// Each citation's keys, prefixes and suffixes.
    private(set) var citationItems: [[CitationMark.Item]] = []
    private(set) var text: String = ""

    /// Pads the line breaks kept inside a token, so no line of it is blank
    /// (a blank line would end the paragraph).
    static let filler: Character = "\u{E002}"

    /// A token; `lineBreaks` newlines inside it keep later line numbers true.
    static func token(_ kind: Character, _ index: Int, lineBreaks: Int = 0) -> String {
        "\(open)\(kind)\(index)\(String(repeating: "\n\(filler)", count: lineBreaks))\(close)"
    }

    init(scanning markdown: String) {
        // Most posts hold neither: no copy, no scan.
        guard Self.mayHoldSpans(markdown) else {
            text = markdown
            return
        }
        var scanner = Scanner(bytes: Array(markdown.utf8))
        scanner.run()
        values = scanner.spans.filter { $0.kind.tokenLetter == "V" }
        math = scanner.spans.filter { $0.kind.tokenLetter == "M" }
        citations = scanner.spans.filter { $0.kind.tokenLetter == "C" }
        citationItems = scanner.citationItems
        text = String(decoding: scanner.output, as: UTF8.self)
    }

    /// Whether `markdown` holds `{`, `$` or `@`, which every span starts with.
    private static func mayHoldSpans(_ markdown: String) -> Bool {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return "{$@".utf8.contains { memchr(base, Int32($0), bytes.count) != nil }
        }
    }

    /// `text` with every token of kind `kind` replaced through `replacement`.
    static func substitute(in text: String, kind: Character, _ replacement: (Int) -> String) -> String {
        guard let letter = kind.asciiValue else { return text }
        return replaceTokens(in: text) { found, number, output in
            guard found == letter else { return false }
            output += replacement(number)
            return true
        }
    }

    /// Whether `text` holds U+E000, which starts every token. By bytes: code
    /// blocks are long, and `String.contains(Character)` walks them grapheme by grapheme.
    static func mayHoldTokens(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var searched = 0
            while searched < bytes.count, let hit = memchr(base + searched, 0xEE, bytes.count - searched) {
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if start + 2 < bytes.count, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 { return true }
                searched = start + 1
            }
            return false
        }
    }

    /// One pass over `text`: for each token, `replace(kind, number, &output)`
    /// appends its replacement and returns true, or returns false to keep the
    /// token; `output` then holds everything before the token.
    ///
    /// Pages are long (highlighted code makes them several times longer) and
    /// this runs more than once per page, so tokens are found with `memchr` and
    /// the text between them is appended as slices of `text`: bytes already
    /// known to be valid UTF-8 are copied, never decoded or checked again.
    static func replaceTokens(in text: String, _ replace: (UInt8, Int, inout String) -> Bool) -> String {
        var text = text
        text.makeContiguousUTF8()
        let source = text
        var output: String?
        var copied = 0
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var searched = 0
            while searched < bytes.count, let hit = memchr(base + searched, 0xEE, bytes.count - searched) {
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                searched = start + 1
                guard let token = Self.token(at: start, in: bytes) else { continue }
                if output == nil {
                    output = ""
                    output!.reserveCapacity(bytes.count + bytes.count / 8)
                }
                output!.append(contentsOf: source.utf8Slice(copied, start))
                copied = start
                if replace(token.kind, token.number, &output!) {
                    copied = token.end
                    searched = token.end
                }
            }
        }
        guard var output else { return source }
        output.append(contentsOf: source.utf8Slice(copied, source.utf8.count))
        return output
    }

    /// The token starting at byte `start` (U+E000 is EE 80 80, U+E001 EE 80 81, U+E002 EE 80 82): its kind, number and end.
    static func token(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (kind: UInt8, number: Int, end: Int)? {
        guard start + 3 < bytes.count, bytes[start] == 0xEE, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 else { return nil }
        let kind = bytes[start + 3]
        var cursor = start + 4
        var number = 0
        var digits = 0
        while cursor < bytes.count, bytes[cursor] >= 48, bytes[cursor] <= 57, digits < 9 {
            number = number * 10 + Int(bytes[cursor] - 48)
            cursor += 1
            digits += 1
        }
        // Line breaks kept inside multi-line tokens: "\n" + U+E002.
        while cursor + 3 < bytes.count, bytes[cursor] == 0x0A, bytes[cursor + 1] == 0xEE, bytes[cursor + 2] == 0x80,
            bytes[cursor + 3] == 0x82
        {
            cursor += 4
        }
        guard digits > 0, cursor + 2 < bytes.count, bytes[cursor] == 0xEE, bytes[cursor + 1] == 0x80, bytes[cursor + 2] == 0x81 else {
            return nil
        }
        return (kind, number, cursor + 3)
    }

    /// Puts the author's original text back (for code, where nothing is evaluated).
    func restore(_ text: String) -> String {
        var result = Self.substitute(in: text, kind: "V") { values.indices.contains($0) ? values[$0].original : "" }
        result = Self.substitute(in: result, kind: "M") { math.indices.contains($0) ? math[$0].original : "" }
        result = Self.substitute(in: result, kind: "C") { citations.indices.contains($0) ? citations[$0].original : "" }
        return result
    }
}

/// The byte-level pass behind `ProtectedSpans`.
struct Scanner {
    let bytes: [UInt8]
    var output: [UInt8] = []
    var spans: [ProtectedSpans.Span] = []
    var index = 0
    var line = 1
    var lineStart = 0
    /// The open code fence's character and length.
    var fence: (character: UInt8, length: Int)?
    var citationItems: [[CitationMark.Item]] = []
    /// Spans recorded so far of each kind (each kind numbers its own tokens).
    var valueCount = 0, mathCount = 0, citationCount = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        output.reserveCapacity(bytes.count)
    }

    static let newline = UInt8(ascii: "\n"), backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`")
    static let tilde = UInt8(ascii: "~"), dollar = UInt8(ascii: "$"), brace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }

    mutating func copy(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            output.append(bytes[index])
            if bytes[index] == Self.newline {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
    }

    mutating func run() {
        while index < bytes.count {
            if index == lineStart, handleFenceLine() { continue }
            let current = bytes[index]
            switch current {
            case Self.backslash:
                copy(byte(index + 1) == Self.newline || byte(index + 1) == nil ? 1 : 2)
            case Self.backtick:
                copyCodeSpan()
            case Self.brace where byte(index + 1) == Self.brace:
                if !protectValue() { copy(2) }
            case Self.dollar:
                if !protectMath() { copy() }
            case UInt8(ascii: "["):
                if !protectBracketedCitation() { copy() }
            case CitationSyntax.at:
                if !protectNarrativeCitation() { copy() }
            default:
                copy()
            }
        }
    }

    /// Copies a fence line, or any line inside a fenced block, untouched.
    mutating func handleFenceLine() -> Bool {
        var cursor = index
        var indent = 0
        while let b = byte(cursor), b == Self.space, indent < 4 {
            cursor += 1
            indent += 1
        }
        var runLength = 0
        let marker = byte(cursor)
        if indent < 4, marker == Self.backtick || marker == Self.tilde {
            while byte(cursor + runLength) == marker { runLength += 1 }
        }
        let lineEnd = bytes[index...].firstIndex(of: Self.newline).map { $0 + 1 } ?? bytes.count
        if let open = fence {
            if runLength >= open.length, marker == open.character,
                bytes[(cursor + runLength)..<lineEnd].allSatisfy({ $0 == Self.space || $0 == Self.tab || $0 == Self.newline || $0 == 13 })
            {
                fence = nil
            }
            copy(lineEnd - index)
            return true
        }
        if runLength >= 3, let marker {
            // A backtick fence's info string may not contain backticks.
            if marker == Self.backtick, bytes[(cursor + runLength)..<lineEnd].contains(Self.backtick) { return false }
            fence = (marker, runLength)
            copy(lineEnd - index)
            return true
        }
        return false
    }

    /// Copies a code span (or a lone backtick run) verbatim.
    mutating func copyCodeSpan() {
        var length = 0
        while byte(index + length) == Self.backtick { length += 1 }
        var cursor = index + length
        while cursor < bytes.count {
            if bytes[cursor] == Self.newline, isBlankLine(after: cursor) { break }
            if bytes[cursor] == Self.backtick {
                var run = 0
                while byte(cursor + run) == Self.backtick { run += 1 }
                if run == length {
                    copy(cursor + run - index)
                    return
                }
                cursor += run
            } else {
                cursor += 1
            }
        }
        copy(length)
    }

    func isBlankLine(after newlineAt: Int) -> Bool {
        var cursor = newlineAt + 1
        while let b = byte(cursor), b == Self.space || b == Self.tab || b == 13 { cursor += 1 }
        return byte(cursor) == Self.newline || byte(cursor) == nil
    }

    /// `{{ … }}` on one line.
    mutating func protectValue() -> Bool {
        var cursor = index + 2
        while cursor + 1 < bytes.count, bytes[cursor] != Self.newline {
            if bytes[cursor] == Self.closeBrace, bytes[cursor + 1] == Self.closeBrace {
                record(.value, from: index, innerStart: index + 2, innerEnd: cursor, end: cursor + 2)
                return true
            }
            cursor += 1
        }
        return false
    }

    /// `$$ … $$` (may span lines, not a blank one) or `$…$` on one line, with
    /// pandoc's rules so prices ("$5 and $10") stay text.
    mutating func protectMath() -> Bool {
        if byte(index + 1) == Self.dollar {
            var cursor = index + 2
            while cursor + 1 < bytes.count {
                if bytes[cursor] == Self.newline, isBlankLine(after: cursor) { return false }
                // Math never holds a backtick: one means a code span starts.
                if bytes[cursor] == Self.backtick { return false }
                if bytes[cursor] == Self.backslash {
                    cursor += 2
                    continue
                }
                if bytes[cursor] == Self.dollar, bytes[cursor + 1] == Self.dollar {
                    guard cursor > index + 2 else { return false }
                    let label = equationLabel(after: cursor + 2)
                    record(.math(display: true), from: index, innerStart: index + 2, innerEnd: cursor, end: label?.end ?? cursor + 2)
                    spans[spans.count - 1].label = label?.label
                    return true
                }
                cursor += 1
            }
            return false
        }
        guard let first = byte(index + 1), !isSpace(first), first != Self.dollar else { return false }
        var cursor = index + 1
        while cursor < bytes.count, bytes[cursor] != Self.newline, bytes[cursor] != Self.backtick {
            if bytes[cursor] == Self.backslash {
                cursor += 2
                continue
            }
            if bytes[cursor] == Self.dollar {
                let before = bytes[cursor - 1]
                let after = byte(cursor + 1)
                if !isSpace(before), !(after.map { $0 >= 48 && $0 <= 57 } ?? false) {
                    record(.math(display: false), from: index, innerStart: index + 1, innerEnd: cursor, end: cursor + 1)
                    return true
                }
                return false
            }
            cursor += 1
        }
        return false
    }

    func isSpace(_ b: UInt8) -> Bool { b == Self.space || b == Self.tab || b == Self.newline || b == 13 }

    mutating func record(_ kind: ProtectedSpans.Kind, from start: Int, innerStart: Int, innerEnd: Int, end: Int) {
        let original = String(decoding: bytes[start..<end], as: UTF8.self)
        let lineBreaks = bytes[start..<end].filter { $0 == Self.newline }.count
        spans.append(
            ProtectedSpans.Span(
                kind: kind, original: original, inner: String(decoding: bytes[innerStart..<innerEnd], as: UTF8.self),
                line: line, column: start - lineStart + 1))
        // Counted as they come, not by filtering `spans`, so a post with
        // n values costs O(n) here.
        let number: Int
        switch kind {
        case .value:
            number = valueCount
            valueCount += 1
        case .math:
            number = mathCount
            mathCount += 1
        case .citation:
            number = citationCount
            citationCount += 1
        }
        output += Array(ProtectedSpans.token(kind.tokenLetter, number, lineBreaks: lineBreaks).utf8)
        for _ in 0..<lineBreaks { line += 1 }
        if lineBreaks > 0, let lastNewline = bytes[start..<end].lastIndex(of: Self.newline) { lineStart = lastNewline + 1 }
        index = end
    }
}

extension String {
    /// Drops the last `count` UTF-8 bytes, which the caller knows end whole characters (ASCII markup).
    mutating func removeLastUTF8(_ count: Int) {
        removeSubrange(utf8.index(utf8.endIndex, offsetBy: -count)...)
    }
}
