/// The line-oriented modes of the engine: diffs, console sessions, YAML.
extension Tokenizer {
    mutating func scanDiff() {
        var lineStart = 0
        while lineStart < bytes.count {
            let end = endOfLine(from: lineStart)
            let kind: TokenKind
            switch bytes[lineStart] {
            case UInt8(ascii: "+"): kind = .inserted
            case UInt8(ascii: "-"): kind = .deleted
            case UInt8(ascii: "@"): kind = .heading
            default:
                let line = bytes[lineStart..<end]
                kind =
                    line.starts(with: "diff ".utf8) || line.starts(with: "Index: ".utf8) || line.starts(with: "index ".utf8)
                    ? .heading : .plain
            }
            emit(kind, to: min(end + 1, bytes.count))
            lineStart = end + 1
        }
    }

    /// `$ command` lines as shell, everything else as the program's output.
    mutating func scanConsole() {
        let shell = Languages.bash
        var lineStart = 0
        while lineStart < bytes.count {
            let end = endOfLine(from: lineStart)
            if bytes[lineStart] == UInt8(ascii: "$"), peek(lineStart + 1) == 0x20 {
                emit(.prompt, to: lineStart + 2)
                var command = Tokenizer(language: shell, bytes: bytes)
                command.jump(to: lineStart + 2)
                command.scanCode(upTo: end)
                for token in command.finish() { emit(token.kind, to: token.range.upperBound) }
            }
            emit(.plain, to: min(end + 1, bytes.count))
            lineStart = end + 1
        }
    }

    mutating func jump(to index: Int) { position = index }

    static let yamlIndicators = ByteSet("-?:")
    static let yamlFlowIndicators = ByteSet(",[]{}")

    /// Block structure by indentation and indicators; flow collections and
    /// quoted scalars by the ordinary rules.
    mutating func scanYAML() {
        /// The indentation under which a `|` or `>` block scalar continues.
        var blockIndent: Int?
        var lineStart = 0
        while lineStart < bytes.count {
            let end = endOfLine(from: lineStart)
            var index = lineStart
            while index < end, bytes[index] == 0x20 { index += 1 }
            let indent = index - lineStart
            if let block = blockIndent {
                if index == end || indent > block {
                    // Uncoloured, as Pygments and GitHub show it: often a script or prose.
                    emit(.plain, to: index)
                    emit(.name, to: end)
                    emit(.plain, to: min(end + 1, bytes.count))
                    lineStart = end + 1
                    continue
                }
                blockIndent = nil
            }
            emit(.plain, to: index)
            if yamlFlowDepth > 0 {
                // Inside a [ ] or { } that began on an earlier line.
                scanYAMLValue(upTo: end)
                emit(.plain, to: min(end + 1, bytes.count))
                lineStart = end + 1
                continue
            }
            let line = bytes[index..<end]
            if line.first == UInt8(ascii: "%") {
                emit(.keyword, to: end)
            }
            if line.starts(with: "---".utf8) || line.starts(with: "...".utf8) {
                emit(.name, to: index + 3)
                skipSpaces(upTo: end)
            }
            // `- ` items, `? ` complex keys and `: ` their values.
            while position < end, Self.yamlIndicators.contains(bytes[position]), position + 1 == end || bytes[position + 1] == 0x20 {
                emit(.punctuation, to: position + 1)
                skipSpaces(upTo: end)
            }
            if let keyEnd = yamlKeyEnd(from: position, upTo: end) {
                emit(.key, to: keyEnd)
                emit(.punctuation, to: keyEnd + 1)
                skipSpaces(upTo: end)
            }
            if position < end, bytes[position] == UInt8(ascii: "!") {
                // A tag before a block scalar: `!!binary |`.
                let tagEnd = wordEnd(from: position, upTo: end)
                var after = tagEnd
                while after < end, bytes[after] == 0x20 { after += 1 }
                if after < end, bytes[after] == UInt8(ascii: "|") || bytes[after] == UInt8(ascii: ">") {
                    emit(.keyword, to: tagEnd)
                    skipSpaces(upTo: end)
                }
            }
            if position < end, bytes[position] == UInt8(ascii: "|") || bytes[position] == UInt8(ascii: ">") {
                blockIndent = indent
                emit(.punctuation, to: yamlScalarEnd(from: position, upTo: end))
            }
            scanYAMLValue(upTo: end)
            emit(.plain, to: min(end + 1, bytes.count))
            lineStart = end + 1
        }
    }

    mutating func skipSpaces(upTo end: Int) {
        var index = position
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        emit(.plain, to: index)
    }

    /// Where a mapping key ends (at its `:`), if the line has one here.
    func yamlKeyEnd(from start: Int, upTo end: Int) -> Int? {
        guard start < end, bytes[start] != UInt8(ascii: "#"), bytes[start] != UInt8(ascii: "["), bytes[start] != UInt8(ascii: "{") else {
            return nil
        }
        var index = start
        if bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") {
            index += 1
            while index < end, bytes[index] != bytes[start] { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
            index += 1
            return index < end && bytes[index] == UInt8(ascii: ":") ? index : nil
        }
        while index < end {
            if bytes[index] == UInt8(ascii: ":"), index + 1 == end || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09 { return index }
            if bytes[index] == UInt8(ascii: "#"), index > start, bytes[index - 1] == 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// A plain scalar ends at a comment or at the line's end, its trailing spaces left out.
    func yamlScalarEnd(from start: Int, upTo end: Int) -> Int {
        var index = start
        while index < end, !(bytes[index] == UInt8(ascii: "#") && index > start && bytes[index - 1] == 0x20) { index += 1 }
        while index > start, Self.isSpace(bytes[index - 1]) { index -= 1 }
        return index
    }

    mutating func scanYAMLValue(upTo end: Int) {
        while position < end {
            skipSpaces(upTo: end)
            guard position < end else { return }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "#"):
                emit(.comment, to: end)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                var index = position + 1
                while index < end, bytes[index] != byte {
                    index += byte == UInt8(ascii: "\"") && bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                emit(.string, to: min(index + 1, end))
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                yamlFlowDepth += 1
                emit(.punctuation, to: position + 1)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                yamlFlowDepth = max(0, yamlFlowDepth - 1)
                emit(.punctuation, to: position + 1)
            case UInt8(ascii: ","):
                emit(.punctuation, to: position + 1)
            case UInt8(ascii: "&"), UInt8(ascii: "*"):
                emit(.variable, to: wordEnd(from: position, upTo: end))
            case UInt8(ascii: "!"):
                emit(.keyword, to: wordEnd(from: position, upTo: end))
            default:
                // In a flow collection a scalar stops at the next indicator.
                var index = position
                let inFlow = yamlFlowDepth > 0
                while index < end, !Self.yamlFlowIndicators.contains(bytes[index]) || !inFlow,
                    !(bytes[index] == UInt8(ascii: "#") && bytes[index - 1] == 0x20)
                {
                    if bytes[index] == UInt8(ascii: ":"), index + 1 == end || bytes[index + 1] == 0x20, inFlow { break }
                    index += 1
                }
                while index > position, Self.isSpace(bytes[index - 1]) { index -= 1 }
                if index < end, bytes[index] == UInt8(ascii: ":"), index > position {
                    emit(.key, to: index)
                    emit(.punctuation, to: index + 1)
                } else if index > position {
                    // Pygments, like most themes, leaves scalars inside [ ] and { } uncoloured.
                    emit(inFlow ? .name : .string, to: index)
                } else {
                    emit(.punctuation, to: position + 1)
                }
            }
        }
    }

    func wordEnd(from start: Int, upTo end: Int) -> Int {
        var index = start + 1
        while index < end, !Self.isSpace(bytes[index]), !Self.yamlFlowIndicators.contains(bytes[index]) { index += 1 }
        return index
    }
}
