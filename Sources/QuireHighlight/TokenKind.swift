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
    var cssClass: String? {
        switch self {
        case .plain, .name: nil
        case .keyword: "hl-keyword"
        case .constant: "hl-constant"
        case .type: "hl-type"
        case .builtin: "hl-builtin"
        case .function: "hl-function"
        case .decorator, .meta: "hl-meta"
        case .key: "hl-key"
        case .variable: "hl-variable"
        case .string: "hl-string"
        case .number: "hl-number"
        case .comment: "hl-comment"
        case .operator: "hl-operator"
        case .punctuation: "hl-punctuation"
        case .section: "hl-section"
        case .inserted: "hl-inserted"
        case .deleted: "hl-deleted"
        case .heading: "hl-heading"
        case .prompt: "hl-prompt"
        }
    }
}

/// One run of bytes of the same kind.
package struct Token: Sendable, Equatable {
    public var kind: TokenKind
    /// Byte offsets into the code's UTF-8.
    package var range: Range<Int>
}
