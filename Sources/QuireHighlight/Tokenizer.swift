#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one engine: walks UTF-8 bytes once, left to right, and asks the
/// language's table what each piece is.
struct Tokenizer {
    let language: Language
    /// The code's UTF-8, borrowed for the walk: unchecked reads, no copy.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Handed to a `TokenStore` by `finish()`, which every tokenizer made must reach.
    private var tokens: TokenBuffer
    var position = 0
    /// Only whitespace since the last line break.
    private var atLineStart = true
    /// The last token that was not whitespace or a comment, kept only where a regex literal may start.
    private var previous: (kind: TokenKind, byte: UInt8)?
    private let tracksPrevious: Bool
    /// Set by `def`, `class` and their kin: the kind of the next identifier.
    private var pendingDefinition: TokenKind?
    /// Open `[` and `{` of a YAML flow collection, which may span lines.
    var yamlFlowDepth = 0

    private let ruleStarts: RuleStarts

    init(language: Language, bytes: UnsafeBufferPointer<UInt8>) {
        self.language = language
        self.bytes = bytes
        ruleStarts = language.ruleStarts ?? RuleStarts(language)
        tracksPrevious = language.regexLiterals
        // About one token in four bytes of real code; growing is the dearer mistake.
        tokens = TokenBuffer(capacity: bytes.count / 3 + 4)
    }

    static func tokens(of bytes: UnsafeBufferPointer<UInt8>, in language: Language) -> TokenStore {
        var tokenizer = Tokenizer(language: language, bytes: bytes)
        switch language.mode {
        case .code: tokenizer.scanCode(upTo: bytes.count)
        case .diff: tokenizer.scanDiff()
        case .console: tokenizer.scanConsole()
        case .yaml: tokenizer.scanYAML()
        }
        return tokenizer.finish()
    }

    /// The tokens found, which now own the buffer.
    consuming func finish() -> TokenStore { TokenStore(taking: tokens) }

    // MARK: Emitting

    @inline(__always)
    mutating func emit(_ kind: TokenKind, to end: Int) {
        guard end > position else { return }
        tokens.append(kind, from: position, to: end)
        if tracksPrevious { notePrevious(kind, to: end) }
        position = end
    }

    /// Whether a `/` starts a regex literal depends on what came before it, past blanks and comments.
    private mutating func notePrevious(_ kind: TokenKind, to end: Int) {
        if kind == .plain {
            if let last = bytes[position..<end].last(where: { !Self.isSpace($0) }) { previous = (.plain, last) }
        } else if kind != .comment {
            previous = (kind, bytes[end - 1])
        }
    }

    // MARK: Bytes

    func peek(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    func matches(_ text: [UInt8], at index: Int) -> Bool {
        guard index + text.count <= bytes.count else { return false }
        for offset in 0..<text.count where bytes[index + offset] != text[offset] { return false }
        return true
    }

    /// Where the line holding `index` ends (its line feed, or the end of the code).
    func endOfLine(from index: Int) -> Int {
        guard index < bytes.count, let found = memchr(bytes.baseAddress! + index, 0x0A, bytes.count - index) else { return bytes.count }
        return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == 0x0C }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == 0x5F || byte >= 0x80
    }

    @inline(__always)
    func isIdentifierByte(_ byte: UInt8) -> Bool { ruleStarts[byte].contains(.identifier) }

    /// Separators of shell words.
    static func endsShellWord(_ byte: UInt8) -> Bool {
        shellSeparators.contains(byte)
    }

    static let shellSeparators = ByteSet(" \t\r\n\u{0C};|&()<>{}[]$\"'`=\\")
    /// Bytes after which a shell word starts a new command (or a comment).
    static let shellCommandBreaks = ByteSet(";|&(")
    static let closingBrackets = ByteSet(")]}")

    // MARK: Code

    mutating func scanCode(upTo limit: Int) {
        while position < limit {
            let byte = bytes[position]
            let rules = ruleStarts[byte]
            if rules.contains(.space) {
                var end = position
                var lineBreak = false
                while end < limit, ruleStarts[bytes[end]].contains(.space) {
                    lineBreak = lineBreak || bytes[end] == 0x0A
                    end += 1
                }
                if lineBreak { atLineStart = true }
                emit(.plain, to: end)
                continue
            }
            let lineStart = atLineStart
            atLineStart = false
            // The rules in their order of precedence, each tried only where its first byte can start it.
            if (rules.contains(.comment) && scanComment(lineStart: lineStart))
                || (rules.contains(.lineStart) && scanLineStartRule(lineStart: lineStart, limit: limit))
                || (rules.contains(.quote) && scanQuote()) || (rules.contains(.sigil) && scanSigil())
                || (rules.contains(.number) && scanNumber()) || (rules.contains(.word) && scanWord())
                || (rules.contains(.symbol) && scanSymbol())
            {
                continue
            }
            emit(.plain, to: position + Self.scalarLength(byte))
        }
    }

    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    mutating func scanComment(lineStart: Bool) -> Bool {
        for prefix in language.docComments where matches(prefix, at: position) {
            emit(.string, to: endOfLine(from: position))
            return true
        }
        for prefix in language.lineComments where matches(prefix, at: position) {
            if language.lineCommentAtWordStart, position > 0, !Self.isSpace(bytes[position - 1]),
                !Self.shellCommandBreaks.contains(bytes[position - 1])
            {
                continue
            }
            emit(.comment, to: endOfLine(from: position))
            return true
        }
        for (open, close) in language.blockComments where matches(open, at: position) {
            var depth = 1
            var index = position + open.count
            let (opening, closing) = (open[0], close[0])
            while index < bytes.count {
                if bytes[index] != closing, bytes[index] != opening {
                    index += 1
                    continue
                }
                if matches(close, at: index) {
                    depth -= 1
                    index += close.count
                    if depth == 0 || !language.blockCommentsNest { break }
                } else if language.blockCommentsNest, matches(open, at: index) {
                    depth += 1
                    index += open.count
                } else {
                    index += 1
                }
            }
            emit(.comment, to: min(index, bytes.count))
            return true
        }
        return false
    }

    /// Preprocessor lines, section headers, attributes.
    mutating func scanLineStartRule(lineStart: Bool, limit: Int) -> Bool {
        let byte = bytes[position]
        if language.preprocessor, lineStart, byte == UInt8(ascii: "#") {
            // A directive runs on over escaped line breaks; a comment inside it is still a comment.
            var end = position
            while end < bytes.count {
                if bytes[end] == 0x0A {
                    if end > position, bytes[end - 1] == UInt8(ascii: "\\") {
                        end += 1
                        continue
                    }
                    break
                }
                if bytes[end] == UInt8(ascii: "/"), end + 1 < bytes.count,
                    bytes[end + 1] == UInt8(ascii: "*") || bytes[end + 1] == UInt8(ascii: "/")
                {
                    break
                }
                end += 1
            }
            emit(.meta, to: end)
            return true
        }
        if language.sectionHeaders, lineStart, byte == UInt8(ascii: "[") {
            var end = position
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != UInt8(ascii: "#") { end += 1 }
            while end > position, Self.isSpace(bytes[end - 1]) { end -= 1 }
            emit(.section, to: end)
            return true
        }
        if language.hashAttributes, byte == UInt8(ascii: "#"),
            peek(position + 1) == UInt8(ascii: "[") || (peek(position + 1) == UInt8(ascii: "!") && peek(position + 2) == UInt8(ascii: "["))
        {
            var depth = 0
            var end = position
            while end < bytes.count {
                if bytes[end] == UInt8(ascii: "\"") {
                    // Strings inside an attribute stay strings, as Pygments shows them.
                    emit(.meta, to: end)
                    end += 1
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                    end = min(end + 1, bytes.count)
                    emit(.string, to: end)
                    continue
                }
                if bytes[end] == UInt8(ascii: "[") { depth += 1 }
                if bytes[end] == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 {
                        end += 1
                        break
                    }
                }
                end += 1
            }
            emit(.meta, to: end)
            return true
        }
        if language.hashWords, byte == UInt8(ascii: "#"), let next = peek(position + 1), Self.isLetter(next) {
            scanHashWord()
            return true
        }
        return false
    }

    mutating func scanQuote() -> Bool {
        // A prefix letter starts a literal only one or two bytes before a quote: most identifiers are let go here.
        let opens = ruleStarts.quoteOpens
        guard
            opens.contains(bytes[position]) || peek(position + 1).map(opens.contains) == true
                || peek(position + 2).map(opens.contains) == true
        else { return false }
        for quoteIndex in language.quotes.indices {
            let quote = language.quotes[quoteIndex]
            var start = position
            while start < bytes.count, quote.prefixes.contains(bytes[start]), start - position < 2 { start += 1 }
            guard matches(quote.open, at: start) else { continue }
            if quote.character, !isCharacterLiteral(at: start) { continue }
            // A prefix must start a word: `xr"…"` is not a raw string.
            if start > position, position > 0, isIdentifierByte(bytes[position - 1]) { continue }
            if quote.shellInterpolation {
                scanShellDoubleQuote(from: start + quote.open.count)
                return true
            }
            var index = start + quote.open.count
            var closed = false
            let stops = quote.maxLength == nil ? quote.stops : ByteSet.all
            while index < bytes.count {
                if !stops.contains(bytes[index]) {
                    index += 1
                    continue
                }
                if let maxLength = quote.maxLength, index - start > maxLength { break }
                let current = bytes[index]
                if let (open, close) = quote.interpolation, matches(open, at: index) {
                    index = scanInterpolation(from: index, open: open, close: close)
                    continue
                }
                if quote.escapes, current == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if matches(quote.close, at: index) {
                    index += quote.close.count
                    closed = true
                    break
                }
                if current == 0x0A, !quote.multiline { break }
                index += 1
            }
            if quote.maxLength != nil, !closed { continue }
            let end = min(index, bytes.count)
            if let key = language.keyBefore, !language.keysAreBare, nextSignificantByte(after: end) == key {
                emit(.key, to: end)
            } else {
                emit(.string, to: end)
            }
            return true
        }
        return false
    }

    /// `\\(…)` or `${…}` inside a string: the string so far, then the code
    /// inside as code, up to the bracket that closes it. Returns where the string resumes.
    mutating func scanInterpolation(from index: Int, open: [UInt8], close: UInt8) -> Int {
        let opening = open[open.count - 1]
        var depth = 1
        var end = index + open.count
        while end < bytes.count {
            if bytes[end] == opening { depth += 1 }
            if bytes[end] == close {
                depth -= 1
                if depth == 0 { break }
            }
            end += 1
        }
        guard end < bytes.count else { return index + open.count }
        emit(.string, to: index + open.count)
        scanCode(upTo: end)
        emit(.string, to: end + 1)
        return end + 1
    }

    /// Rust's `'x'` or `'\\n'`, not the lifetime in `<'a>`.
    func isCharacterLiteral(at start: Int) -> Bool {
        guard let first = peek(start + 1) else { return false }
        if first == UInt8(ascii: "\\") {
            return bytes[(start + 2)..<min(bytes.count, start + 12)].contains(UInt8(ascii: "'"))
        }
        return peek(start + 1 + Self.scalarLength(first)) == UInt8(ascii: "'")
    }

    func nextSignificantByte(after index: Int) -> UInt8? {
        var index = index
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return peek(index)
    }

    mutating func scanSigil() -> Bool {
        let byte = bytes[position]
        if language.decorators, byte == UInt8(ascii: "@"), let next = peek(position + 1), Self.isLetter(next) {
            var end = position + 1
            while end < bytes.count, isIdentifierByte(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
            emit(.decorator, to: end)
            return true
        }
        if language.shellVariables {
            if byte == UInt8(ascii: "$") {
                if peek(position + 1) == UInt8(ascii: "(") { return scanShellSubstitution() }
                if let length = shellVariableLength(at: position, limit: bytes.count) {
                    emitShellVariable(length: length)
                    return true
                }
            }
            if byte == UInt8(ascii: "\\") {
                // Pygments reads an escaped character outside quotes as a string.
                emit(.string, to: min(bytes.count, position + 1 + (peek(position + 1).map(Self.scalarLength) ?? 0)))
                return true
            }
            if byte == UInt8(ascii: "<") { return scanHeredoc() }
        }
        if language.regexLiterals, byte == UInt8(ascii: "/"), regexMayStart(), let end = regexEnd() {
            emit(.string, to: end)
            return true
        }
        return false
    }

    /// A `/` starts a regular expression where a value is expected.
    func regexMayStart() -> Bool {
        guard let previous else { return true }
        switch previous.kind {
        case .keyword: return true
        case .operator: return true
        case .punctuation: return !Self.closingBrackets.contains(previous.byte)
        default: return false
        }
    }

    func regexEnd() -> Int? {
        var index = position + 1
        var inClass = false
        while index < bytes.count {
            let current = bytes[index]
            if current == 0x0A { return nil }
            if current == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if current == UInt8(ascii: "[") { inClass = true }
            if current == UInt8(ascii: "]") { inClass = false }
            if current == UInt8(ascii: "/"), !inClass {
                index += 1
                while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
                return index
            }
            index += 1
        }
        return nil
    }

    mutating func scanNumber() -> Bool {
        let byte = bytes[position]
        let startsNumber =
            Self.isDigit(byte)
            || (byte == UInt8(ascii: ".") && peek(position + 1).map(Self.isDigit) == true
                && !(position > 0 && isIdentifierByte(bytes[position - 1])))
        guard startsNumber else { return false }
        if language.looseWords { return scanShellNumber() }
        var end = position + 1
        while end < bytes.count {
            let current = bytes[end]
            if Self.isDigit(current) || Self.isLetter(current) || language.numberBytes.contains(current) {
                end += 1
            } else if current == UInt8(ascii: "."), peek(end + 1) != UInt8(ascii: "."),
                !(peek(end + 1).map(Self.isLetter) ?? false)
            {
                end += 1
            } else if current == UInt8(ascii: "+") || current == UInt8(ascii: "-"),
                (bytes[end - 1] | 0x20) == UInt8(ascii: "e"),
                !(bytes[position] == UInt8(ascii: "0") && peek(position + 1) == UInt8(ascii: "x"))
            {
                end += 1
            } else {
                break
            }
        }
        emit(.number, to: end)
        return true
    }

    mutating func scanWord() -> Bool {
        let byte = bytes[position]
        if language.looseWords {
            guard !Self.endsShellWord(byte), !language.operators.contains(byte), !language.punctuation.contains(byte) else { return false }
            var end = position + 1
            while end < bytes.count, !Self.endsShellWord(bytes[end]) { end += 1 }
            if language.shellAssignments,
                peek(end) == UInt8(ascii: "=") || (peek(end) == 0x20 && nextSignificantByte(after: end) == UInt8(ascii: "=")),
                scanShellAssignment(to: end)
            {
                return true
            }
            // As Pygments reads shell, a keyword or builtin is one wherever a word starts, not only as a command.
            if let kind = language.words.entry(for: UnsafeBufferPointer(rebasing: bytes[position..<end]))?.kind,
                kind != .builtin || endsShellBuiltin(at: end)
            {
                emit(kind, to: end)
            } else {
                emit(.plain, to: end)
            }
            return true
        }
        guard Self.isLetter(byte) || language.identifierBytes.contains(byte) else { return false }
        var end = position + 1
        while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
        if language.typesAfterColons, scanTypeAnnotation(nameEnd: end) { return true }
        let afterDot = position > 0 && bytes[position - 1] == UInt8(ascii: ".")
        var kind: TokenKind
        if let pending = pendingDefinition {
            kind = pending
            pendingDefinition = nil
        } else if let fixed = language.words.entry(for: UnsafeBufferPointer(rebasing: bytes[position..<end])),
            !(afterDot && fixed.kind != .keyword)
        {
            kind = fixed.kind
            // Only a name right after names something: `function () {` leaves the next word alone.
            if let named = fixed.nextIsNamed, let next = nextSignificantByte(after: end),
                Self.isLetter(next) || language.identifierBytes.contains(next)
            {
                pendingDefinition = named
            }
        } else if language.capitalizedAreTypes, byte >= 0x41, byte <= 0x5A {
            kind = .type
        } else if language.colourCalls, nextSignificantByte(after: end) == UInt8(ascii: "(") {
            kind = .function
        } else {
            kind = .name
        }
        if let key = language.keyBefore, nextSignificantByte(after: end) == key, kind == .name || kind == .type {
            kind = .key
        }
        emit(kind, to: end)
        return true
    }

    mutating func scanSymbol() -> Bool {
        if language.typePositions, scanTypePosition() { return true }
        if language.equalsInBracesArePunctuation, bytes[position] == UInt8(ascii: "="), insideInlineTable() {
            emit(.punctuation, to: position + 1)
            return true
        }
        if ruleStarts.runStarts.contains(bytes[position]) {
            for runIndex in language.symbolRuns.indices where matches(language.symbolRuns[runIndex].symbol, at: position) {
                emit(language.symbolRuns[runIndex].kind, to: position + language.symbolRuns[runIndex].symbol.count)
                return true
            }
        }
        let byte = bytes[position]
        if language.operators.contains(byte) {
            var end = position + 1
            while end < bytes.count, language.operators.contains(bytes[end]) { end += 1 }
            emit(.operator, to: end)
            return true
        }
        if language.punctuation.contains(byte) {
            emit(.punctuation, to: position + 1)
            return true
        }
        return false
    }
}
