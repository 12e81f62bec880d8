#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one reader of attribute values in HTML: the link checker reads links
/// and ids with it, the feed link rewriter replaces values through it.
///
/// It follows the HTML tokenizer far enough to know what is a tag: comments,
/// doctypes, CDATA sections and processing instructions are skipped whole,
/// the contents of raw-text elements (`script`, `style`, `textarea`, …) are
/// never read as tags, and `>` inside a quoted attribute value does not end the
/// tag. Values may be double-quoted, single-quoted or unquoted, with white
/// space around `=`. Text that merely looks like markup — `&lt;a href="x"&gt;`
/// inside `<code>` — is text, so it is never read.
///
/// Linear in the input: the scan only moves forward, each skip (`indexAfter`,
/// `startOfEndTag`) resumes where the last one stopped and compares a bounded
/// needle at each `<` or terminator start, so every byte is read a constant
/// number of times; the searches for `<` and quotes, most of a page, use
/// `memchr`. All tests are on UTF-8 bytes, never Characters, since a
/// delimiter followed by a combining mark is one Character but still a
/// delimiter to a browser.
package struct HTMLAttributeScanner {
    /// An attribute of a start tag: where its name and its value (as written,
    /// entities undecoded, without quotes) are in the scanned bytes.
    package struct Attribute {
        package var name: Range<Int>
        package var value: Range<Int>
        package var isQuoted: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// `bytes`' first byte (never dereferenced when `bytes` is empty): the
    /// loops below read through it, as they run once per byte of every page.
    private let base: UnsafePointer<UInt8>
    private let spanTags: SpanTags

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.spanTags = SpanTags()
    }

    /// `</span>` and `<span class="`, as 8-byte words loaded from memory like
    /// the page's bytes, so the comparison holds on any byte order.
    private struct SpanTags {
        let end = Self.word("</span>\0")
        let startWithClass = Self.word("<span cl")
        let restOfClass = Self.word("ass=\"\0\0\0")

        private static func word(_ bytes: StaticString) -> UInt64 {
            UnsafeRawPointer(bytes.utf8Start).loadUnaligned(as: UInt64.self)
        }
    }

    /// Bytes 0-6 and 0-4 of a word as loaded from memory, on either byte order.
    private static let firstSevenBytes: UInt64 = UInt64(littleEndian: 0x00FF_FFFF_FFFF_FFFF)
    private static let firstFiveBytes: UInt64 = UInt64(littleEndian: 0x0000_00FF_FFFF_FFFF)

    /// Sets of bytes that end something inside a tag. All of them are below
    /// 64, so a set is a 64-bit mask and a test is a shift, not up to five
    /// comparisons per byte.
    private enum ByteClass {
        /// Space, tab, line feed, form feed, carriage return.
        static let whitespace: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D
        /// The end of a tag name.
        static let endsName: UInt64 = whitespaceOrSlash | 1 << 0x3E  // ">"
        /// The end of an attribute name.
        static let endsAttributeName: UInt64 = endsName | 1 << 0x3D  // "="
        /// What may separate attributes.
        static let whitespaceOrSlash: UInt64 = whitespace | 1 << 0x2F
        /// The end of an unquoted value.
        static let endsUnquotedValue: UInt64 = whitespace | 1 << 0x3E

        @inline(__always)
        static func contains(_ byteClass: UInt64, _ byte: UInt8) -> Bool {
            byte < 64 && byteClass >> byte & 1 != 0
        }
    }

    /// The first index from `start` on whose byte is in `byteClass`, or `bytes.count`.
    @inline(__always)
    private func firstIndex(in byteClass: UInt64, from start: Int) -> Int {
        var index = start
        while index < bytes.count, !ByteClass.contains(byteClass, base[index]) { index += 1 }
        return index
    }

    /// The first index from `start` on whose byte is not white space, or `bytes.count`.
    @inline(__always)
    private func indexPastWhitespace(from start: Int) -> Int {
        var index = start
        while index < bytes.count, ByteClass.contains(ByteClass.whitespace, base[index]) { index += 1 }
        return index
    }

    /// Calls `visit` with every attribute that has a value, of every start tag
    /// in `html`, in document order.
    package static func forEachAttribute(in html: UnsafeBufferPointer<UInt8>, _ visit: (Attribute) -> Void) {
        HTMLAttributeScanner(html).scanDocument(visit)
    }

    /// Whether the bytes at `range` spell `lowercaseName` in any ASCII case.
    package static func bytes(_ range: Range<Int>, in html: UnsafeBufferPointer<UInt8>, spell lowercaseName: StaticString) -> Bool {
        guard range.count == lowercaseName.utf8CodeUnitCount else { return false }
        let wanted = lowercaseName.utf8Start
        for offset in 0..<range.count where asciiLowercase(html[range.lowerBound + offset]) != wanted[offset] { return false }
        return true
    }

    // MARK: - Scanning

    private func scanDocument(_ visit: (Attribute) -> Void) {
        var index = 0
        while let open = firstIndex(of: UInt8(ascii: "<"), from: index) {
            if let end = endOfSpanTag(at: open, visit: visit) {
                index = end
                continue
            }
            let next = open + 1
            guard next < bytes.count else { return }
            switch bytes[next] {
            case UInt8(ascii: "!"):
                index = endOfMarkupDeclaration(at: open)
            case UInt8(ascii: "?"):
                index = indexAfter(">", from: next)
            case UInt8(ascii: "/"):
                // End tags carry no values that count, but their quoted parts must still be skipped whole.
                index =
                    next + 1 < bytes.count && isASCIILetter(bytes[next + 1])
                    ? scanTag(nameStart: next + 1, visit: { _ in }).end : indexAfter(">", from: next)
            case let byte where isASCIILetter(byte):
                let tag = scanTag(nameStart: next, visit: visit)
                index = rawTextElement(tag.name).map { startOfEndTag($0, from: tag.end) } ?? tag.end
            default:
                index = next  // a lone "<" is text
            }
        }
    }

    /// Reads `</span>` and `<span class="…">`, which are most of the tags of
    /// a page with highlighted code, with two word comparisons; nil for any
    /// other tag, which `scanTag` then reads as it reads every tag.
    @inline(__always)
    private func endOfSpanTag(at open: Int, visit: (Attribute) -> Void) -> Int? {
        guard open + 16 <= bytes.count else { return nil }
        let word = UnsafeRawPointer(base + open).loadUnaligned(as: UInt64.self)
        if word & Self.firstSevenBytes == spanTags.end { return open + 7 }
        guard word == spanTags.startWithClass,
            UnsafeRawPointer(base + open + 8).loadUnaligned(as: UInt64.self) & Self.firstFiveBytes == spanTags.restOfClass
        else { return nil }
        let valueStart = open + 13
        guard let close = indexOfQuote(UInt8(ascii: "\""), from: valueStart), close + 1 < bytes.count,
            base[close + 1] == UInt8(ascii: ">")
        else { return nil }
        visit(Attribute(name: open + 6..<open + 11, value: valueStart..<close, isQuoted: true))
        return close + 2
    }

    /// Elements whose contents the tokenizer reads as text up to their end tag.
    package static let rawTextElements: [StaticString] = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    ]

    /// Bit n set when some raw-text element's name is n letters long: most tags
    /// (`a`, `p`, `li`, `span`, `code`, `div`) are let go by this one test.
    /// (A literal rather than computed from the list: a computed static is a
    /// lazy global, checked at every tag; `HTMLAttributeScannerTests` keeps them in step.)
    package static let rawTextNameLengths: UInt16 = 1 << 3 | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 8 | 1 << 9

    private func rawTextElement(_ name: Range<Int>) -> StaticString? {
        guard name.count < 16, Self.rawTextNameLengths & 1 << name.count != 0 else { return nil }
        return Self.rawTextElements.first { Self.bytes(name, in: bytes, spell: $0) }
    }

    /// Skips `<!-- … -->`, `<![CDATA[ … ]]>` or `<!DOCTYPE …>` starting at `open`.
    private func endOfMarkupDeclaration(at open: Int) -> Int {
        if hasPrefix("<!--", at: open) {
            let body = open + 4
            // "<!-->" and "<!--->" are complete (empty) comments in HTML.
            if hasPrefix(">", at: body) { return body + 1 }
            if hasPrefix("->", at: body) { return body + 2 }
            return indexAfter("-->", from: body)
        }
        if hasPrefix("<![CDATA[", at: open) { return indexAfter("]]>", from: open + 9) }
        return indexAfter(">", from: open + 2)
    }

    /// Reads a tag from its name to just after its `>`, offering each
    /// attribute with a value to `visit`.
    private func scanTag(nameStart: Int, visit: (Attribute) -> Void) -> (name: Range<Int>, end: Int) {
        var index = firstIndex(in: ByteClass.endsName, from: nameStart)
        let name = nameStart..<index
        while true {
            while index < bytes.count, ByteClass.contains(ByteClass.whitespaceOrSlash, base[index]) { index += 1 }
            guard index < bytes.count else { return (name, index) }
            if base[index] == UInt8(ascii: ">") { return (name, index + 1) }

            // An attribute name may even start with "=" (a parse error the tokenizer tolerates).
            let attributeStart = index
            index = firstIndex(in: ByteClass.endsAttributeName, from: index + 1)
            let attribute = attributeStart..<index
            let afterSpace = indexPastWhitespace(from: index)
            guard afterSpace < bytes.count, base[afterSpace] == UInt8(ascii: "=") else {
                index = afterSpace
                continue  // an attribute without a value
            }
            index = indexPastWhitespace(from: afterSpace + 1)
            guard index < bytes.count else { return (name, index) }

            let quote = base[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = indexOfQuote(quote, from: index + 1) else {
                    return (name, bytes.count)  // unterminated value: the rest is not markup we can read
                }
                visit(Attribute(name: attribute, value: index + 1..<close, isQuoted: true))
                index = close + 1
            } else {
                let valueStart = index
                index = firstIndex(in: ByteClass.endsUnquotedValue, from: index)
                if valueStart < index { visit(Attribute(name: attribute, value: valueStart..<index, isQuoted: false)) }
            }
        }
    }

    /// The closing quote of a value: most values (classes, ids, short links)
    /// are a few bytes long, where a loop beats calling `memchr`.
    @inline(__always)
    private func indexOfQuote(_ quote: UInt8, from start: Int) -> Int? {
        var index = start
        let nearEnd = min(start + 16, bytes.count)
        while index < nearEnd {
            if base[index] == quote { return index }
            index += 1
        }
        return firstIndex(of: quote, from: index)
    }

    /// Where `</name` (any case, followed by a delimiter) begins, or the end of input.
    private func startOfEndTag(_ name: StaticString, from start: Int) -> Int {
        let nameLength = name.utf8CodeUnitCount
        var index = start
        while let open = firstIndex(of: UInt8(ascii: "<"), from: index) {
            let nameStart = open + 2
            let end = nameStart + nameLength
            if end <= bytes.count, bytes[open + 1] == UInt8(ascii: "/"), Self.bytes(nameStart..<end, in: bytes, spell: name),
                end == bytes.count || isHTMLWhitespace(bytes[end]) || bytes[end] == UInt8(ascii: "/")
                    || bytes[end] == UInt8(ascii: ">")
            {
                return open
            }
            index = open + 1
        }
        return bytes.count
    }

    // MARK: - Byte helpers

    private func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    private func hasPrefix(_ prefix: StaticString, at start: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        return memcmp(bytes.baseAddress! + start, prefix.utf8Start, count) == 0
    }

    /// The index just past the next `terminator`, or the end of input if there is none.
    private func indexAfter(_ terminator: StaticString, from start: Int) -> Int {
        var index = start
        while let candidate = firstIndex(of: terminator.utf8Start.pointee, from: index) {
            if hasPrefix(terminator, at: candidate) { return candidate + terminator.utf8CodeUnitCount }
            index = candidate + 1
        }
        return bytes.count
    }
}

func isHTMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}

func isASCIILetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
}

func asciiLowercase(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
}
