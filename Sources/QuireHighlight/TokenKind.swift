/// What a piece of code is, as far as colouring it goes.
public enum TokenKind: UInt8, Sendable, CaseIterable {
    /// Whitespace, shell words, console output: no colour.
    case plain
    /// An identifier with no special role: no colour either.
    case name
    case keyword
    /// `true`, `None`, `nil`, `null`.
    case constant
    case type
    case builtin
    /// A name being defined or called.
    case function
    /// Python's `@decorator`, Swift's `@MainActor`.
    case decorator
    /// A key of a JSON object, a YAML mapping or a TOML table.
    case key
    /// A shell variable, a YAML anchor.
    case variable
    case string
    case number
    case comment
    /// Preprocessor lines, Rust attributes.
    case meta
    case `operator`
    case punctuation
    /// A TOML table header.
    case section
    case inserted
    case deleted
    /// A diff's file and hunk headers.
    case heading
    /// A console's `$ ` prompt.
    case prompt

    /// The class of the `<span>` around it in HTML; nil when it is left uncoloured.
    ///
    /// The classes are Pygments' short names for the same categories, which
    /// Rouge and Chroma write too, so a style sheet made for any of them
    /// colours quire's code. Short also matters: a block has a span for every
    /// few bytes, and each one is carried by the page and by every feed.
    /// Punctuation keeps the text's colour, as on GitHub and in Pygments'
    /// default style: it is a third of a block's tokens.
    var cssClass: String? {
        switch self {
        case .plain, .name, .punctuation: nil
        case .keyword: "k"
        case .constant: "kc"
        case .type: "kt"
        case .builtin: "nb"
        case .function: "nf"
        case .decorator: "nd"
        case .meta: "cp"
        case .key: "nt"
        case .variable: "nv"
        case .string: "s"
        case .number: "m"
        case .comment: "c"
        case .operator: "o"
        // Pygments gives a TOML table header no class of its own; it reads as a heading.
        case .section, .heading: "gh"
        case .inserted: "gi"
        case .deleted: "gd"
        case .prompt: "gp"
        }
    }
}

/// One run of bytes of the same kind.
package struct Token: Sendable, Equatable {
    public var kind: TokenKind
    /// Byte offsets into the code's UTF-8.
    package var range: Range<Int>
}

/// The tokens of one block, in order, as the tokenizer left them in its
/// buffer (`TokenBuffer`); freed with the store.
package final class TokenStore: RandomAccessCollection {
    private let storage: UnsafeMutablePointer<Token>
    package let count: Int

    init(taking buffer: TokenBuffer) {
        storage = buffer.storage
        count = buffer.count
    }

    deinit { storage.deallocate() }

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }

    package subscript(index: Int) -> Token {
        precondition(index >= 0 && index < count, "token index out of range")
        return storage[index]
    }

    /// The token at `index`, unchecked: for the writer's loop over `0..<count`.
    @inline(__always)
    func unchecked(_ index: Int) -> Token { storage[index] }
}

/// Where the tokenizer puts tokens as it finds them. Emitting is most of
/// what it does, so this is a bare buffer in the tokenizer's own (struct)
/// storage: an array would check its uniqueness and a class its exclusive
/// access at every append. It is handed to a `TokenStore`, which frees it.
struct TokenBuffer {
    fileprivate(set) var storage: UnsafeMutablePointer<Token>
    private var capacity: Int
    fileprivate(set) var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    /// Adds `start..<end` as `kind`, or lengthens the last token when it is
    /// of the same kind and ends at `start`.
    @inline(__always)
    mutating func append(_ kind: TokenKind, from start: Int, to end: Int) {
        if count > 0 {
            let last = storage + (count - 1)
            if last.pointee.kind == kind, last.pointee.range.upperBound == start {
                last.pointee.range = last.pointee.range.lowerBound..<end
                return
            }
        }
        if count == capacity { grow() }
        (storage + count).initialize(to: Token(kind: kind, range: start..<end))
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Token>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}
