/// A math alphabet. MathML Core renders no `mathvariant` but "normal", so a
/// styled letter is written as its Unicode mathematical alphanumeric
/// (𝐱, 𝜶, ℝ, 𝔤), which every browser shows and copy keeps.
enum MathFont: Equatable {
    case upright, italic, bold, boldItalic, doubleStruck, script, boldScript, fraktur, boldFraktur
    case sansSerif, sansSerifBold, sansSerifItalic, sansSerifBoldItalic, monospace
    /// `\boldsymbol`: bold italic letters, bold upright digits and capital Greek.
    case boldSymbol

    /// Font commands that take an argument, in math and in text.
    static let commands: [String: MathFont] = [
        "mathbf": .bold, "bold": .bold, "mathbb": .doubleStruck, "Bbb": .doubleStruck, "mathcal": .script,
        "mathscr": .script, "mathfrak": .fraktur, "frak": .fraktur, "mathrm": .upright, "mathnormal": .italic,
        "mathit": .italic, "mathsf": .sansSerif, "mathtt": .monospace, "boldsymbol": .boldSymbol, "bm": .boldSymbol,
        "mathbfit": .boldItalic, "textbf": .bold, "textit": .italic, "textrm": .upright, "textsf": .sansSerif,
        "texttt": .monospace, "textnormal": .upright, "textup": .upright, "textmd": .upright, "emph": .italic,
    ]
    /// Old-style switches that restyle the rest of their group (`{\bf x}`).
    static let switches: [String: MathFont] = [
        "bf": .bold, "rm": .upright, "it": .italic, "sf": .sansSerif, "tt": .monospace, "cal": .script,
        "mit": .italic, "bfseries": .bold, "itshape": .italic, "rmfamily": .upright, "sffamily": .sansSerif,
        "ttfamily": .monospace, "normalfont": .upright, "upshape": .upright, "mdseries": .upright,
    ]

    /// `\textbf{\textit{…}}` is bold italic; any other nesting takes the inner font.
    func combined(with inner: MathFont) -> MathFont {
        switch (self, inner) {
        case (.bold, .italic), (.italic, .bold): .boldItalic
        case (.sansSerif, .bold), (.bold, .sansSerif): .sansSerifBold
        case (.sansSerif, .italic), (.italic, .sansSerif): .sansSerifItalic
        default: inner
        }
    }

    /// The character in this font, or nil when the font does not change it
    /// (then it keeps its default look).
    func apply(to scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        let letter: UInt32? = (65...90).contains(value) ? value - 65 : (97...122).contains(value) ? value - 97 + 26 : nil
        let digit: UInt32? = (48...57).contains(value) ? value - 48 : nil
        if let letter {
            if let special = letterExceptions[value] { return special }
            guard let start = latinStart else { return nil }
            return Unicode.Scalar(start + letter)
        }
        if let digit {
            guard let start = digitStart else { return nil }
            return Unicode.Scalar(start + digit)
        }
        if let index = Self.greekIndex(value), let start = greekStart {
            return Unicode.Scalar(start + index)
        }
        return nil
    }

    /// Whether an identifier in this font still needs `mathvariant="normal"`
    /// (a lone letter is italic by default in MathML).
    var isUpright: Bool {
        switch self {
        case .upright: true
        default: false
        }
    }

    /// `\boldsymbol` makes letters bold italic; Greek capitals and digits bold.
    func forSymbol(upright: Bool) -> MathFont {
        self == .boldSymbol ? (upright ? .bold : .boldItalic) : self
    }

    private var latinStart: UInt32? {
        switch self {
        case .bold: 0x1D400
        case .italic: 0x1D434
        case .boldItalic, .boldSymbol: 0x1D468
        case .script: 0x1D49C
        case .boldScript: 0x1D4D0
        case .fraktur: 0x1D504
        case .doubleStruck: 0x1D538
        case .boldFraktur: 0x1D56C
        case .sansSerif: 0x1D5A0
        case .sansSerifBold: 0x1D5D4
        case .sansSerifItalic: 0x1D608
        case .sansSerifBoldItalic: 0x1D63C
        case .monospace: 0x1D670
        case .upright: nil
        }
    }

    private var digitStart: UInt32? {
        switch self {
        case .bold, .boldSymbol: 0x1D7CE
        case .doubleStruck: 0x1D7D8
        case .sansSerif, .sansSerifItalic: 0x1D7E2
        case .sansSerifBold, .sansSerifBoldItalic: 0x1D7EC
        case .monospace: 0x1D7F6
        default: nil
        }
    }

    private var greekStart: UInt32? {
        switch self {
        case .bold: 0x1D6A8
        case .italic: 0x1D6E2
        case .boldItalic, .boldSymbol: 0x1D71C
        case .sansSerifBold: 0x1D756
        case .sansSerifBoldItalic: 0x1D790
        default: nil
        }
    }

    /// Letters that Unicode encoded earlier, in Letterlike Symbols.
    private var letterExceptions: [UInt32: Unicode.Scalar] {
        switch self {
        case .italic: [104: "ℎ"]
        case .script: [66: "ℬ", 69: "ℰ", 70: "ℱ", 72: "ℋ", 73: "ℐ", 76: "ℒ", 77: "ℳ", 82: "ℛ", 101: "ℯ", 103: "ℊ", 111: "ℴ"]
        case .fraktur: [67: "ℭ", 72: "ℌ", 73: "ℑ", 82: "ℜ", 90: "ℨ"]
        case .doubleStruck: [67: "ℂ", 72: "ℍ", 78: "ℕ", 80: "ℙ", 81: "ℚ", 82: "ℝ", 90: "ℤ"]
        default: [:]
        }
    }

    /// Position of a Greek letter in a mathematical Greek block: capitals
    /// Α–Ω (ϴ in the gap at 17), ∇, small α–ω, ∂, then ϵ ϑ ϰ ϕ ϱ ϖ.
    private static func greekIndex(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x391...0x3A9: value - 0x391
        case 0x3B1...0x3C9: value - 0x3B1 + 26
        case 0x3F5: 52
        case 0x3D1: 53
        case 0x3F0: 54
        case 0x3D5: 55
        case 0x3F1: 56
        case 0x3D6: 57
        case 0x2207: 25
        case 0x2202: 51
        default: nil
        }
    }
}
