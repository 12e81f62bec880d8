/// A tag scanner that lets a caller replace attribute values in HTML while
/// copying every other byte through unchanged.
///
/// It follows the HTML tokenizer far enough to know what is a tag: comments,
/// doctypes, CDATA sections and processing instructions are skipped whole,
/// the contents of raw-text elements (`script`, `style`, `textarea`, …) are
/// never read as tags, and `>` inside a quoted attribute value does not end the
/// tag. Text that merely looks like markup — `&lt;a href="x"&gt;` inside
/// `<code>` — is text, so it is never touched.
///
/// Linear in the input: the scan only moves forward, each skip (`indexAfter`,
/// `startOfEndTag`) resumes where the last one stopped and compares a bounded
/// needle at each `<` or terminator start, so every byte is read a constant
/// number of times. All tests are on UTF-8 bytes, never Characters, since a
/// delimiter followed by a combining mark is one Character but still a
/// delimiter to a browser.
struct HTMLAttributeRewriter {
    /// Given the lowercased attribute name and its value as written (entities
    /// undecoded), returns the replacement as it should be written, or nil to
    /// keep the value.
    typealias Replacement = (_ attribute: String, _ rawValue: String) -> String?

    private let bytes: [UInt8]
    private let replacement: Replacement
    private var output: [UInt8] = []
    /// Everything before this index has been written to `output`.
    private var copiedUpTo = 0

    private init(_ html: String, replacement: @escaping Replacement) {
        self.bytes = Array(html.utf8)
        self.replacement = replacement
        output.reserveCapacity(bytes.count + bytes.count / 8)
    }

    static func rewrite(_ html: String, replacement: @escaping Replacement) -> String {
        var rewriter = HTMLAttributeRewriter(html, replacement: replacement)
        rewriter.scanDocument()
        return rewriter.result
    }

    private var result: String {
        var out = output
        out.append(contentsOf: bytes[copiedUpTo...])
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Scanning

    private mutating func scanDocument() {
        var index = 0
        while let open = firstIndex(of: UInt8(ascii: "<"), from: index) {
            let next = open + 1
            guard next < bytes.count else { return }
            switch bytes[next] {
            case UInt8(ascii: "!"):
                index = endOfMarkupDeclaration(at: open)
            case UInt8(ascii: "?"):
                index = indexAfter(">", from: next)
            case UInt8(ascii: "/"):
                // End tags carry no links, but their quoted parts must still be skipped whole.
                index =
                    next + 1 < bytes.count && isASCIILetter(bytes[next + 1])
                    ? scanTag(nameStart: next + 1, rewriting: false).end : indexAfter(">", from: next)
            case let byte where isASCIILetter(byte):
                let tag = scanTag(nameStart: next, rewriting: true)
                index = Self.rawTextElements.contains(tag.name) ? startOfEndTag(tag.name, from: tag.end) : tag.end
            default:
                index = next  // a lone "<" is text
            }
        }
    }

    /// Elements whose contents the tokenizer reads as text up to their end tag.
    private static let rawTextElements: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    ]

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
    /// attribute value to `replacement` when `rewriting`.
    private mutating func scanTag(nameStart: Int, rewriting: Bool) -> (name: String, end: Int) {
        var index = nameStart
        while index < bytes.count, !isHTMLWhitespace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
            bytes[index] != UInt8(ascii: ">")
        {
            index += 1
        }
        let name = lowercased(nameStart..<index)
        while true {
            while index < bytes.count, isHTMLWhitespace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < bytes.count else { return (name, index) }
            if bytes[index] == UInt8(ascii: ">") { return (name, index + 1) }

            // An attribute name may even start with "=" (a parse error the tokenizer tolerates).
            let attributeStart = index
            index += 1
            while index < bytes.count, !isHTMLWhitespace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
                bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "=")
            {
                index += 1
            }
            let attribute = lowercased(attributeStart..<index)
            var afterSpace = index
            while afterSpace < bytes.count, isHTMLWhitespace(bytes[afterSpace]) { afterSpace += 1 }
            guard afterSpace < bytes.count, bytes[afterSpace] == UInt8(ascii: "=") else {
                index = afterSpace
                continue  // an attribute without a value
            }
            index = afterSpace + 1
            while index < bytes.count, isHTMLWhitespace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return (name, index) }

            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = firstIndex(of: quote, from: index + 1) else {
                    return (name, bytes.count)  // unterminated value: leave the rest alone
                }
                if rewriting { offer(attribute, value: index + 1..<close, quoted: true) }
                index = close + 1
            } else {
                let valueStart = index
                while index < bytes.count, !isHTMLWhitespace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                if rewriting && valueStart < index { offer(attribute, value: valueStart..<index, quoted: false) }
            }
        }
    }

    private mutating func offer(_ attribute: String, value range: Range<Int>, quoted: Bool) {
        let raw = String(decoding: bytes[range], as: UTF8.self)
        guard let replaced = replacement(attribute, raw), replaced != raw else { return }
        output.append(contentsOf: bytes[copiedUpTo..<range.lowerBound])
        if quoted {
            output.append(contentsOf: replaced.utf8)
        } else {
            // The new value may hold characters an unquoted value cannot; quoting it is always valid.
            output.append(UInt8(ascii: "\""))
            for byte in replaced.utf8 {
                if byte == UInt8(ascii: "\"") { output += "&quot;".utf8 } else { output.append(byte) }
            }
            output.append(UInt8(ascii: "\""))
        }
        copiedUpTo = range.upperBound
    }

    /// Where `</name` (any case, followed by a delimiter) begins, or the end of input.
    private func startOfEndTag(_ name: String, from start: Int) -> Int {
        let needle = Array("</\(name)".utf8)
        var index = start
        while let open = firstIndex(of: UInt8(ascii: "<"), from: index) {
            let end = open + needle.count
            if end <= bytes.count,
                zip(bytes[open..<end], needle).allSatisfy({ asciiLowercase($0) == $1 }),
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
        var index = start
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    private func hasPrefix(_ prefix: String, at start: Int) -> Bool {
        let needle = Array(prefix.utf8)
        guard start + needle.count <= bytes.count else { return false }
        return bytes[start..<start + needle.count].elementsEqual(needle)
    }

    /// The index just past the next `terminator`, or the end of input if there is none.
    private func indexAfter(_ terminator: String, from start: Int) -> Int {
        var index = start
        while let candidate = firstIndex(of: terminator.utf8.first ?? 0, from: index) {
            if hasPrefix(terminator, at: candidate) { return candidate + terminator.utf8.count }
            index = candidate + 1
        }
        return bytes.count
    }

    private func lowercased(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map(asciiLowercase), as: UTF8.self)
    }
}

func isHTMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}

func isASCIILetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
}

private func asciiLowercase(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
}
