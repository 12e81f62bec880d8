/// A language as the tokenizer sees it: a table of rules, no code. Every
/// language runs through the same engine (`Tokenizer`); what differs is here.
struct Language: Sendable {
    /// How the engine walks the text.
    enum Mode: Sendable {
        /// Tokens found by the rules below.
        case code
        /// Whole lines coloured by their first character.
        case diff
        /// `$ ` lines are shell commands, the rest output.
        case console
        /// Keys, indicators and scalars by their place on the line.
        case yaml
    }

    /// A quoted literal: `open` … `close`.
    struct Quote: Sendable {
        let open: [UInt8]
        let close: [UInt8]
        let escapes: Bool
        var multiline = false
        /// Letters allowed right before `open` (Python's `rb"…"`, Rust's `b'…'`).
        var prefixes: ByteSet = []
        /// No literal if `close` is not found within this many bytes.
        var maxLength: Int?
        /// One character, perhaps escaped (Rust's `'a'`, against the lifetime `'a`).
        var character = false
        /// `$name` and `${…}` inside are variables (shell double quotes).
        var shellInterpolation = false
        /// Code inside the literal, between `open` and the closing bracket (Swift's `\\(…)`, JavaScript's `${…}`).
        let interpolation: (open: [UInt8], close: UInt8)?
        /// The bytes the scan inside the literal must stop at (the close's first, `\\`, a line break,
        /// an interpolation's opening); every other byte is passed over without trying each rule.
        let stops: ByteSet

        init(
            _ open: String, _ close: String? = nil, escapes: Bool = true, multiline: Bool = false,
            prefixes: String = "", maxLength: Int? = nil, character: Bool = false, shellInterpolation: Bool = false,
            interpolation: (String, Character)? = nil
        ) {
            self.open = Array(open.utf8)
            self.close = Array((close ?? open).utf8)
            self.escapes = escapes
            self.multiline = multiline
            self.prefixes = ByteSet(prefixes)
            self.maxLength = maxLength
            self.character = character
            self.shellInterpolation = shellInterpolation
            self.interpolation = interpolation.map { (Array($0.0.utf8), $0.1.asciiValue ?? 0) }
            var stops: ByteSet = [0x0A, self.close[0]]
            if escapes { stops.insert(UInt8(ascii: "\\")) }
            if let opening = self.interpolation?.open.first { stops.insert(opening) }
            self.stops = stops
        }
    }

    var mode: Mode = .code
    var lineComments: [[UInt8]] = []
    /// Line comments that document the next item, read as strings like Python's docstrings (Rust's `///`).
    var docComments: [[UInt8]] = []
    /// A line comment must start a word (shell: `$#` and `a#b` are not comments).
    var lineCommentAtWordStart = false
    var blockComments: [(open: [UInt8], close: [UInt8])] = []
    var blockCommentsNest = false
    var quotes: [Quote] = []
    /// Words with a fixed kind, and the keywords that name what follows them.
    var words = WordTable([])
    /// Bytes besides letters, digits and `_` that continue an identifier (`$` in JavaScript).
    var identifierBytes: ByteSet = []
    /// Shell words: anything but a separator is part of the word (`--version`, `/usr/bin`).
    var looseWords = false
    var operators: ByteSet = []
    var punctuation: ByteSet = []
    /// Exact runs of symbols with their own kind (Swift's `->` is punctuation,
    /// its `==` an operator), tried longest first before single bytes.
    var symbolRuns: [(symbol: [UInt8], kind: TokenKind)] = []
    /// Identifiers starting with a capital letter are types (Swift, Rust, TypeScript).
    var capitalizedAreTypes = false
    /// An identifier followed by `(` is a call.
    var colourCalls = false
    /// `@name` is a decorator or attribute.
    var decorators = false
    /// `#` at a line's start begins a preprocessor line (C, C++).
    var preprocessor = false
    /// Rust's `#[…]` and `#![…]`.
    var hashAttributes = false
    /// Swift's `#if`, `#available`: `#word` is meta.
    var hashWords = false
    /// `$name`, `${…}`, `$(`: shell variables and expansions.
    var shellVariables = false
    /// `name=` at a word's start assigns a shell variable.
    var shellAssignments = false
    /// `name: word` (TypeScript): the name is a name whatever it spells, the word after the colon a type,
    /// as Pygments reads it (and so also in object literals and `a ? b : c`).
    var typesAfterColons = false
    /// Words that keep their own kind before such a colon (Pygments tries them first: `type: x` is a keyword and a name).
    var wordsBeforeColons = WordTable([])
    /// After `:` and `->` a type is expected (Rust, as Pygments reads it): a `&` there is a keyword, and the
    /// word after it a name unless it is one of `typeWords` (`&mut self` has a name `mut`, `-> u8` a keyword).
    var typePositions = false
    var typeWords = WordTable([])
    /// `=` inside `{ … }` on its line is punctuation, elsewhere an operator (TOML's inline tables, as Pygments has it).
    var equalsInBracesArePunctuation = false
    /// `/…/flags` where a value may start (JavaScript).
    var regexLiterals = false
    /// A string or identifier followed by this byte is a key (JSON's `:`, TOML's `=`).
    var keyBefore: UInt8?
    /// Only identifiers are keys, quoted keys stay strings (TOML).
    var keysAreBare = false
    /// `[header]` at a line's start (TOML).
    var sectionHeaders = false
    /// Numbers may hold these too (TOML dates: `1979-05-27T07:32:00Z`).
    var numberBytes: ByteSet = []

    /// Which rules each byte can start, worked out once per language by `prepared()`.
    private(set) var ruleStarts: RuleStarts?

    /// The table with its first-byte dispatch filled in: every table in `Languages` ends with this.
    func prepared() -> Language {
        var language = self
        language.ruleStarts = RuleStarts(language)
        return language
    }
}

/// For each byte value, the rules that can start with it: a position tries
/// only those, where trying each rule in turn cost a call and a test per rule
/// for nearly every byte of the code.
/// `@unchecked Sendable`: `table` is written only while the value is made.
struct RuleStarts: @unchecked Sendable {
    struct Rules: OptionSet, Sendable {
        let rawValue: UInt16
        static let comment = Rules(rawValue: 1 << 0)
        static let lineStart = Rules(rawValue: 1 << 1)
        static let quote = Rules(rawValue: 1 << 2)
        static let sigil = Rules(rawValue: 1 << 3)
        static let number = Rules(rawValue: 1 << 4)
        static let word = Rules(rawValue: 1 << 5)
        static let symbol = Rules(rawValue: 1 << 6)
        /// Not a rule: the byte continues an identifier (letters, digits, `_`, any non-ASCII byte and the language's own).
        static let identifier = Rules(rawValue: 1 << 7)
        /// Not a rule: white space.
        static let space = Rules(rawValue: 1 << 8)
    }

    /// The table, 256 entries, read for nearly every byte of code: behind a
    /// pointer, so a read is one load with no bounds check. Owned by `storage`.
    let table: UnsafePointer<Rules>
    private let storage: RuleTableStorage
    /// First bytes of the quotes' openings, without their prefixes.
    let quoteOpens: ByteSet
    /// First bytes of the exact symbol runs.
    let runStarts: ByteSet
    /// The bytes that continue an identifier: letters, digits, `_`, any non-ASCII byte and the language's own.
    let identifierBytes: ByteSet
    /// Every rule needs one of its starts to be tried at all; each is the test that rule's scan begins with.
    init(_ language: Language) {
        var comments = ByteSet()
        var quoteStarts = ByteSet()
        var quoteOpens = ByteSet()
        var runs = ByteSet()
        for prefix in language.lineComments { comments.insert(prefix[0]) }
        for prefix in language.docComments { comments.insert(prefix[0]) }
        for comment in language.blockComments { comments.insert(comment.open[0]) }
        for quote in language.quotes {
            quoteOpens.insert(quote.open[0])
            quoteStarts.insert(quote.open[0])
            quoteStarts.formUnion(quote.prefixes)
        }
        for run in language.symbolRuns { runs.insert(run.symbol[0]) }
        self.quoteOpens = quoteOpens
        runStarts = runs
        var identifierBytes = language.identifierBytes
        for byte in 0...255 where Tokenizer.isLetter(UInt8(byte)) || Tokenizer.isDigit(UInt8(byte)) { identifierBytes.insert(UInt8(byte)) }
        self.identifierBytes = identifierBytes
        storage = RuleTableStorage(
            (0...255).map { (byte: UInt8) -> Rules in
                var rules: Rules = []
                if comments.contains(byte) { rules.insert(.comment) }
                let hash = byte == UInt8(ascii: "#")
                if (hash && (language.preprocessor || language.hashAttributes || language.hashWords))
                    || (language.sectionHeaders && byte == UInt8(ascii: "["))
                {
                    rules.insert(.lineStart)
                }
                if quoteStarts.contains(byte) { rules.insert(.quote) }
                if (language.decorators && byte == UInt8(ascii: "@"))
                    || (language.shellVariables && (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<")))
                    || (language.regexLiterals && byte == UInt8(ascii: "/"))
                {
                    rules.insert(.sigil)
                }
                if Tokenizer.isDigit(byte) || byte == UInt8(ascii: ".") { rules.insert(.number) }
                let startsWord =
                    language.looseWords
                    ? !Tokenizer.endsShellWord(byte) && !language.operators.contains(byte) && !language.punctuation.contains(byte)
                    : Tokenizer.isLetter(byte) || language.identifierBytes.contains(byte)
                if startsWord { rules.insert(.word) }
                if runs.contains(byte) || language.operators.contains(byte) || language.punctuation.contains(byte) {
                    rules.insert(.symbol)
                }
                if identifierBytes.contains(byte) { rules.insert(.identifier) }
                if Tokenizer.isSpace(byte) { rules.insert(.space) }
                return rules
            })
        table = UnsafePointer(storage.pointer)
    }

    @inline(__always)
    subscript(byte: UInt8) -> Rules { table[Int(byte)] }
}

/// Keeps a `RuleStarts` table alive and frees it.
private final class RuleTableStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<RuleStarts.Rules>

    init(_ rules: [RuleStarts.Rules]) {
        pointer = .allocate(capacity: rules.count)
        pointer.initialize(from: rules, count: rules.count)
    }

    deinit { pointer.deallocate() }
}

/// A set of bytes as a 256-bit map: the tokenizer asks "is this byte one of
/// them?" for nearly every byte of the code, and a hashed set is slow at that.
struct ByteSet: Sendable, ExpressibleByArrayLiteral {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    static let all = ByteSet(bits: (~0, ~0, ~0, ~0))

    private init(bits: (UInt64, UInt64, UInt64, UInt64)) { self.bits = bits }

    init(_ text: String) {
        for byte in text.utf8 { insert(byte) }
    }

    init(arrayLiteral bytes: UInt8...) {
        for byte in bytes { insert(byte) }
    }

    mutating func formUnion(_ other: ByteSet) {
        bits = (bits.0 | other.bits.0, bits.1 | other.bits.1, bits.2 | other.bits.2, bits.3 | other.bits.3)
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        // The word picked by selects, not by a switch (a branch to mispredict on every byte of code)
        // nor by address (the words would be stored to memory and read back on every byte).
        let odd = byte & 0x40 != 0
        let low = odd ? bits.1 : bits.0
        let high = odd ? bits.3 : bits.2
        let word = byte < 0x80 ? low : high
        return word >> UInt64(byte & 63) & 1 != 0
    }

    var isEmpty: Bool { bits == (0, 0, 0, 0) }
}
