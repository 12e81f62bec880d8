/// One TeX token: a command (`\frac`, `\,`), a character, a run of white
/// space, or a macro parameter `#1`. `offset` is the byte offset in the
/// formula where it was written (for a macro's body: where the macro was used).
struct TeXToken: Equatable {
    enum Kind: Equatable { case command, character, space, parameter }
    var kind: Kind
    var text: String
    var offset: Int

    func `is`(_ character: String) -> Bool { kind == .character && text == character }
    func isCommand(_ name: String) -> Bool { kind == .command && text == name }

    /// The token as TeX source (for `\text` raw arguments and messages).
    var source: String {
        switch kind {
        case .command: "\\" + text
        case .parameter: "#" + text
        case .space: " "
        case .character: text
        }
    }

    /// Splits TeX into tokens. `%` starts a comment to the end of the line;
    /// a command made of letters swallows the spaces after it, as in TeX.
    static func tokenize(_ source: String, offsetBase: Int? = nil) -> [TeXToken] {
        let bytes = Array(source.utf8)
        var tokens: [TeXToken] = []
        var position = 0
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        while position < bytes.count {
            let start = position
            let byte = bytes[position]
            let offset = offsetBase ?? start
            if isSpace(byte) {
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                tokens.append(TeXToken(kind: .space, text: " ", offset: offset))
            } else if byte == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 10 { position += 1 }
            } else if byte == UInt8(ascii: "\\") {
                position += 1
                guard position < bytes.count else {
                    tokens.append(TeXToken(kind: .command, text: "", offset: offset))
                    break
                }
                if isLetter(bytes[position]) {
                    while position < bytes.count, isLetter(bytes[position]) { position += 1 }
                    let name = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
                    tokens.append(TeXToken(kind: .command, text: name, offset: offset))
                    while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                } else if bytes[position] == 10 || bytes[position] == 13 || bytes[position] == 9 {
                    // TeX reads the end of a line as a space, so `\` before it is `\ `.
                    position += 1
                    tokens.append(TeXToken(kind: .command, text: " ", offset: offset))
                } else {
                    position += 1
                    while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
                    tokens.append(
                        TeXToken(kind: .command, text: String(decoding: bytes[(start + 1)..<position], as: UTF8.self), offset: offset))
                }
            } else if byte == UInt8(ascii: "#"), position + 1 < bytes.count, (49...57).contains(bytes[position + 1]) {
                position += 2
                tokens.append(TeXToken(kind: .parameter, text: String(UnicodeScalar(bytes[start + 1])), offset: offset))
            } else {
                position += 1
                while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
                tokens.append(TeXToken(kind: .character, text: String(decoding: bytes[start..<position], as: UTF8.self), offset: offset))
            }
        }
        return tokens
    }
}

/// Macros an author defines: site-wide in `quire.yaml` (`math_macros`) or in
/// a post with `\newcommand`, `\renewcommand` and `\def`. A definition made
/// in one formula stays for the later formulas of the same post, as KaTeX's
/// `globalGroup` and Pandoc do, so a post can define its notation once.
public struct TeXMacros: Sendable, Equatable {
    struct Macro: Sendable, Equatable {
        var parameters: Int
        /// The first parameter is optional (`\newcommand{\x}[2][0]{…}`) with this default.
        var optionalDefault: [TeXToken]?
        var body: [TeXToken]
    }

    var table: [String: Macro] = [:]

    public init() {}

    /// Site macros: name (with or without its backslash) → replacement TeX,
    /// whose `#1`…`#9` are its arguments.
    public init(_ definitions: [String: String]) {
        for (name, body) in definitions {
            let tokens = TeXToken.tokenize(body)
            let parameters = tokens.compactMap { $0.kind == .parameter ? Int($0.text) : nil }.max() ?? 0
            table[name.hasPrefix("\\") ? String(name.dropFirst()) : name] = Macro(
                parameters: parameters, optionalDefault: nil, body: tokens)
        }
    }

    public var isEmpty: Bool { table.isEmpty }
    public var names: [String] { table.keys.sorted() }
}

extension TeXToken: Sendable {}
extension TeXToken.Kind: Sendable {}

/// The tokens of a formula with macros expanded as they are read. Expansion
/// is a loop over a stack of pending tokens, never recursion, and stops after
/// `maximumExpansions` (a macro that uses itself is an error, not a hang).
struct TeXTokenStream {
    static let maximumExpansions = 1_000
    static let maximumPending = 100_000

    private var tokens: [TeXToken]
    private var index = 0
    /// Tokens from macro bodies, next one last.
    private var pending: [TeXToken] = []
    var macros: TeXMacros
    private var expansions = 0
    let end: Int

    init(_ source: String, macros: TeXMacros) {
        tokens = TeXToken.tokenize(source)
        self.macros = macros
        end = source.utf8.count
    }

    /// The next token as written, without expanding it.
    func peekRaw() -> TeXToken? { pending.last ?? (index < tokens.count ? tokens[index] : nil) }

    mutating func nextRaw() -> TeXToken? {
        if let token = pending.popLast() { return token }
        guard index < tokens.count else { return nil }
        index += 1
        return tokens[index - 1]
    }

    mutating func pushBack(_ token: TeXToken) { pending.append(token) }

    /// Offset of the next token, or the end of the formula.
    var offset: Int { peekRaw()?.offset ?? end }

    /// The next token after expanding any macros at the front.
    mutating func peek() throws(TeXToMathML.Failure) -> TeXToken? {
        while let token = peekRaw(), token.kind == .command, let macro = macros.table[token.text] {
            _ = nextRaw()
            try expand(macro, named: token)
        }
        return peekRaw()
    }

    mutating func next() throws(TeXToMathML.Failure) -> TeXToken? {
        _ = try peek()
        return nextRaw()
    }

    /// The next token that is not white space (expanded).
    mutating func peekNonSpace() throws(TeXToMathML.Failure) -> TeXToken? {
        while let token = try peek(), token.kind == .space { _ = nextRaw() }
        return try peek()
    }

    mutating func skipSpaces() {
        while let token = peekRaw(), token.kind == .space { _ = nextRaw() }
    }

    private mutating func expand(_ macro: TeXMacros.Macro, named use: TeXToken) throws(TeXToMathML.Failure) {
        expansions += 1
        guard expansions <= Self.maximumExpansions, pending.count < Self.maximumPending else {
            throw TeXToMathML.Failure(
                message: "macro \\\(use.text) expands without end (more than \(Self.maximumExpansions) expansions)",
                offset: use.offset, hint: "a macro that uses itself never stops; check its definition")
        }
        var arguments: [[TeXToken]] = []
        var remaining = macro.parameters
        if let fallback = macro.optionalDefault {
            skipSpaces()
            if let token = peekRaw(), token.is("[") {
                _ = nextRaw()
                arguments.append(try readUntilBracket(opening: token))
            } else {
                arguments.append(fallback)
            }
            remaining -= 1
        }
        for _ in 0..<max(remaining, 0) {
            arguments.append(try readRawArgument(for: use))
        }
        var body: [TeXToken] = []
        body.reserveCapacity(macro.body.count)
        for token in macro.body {
            if token.kind == .parameter, let number = Int(token.text), number >= 1 {
                guard number <= arguments.count else {
                    throw TeXToMathML.Failure(
                        message:
                            "macro \\\(use.text) uses #\(number) but takes \(arguments.count) argument\(arguments.count == 1 ? "" : "s")",
                        offset: use.offset, hint: nil)
                }
                body += arguments[number - 1].map { TeXToken(kind: $0.kind, text: $0.text, offset: use.offset) }
            } else {
                body.append(TeXToken(kind: token.kind, text: token.text, offset: use.offset))
            }
        }
        pending += body.reversed()
    }

    /// One undelimited argument, unexpanded: a balanced `{…}` without its
    /// braces, or a single token.
    mutating func readRawArgument(for use: TeXToken) throws(TeXToMathML.Failure) -> [TeXToken] {
        skipSpaces()
        guard let first = nextRaw() else {
            throw TeXToMathML.Failure(message: "\\\(use.text) needs an argument", offset: use.offset, hint: "write \\\(use.text){…}")
        }
        guard first.is("{") else {
            if first.is("}") {
                throw TeXToMathML.Failure(message: "\\\(use.text) needs an argument", offset: first.offset, hint: "write \\\(use.text){…}")
            }
            return [first]
        }
        return try readBalanced(opening: first)
    }

    /// Tokens up to the `}` that closes `opening`, which was just read.
    mutating func readBalanced(opening: TeXToken) throws(TeXToMathML.Failure) -> [TeXToken] {
        var depth = 1
        var collected: [TeXToken] = []
        while let token = nextRaw() {
            if token.is("{") { depth += 1 }
            if token.is("}") {
                depth -= 1
                if depth == 0 { return collected }
            }
            collected.append(token)
        }
        throw TeXToMathML.Failure(message: "'{' is never closed", offset: opening.offset, hint: nil)
    }

    /// Tokens up to the `]` (outside braces) that closes an optional argument.
    mutating func readUntilBracket(opening: TeXToken) throws(TeXToMathML.Failure) -> [TeXToken] {
        var depth = 0
        var collected: [TeXToken] = []
        while let token = nextRaw() {
            if token.is("{") { depth += 1 }
            if token.is("}") { depth -= 1 }
            if token.is("]"), depth == 0 { return collected }
            collected.append(token)
        }
        throw TeXToMathML.Failure(message: "'[' is never closed", offset: opening.offset, hint: "close it with ']'")
    }

    /// Puts tokens back to be read next, in order.
    mutating func insert(_ tokens: [TeXToken]) {
        pending += tokens.reversed()
    }
}
