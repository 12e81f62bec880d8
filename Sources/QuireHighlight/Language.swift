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
        var open: [UInt8]
        var close: [UInt8]
        var escapes = true
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
        var interpolation: (open: [UInt8], close: UInt8)?

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
}

/// A set of bytes as a 256-bit map: the tokenizer asks "is this byte one of
/// them?" for nearly every byte of the code, and a hashed set is slow at that.
struct ByteSet: Sendable, ExpressibleByArrayLiteral {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

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
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }

    var isEmpty: Bool { bits == (0, 0, 0, 0) }
}
