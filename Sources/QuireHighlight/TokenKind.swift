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
