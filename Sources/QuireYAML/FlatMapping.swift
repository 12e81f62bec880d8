import Yams

/// Nearly every post's front matter is a flat mapping of one-line values:
/// `title: "…"`, `date: 2024-05-01`, `tags: [a, b]`. For such a document
/// this reads what Yams would, node for node, without libyaml's tokens and
/// events, which were most of the time spent reading a post's front matter.
///
/// It reads a deliberately small part of YAML and gives up (nil) on anything
/// else, and on anything it is unsure of, so Yams reads it and reports its
/// errors: indentation, block scalars, anchors, tags, comments after values,
/// escapes, tabs, carriage returns, duplicate keys, characters YAML reads as
/// line breaks or rejects. What it accepts, line by line:
///
/// - a blank line, or a comment starting in column 1;
/// - `key: value`, the key in column 1 made of ASCII letters, digits, `_`
///   and `-` (starting with a letter or `_`), one or more spaces after `:`,
///   and the value one of:
///   - a plain scalar that starts with no indicator (but `-` before text)
///     and holds no `#` after a space and no `:` followed by a space or the
///     line's end,
///   - a `"…"` without `\` or `'…'` without `''`,
///   - a one-line flow sequence `[a, "b c", 'd']` of such scalars (plain
///     ones also without `,[]{}:`), or `[]`.
///
/// `FlatMappingTests` holds Yams to this: on thousands of generated documents
/// near this subset, whatever is read here must be read by Yams into the
/// same nodes, strings, styles and marks.
enum FlatMapping {
    /// A node and where it starts in the document (from 1, columns in Unicode scalars, as Yams' marks).
    struct Node {
        enum Content {
            case scalar(String, Yams.Node.Scalar.Style)
            case sequence([Node])
            case mapping([(key: Node, value: Node)])
        }
        let content: Content
        let line: Int
        let column: Int
    }

    static func node(_ text: String) -> Node? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.document()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var pairs: [(key: Node, value: Node)] = []
        var keys: Set<String> = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func document() -> Node? {
            var line = 1
            var start = 0
            var firstKeyLine = 0
            while start < bytes.count {
                let end = endOfLine(from: start)
                if end > start {
                    if bytes[start] == UInt8(ascii: "#") {
                        guard allPrintable(start + 1..<end) else { return nil }
                    } else {
                        guard entry(start..<end, line: line) else { return nil }
                        if firstKeyLine == 0 { firstKeyLine = line }
                    }
                }
                start = end + 1
                line += 1
            }
            guard firstKeyLine > 0 else { return nil }  // empty: Yams says there is no root
            return Node(content: .mapping(pairs), line: firstKeyLine, column: 1)
        }

        private func endOfLine(from start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            return index
        }

        /// `key: value` on `line`, its pair added; false if outside the subset.
        private mutating func entry(_ range: Range<Int>, line: Int) -> Bool {
            guard isKeyStart(bytes[range.lowerBound]) else { return false }
            var index = range.lowerBound + 1
            while index < range.upperBound, isKeyByte(bytes[index]) { index += 1 }
            let keyEnd = index
            // libyaml looks no further than 1,024 characters for a key's colon.
            guard keyEnd - range.lowerBound < 1000 else { return false }
            guard index + 1 < range.upperBound, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: " ")
            else { return false }
            index = skipSpaces(from: index + 1, to: range.upperBound)
            guard index < range.upperBound else { return false }  // a null value may own the lines below

            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<keyEnd]), as: UTF8.self)
            guard keys.insert(key).inserted else { return false }
            let value: Node?
            if bytes[index] == UInt8(ascii: "[") {
                value = flowSequence(from: index, to: range.upperBound, lineStart: range.lowerBound, line: line)
            } else {
                value = scalar(from: index, to: range.upperBound, lineStart: range.lowerBound, line: line, inFlow: false)
                    .flatMap { found in
                        skipSpaces(from: found.end, to: range.upperBound) == range.upperBound ? found.node : nil
                    }
            }
            guard let value else { return false }
            pairs.append((Node(content: .scalar(key, .plain), line: line, column: 1), value))
            return true
        }

        /// `[a, "b", 'c']` up to the line's end.
        private func flowSequence(from open: Int, to lineEnd: Int, lineStart: Int, line: Int) -> Node? {
            var items: [Node] = []
            var index = skipSpaces(from: open + 1, to: lineEnd)
            if index < lineEnd, bytes[index] == UInt8(ascii: "]") {
                index += 1
            } else {
                while true {
                    guard let item = scalar(from: index, to: lineEnd, lineStart: lineStart, line: line, inFlow: true) else {
                        return nil
                    }
                    items.append(item.node)
                    index = skipSpaces(from: item.end, to: lineEnd)
                    guard index < lineEnd else { return nil }
                    if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        break
                    }
                    guard bytes[index] == UInt8(ascii: ",") else { return nil }
                    index = skipSpaces(from: index + 1, to: lineEnd)
                }
            }
            guard skipSpaces(from: index, to: lineEnd) == lineEnd else { return nil }
            return Node(content: .sequence(items), line: line, column: column(of: open, lineStart: lineStart))
        }

        /// A plain or quoted scalar starting at `start`, and where it ends
        /// (after the closing quote, or after the plain text without its
        /// trailing spaces).
        private func scalar(from start: Int, to lineEnd: Int, lineStart: Int, line: Int, inFlow: Bool)
            -> (node: Node, end: Int)?
        {
            guard start < lineEnd else { return nil }
            let first = bytes[start]
            let style: Yams.Node.Scalar.Style
            let text: Range<Int>
            let end: Int
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                var index = start + 1
                while index < lineEnd, bytes[index] != first {
                    guard bytes[index] != UInt8(ascii: "\\") else { return nil }
                    index += 1
                }
                guard index < lineEnd, allPrintable(start + 1..<index) else { return nil }
                if first == UInt8(ascii: "'"), index + 1 < lineEnd, bytes[index + 1] == UInt8(ascii: "'") { return nil }
                text = start + 1..<index
                end = index + 1
                style = first == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted
            } else {
                // `-` is an indicator only before a space (`-1` is text).
                let dashBeforeText = first == UInt8(ascii: "-") && start + 1 < lineEnd && bytes[start + 1] != UInt8(ascii: " ")
                guard !isIndicator(first) || dashBeforeText else { return nil }
                var index = start
                var lastNonSpace = start
                while index < lineEnd {
                    let byte = bytes[index]
                    // A `#` after a space starts a comment; after anything else it is text (`C#`).
                    if byte == UInt8(ascii: "#"), bytes[index - 1] == UInt8(ascii: " ") { return nil }
                    if byte == UInt8(ascii: ":") {
                        if inFlow || index + 1 == lineEnd || bytes[index + 1] == UInt8(ascii: " ") { return nil }
                    }
                    if inFlow, isFlowIndicator(byte) { break }
                    if byte != UInt8(ascii: " ") { lastNonSpace = index }
                    index += 1
                }
                guard allPrintable(start..<index) else { return nil }
                text = start..<lastNonSpace + 1
                end = lastNonSpace + 1
                style = .plain
            }
            let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[text]), as: UTF8.self)
            return (Node(content: .scalar(string, style), line: line, column: column(of: start, lineStart: lineStart)), end)
        }

        /// libyaml counts columns in Unicode scalars, from 1.
        private func column(of index: Int, lineStart: Int) -> Int {
            var column = 1
            for byte in bytes[lineStart..<index] where byte & 0xC0 != 0x80 { column += 1 }
            return column
        }

        private func skipSpaces(from start: Int, to end: Int) -> Int {
            var index = start
            while index < end, bytes[index] == UInt8(ascii: " ") { index += 1 }
            return index
        }

        /// Printable ASCII, or a character at or above U+00A0 that YAML
        /// neither rejects (U+FFFE, U+FFFF, a byte order mark inside) nor
        /// reads as a line break (U+2028, U+2029). Tabs and controls are not.
        private func allPrintable(_ range: Range<Int>) -> Bool {
            var index = range.lowerBound
            while index < range.upperBound {
                let byte = bytes[index]
                if byte < 0x80 {
                    guard byte >= 0x20, byte != 0x7F else { return false }
                    index += 1
                    continue
                }
                // The text is valid UTF-8 (it came from a String), so a lead byte has its continuation bytes.
                let second = bytes[index + 1]
                switch byte {
                case 0xC2 where second < 0xA0: return false  // U+0080–U+009F, NEL among them
                case 0xE2 where second == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): return false
                case 0xEF where second == 0xBB && bytes[index + 2] == 0xBF: return false
                case 0xEF where second == 0xBF && bytes[index + 2] >= 0xBE: return false
                default: break
                }
                index += byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            }
            return true
        }

        private func isKeyStart(_ byte: UInt8) -> Bool {
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
        }

        private func isKeyByte(_ byte: UInt8) -> Bool {
            isKeyStart(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
        }

        /// Characters a plain scalar may not start with (YAML's indicators), and space.
        private func isIndicator(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
                UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "):
                return true
            default: return false
            }
        }

        private func isFlowIndicator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
                || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
        }
    }
}
