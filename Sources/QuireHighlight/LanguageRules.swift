/// Single rules of one language or two that look around a token, turned on
/// by a flag in the language's table; each reads the code as Pygments (the
/// oracle the tests measure against) does.
extension Tokenizer {
    /// Bytes of the word after a TypeScript annotation's colon: `z.string`, `T?`, `$ref`, `1000`.
    static let annotationBytes = ByteSet("?.$")

    /// `name: type` with the name ending at `nameEnd` (and `name?: type`): the
    /// name, the colon as an operator, then everything up to the type's last
    /// identifier, dot or `?` as a keyword. False, with nothing emitted, when no
    /// word follows the colon.
    mutating func scanTypeAnnotation(nameEnd: Int) -> Bool {
        guard nameEnd < bytes.count else { return false }
        let next = bytes[nameEnd]
        guard next == UInt8(ascii: ":") || next == UInt8(ascii: "?") || Self.isSpace(next),
            language.wordsBeforeColons.entry(for: UnsafeBufferPointer(rebasing: bytes[position..<nameEnd])) == nil
        else { return false }
        var colon = nameEnd
        while colon < bytes.count, bytes[colon] == UInt8(ascii: "?") { colon += 1 }
        while colon < bytes.count, Self.isSpace(bytes[colon]) { colon += 1 }
        guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else { return false }
        var typeStart = colon + 1
        while typeStart < bytes.count, Self.isSpace(bytes[typeStart]) { typeStart += 1 }
        var typeEnd = typeStart
        while typeEnd < bytes.count, isIdentifierByte(bytes[typeEnd]) || Self.annotationBytes.contains(bytes[typeEnd]) { typeEnd += 1 }
        guard typeEnd > typeStart else { return false }
        var questionMarks = nameEnd
        while questionMarks < bytes.count, bytes[questionMarks] == UInt8(ascii: "?") { questionMarks += 1 }
        emit(.name, to: questionMarks)
        emit(.plain, to: colon)
        emit(.operator, to: colon + 1)
        emit(.plain, to: typeStart)
        emit(.keyword, to: typeEnd)
        return true
    }
}

extension Tokenizer {
    /// `:` or `->` at `position`, and what Pygments makes of the type after it;
    /// or a lifetime, `'static`, whose name is a name.
    mutating func scanTypePosition() -> Bool {
        if bytes[position] == UInt8(ascii: "'"), let next = peek(position + 1), Self.isLetter(next) {
            emit(.operator, to: position + 1)
            var end = position + 1
            while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
            emit(.name, to: end)
            return true
        }
        let arrow = matches(Self.arrow, at: position)
        guard arrow || (bytes[position] == UInt8(ascii: ":") && peek(position + 1) != UInt8(ascii: ":")) else { return false }
        emit(.punctuation, to: position + (arrow ? 2 : 1))
        var index = position
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "&") {
            emit(.plain, to: index)
            emit(.keyword, to: index + 1)
            index += 1
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        }
        guard index < bytes.count, Self.isLetter(bytes[index]) else { return true }
        var end = index + 1
        while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[index..<end])
        if let kind = language.words.entry(for: word)?.kind, kind == .keyword || kind == .constant,
            language.typeWords.entry(for: word) == nil
        {
            emit(.plain, to: index)
            emit(.name, to: end)
        }
        return true
    }

    static let arrow = Array("->".utf8)
}

extension Tokenizer {
    /// More `{` than `}` between the line's start and `position` (TOML's inline tables are one line).
    func insideInlineTable() -> Bool {
        var depth = 0
        var index = position - 1
        while index >= 0, bytes[index] != 0x0A {
            if bytes[index] == UInt8(ascii: "{") { depth += 1 }
            if bytes[index] == UInt8(ascii: "}") { depth -= 1 }
            index -= 1
        }
        return depth > 0
    }
}

extension Tokenizer {
    static let conditionWords = WordTable([("if elseif else endif available", .meta)])
    static let hashKeywords = WordTable([("file line column function selector", .keyword)])

    /// Swift's `#word`, as Pygments reads it: `#if` and its kin are meta with
    /// the names on the rest of their line, `#file` and `#selector` keywords,
    /// any other (`#filePath`, `#expect`) a `#` and a name.
    mutating func scanHashWord() {
        var end = position + 1
        while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[(position + 1)..<end])
        if Self.hashKeywords.entry(for: word) != nil {
            emit(.keyword, to: end)
            return
        }
        guard Self.conditionWords.entry(for: word) != nil else {
            emit(.punctuation, to: position + 1)
            return
        }
        emit(.meta, to: end)
        let lineEnd = endOfLine(from: end)
        while position < lineEnd {
            let byte = bytes[position]
            var stop = position + 1
            if Self.isLetter(byte) {
                while stop < lineEnd, isIdentifierByte(bytes[stop]) { stop += 1 }
                emit(.meta, to: stop)
            } else if byte == UInt8(ascii: "/"), peek(stop) == UInt8(ascii: "/") || peek(stop) == UInt8(ascii: "*") {
                return
            } else {
                emit(language.punctuation.contains(byte) ? .punctuation : language.operators.contains(byte) ? .operator : .plain, to: stop)
            }
        }
    }
}
