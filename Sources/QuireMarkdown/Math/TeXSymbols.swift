/// The TeX commands quire's math understands, by what they become in MathML.
enum TeXSymbols {
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
        "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    ]
    /// Upright by convention.
    static let upperGreek: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]
    static let functions: Set<String> = [
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "exp",
        "max", "min", "sup", "inf", "arg", "det", "dim", "ker", "deg", "gcd", "Pr", "lim", "liminf", "limsup", "argmax", "argmin",
    ]
    /// Functions whose subscript sits under them in display math.
    static let limitFunctions: Set<String> = ["lim", "max", "min", "sup", "inf", "liminf", "limsup", "argmax", "argmin", "det", "gcd", "Pr"]
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮",
        "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
    ]
    static let operators: [String: String] = [
        "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆", "circ": "∘", "bullet": "∙",
        "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
        "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "prec": "≺", "succ": "≻",
        "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇",
        "cup": "∪", "cap": "∩", "setminus": "∖", "oplus": "⊕", "otimes": "⊗", "odot": "⊙", "wedge": "∧", "land": "∧",
        "vee": "∨", "lor": "∨", "neg": "¬", "lnot": "¬", "forall": "∀", "exists": "∃", "nexists": "∄",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
        "Leftarrow": "⇐", "Leftrightarrow": "⇔", "iff": "⟺", "implies": "⟹", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
        "mid": "∣", "parallel": "∥", "perp": "⊥", "top": "⊤", "bot": "⊥", "vdash": "⊢", "models": "⊨",
        "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "dots": "…", "colon": ":", "prime": "′",
        "langle": "⟨", "rangle": "⟩", "lceil": "⌈", "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋",
        "lvert": "|", "rvert": "|", "vert": "|", "lVert": "‖", "rVert": "‖", "Vert": "‖", "|": "‖",
        "{": "{", "}": "}", "backslash": "∖", "%": "%", "$": "$", "#": "#", "&": "&", "_": "_",
    ]
    static let identifiers: [String: String] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "emptyset": "∅", "varnothing": "∅", "ell": "ℓ", "hbar": "ℏ",
        "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "imath": "ı", "jmath": "ȷ", "angle": "∠", "triangle": "△", "square": "□",
    ]
    /// Thin to wide spaces, in em.
    static let spaces: [String: String] = [
        ",": "0.1667em", ":": "0.2222em", ">": "0.2222em", ";": "0.2778em", " ": "0.3333em", "quad": "1em", "qquad": "2em",
        "enspace": "0.5em", "!": "-0.1667em",
    ]
    static let accents: [String: String] = [
        "hat": "^", "widehat": "^", "bar": "¯", "overline": "¯", "tilde": "˜", "widetilde": "˜", "vec": "→", "dot": "˙",
        "ddot": "¨", "check": "ˇ", "breve": "˘", "acute": "´", "grave": "`", "overrightarrow": "→",
    ]
    static let fonts: [String: MathFont] = [
        "mathbf": .bold, "boldsymbol": .bold, "bm": .bold, "mathbb": .doubleStruck, "mathcal": .script, "mathscr": .script,
        "mathrm": .upright, "operatorname": .upright, "mathit": .italic, "mathsf": .upright, "mathtt": .upright,
    ]
    static let delimiters: [String: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", ".": "", "/": "/",
        "\\{": "{", "\\}": "}", "\\langle": "⟨", "\\rangle": "⟩", "\\|": "‖", "\\lvert": "|", "\\rvert": "|",
        "\\lVert": "‖", "\\rVert": "‖", "\\lceil": "⌈", "\\rceil": "⌉", "\\lfloor": "⌊", "\\rfloor": "⌋", "\\vert": "|", "\\Vert": "‖",
    ]
    static let environments: [String: (open: String, close: String)] = [
        "matrix": ("", ""), "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"), "vmatrix": ("|", "|"),
        "Vmatrix": ("‖", "‖"), "cases": ("{", ""), "aligned": ("", ""), "align": ("", ""), "align*": ("", ""), "array": ("", ""),
    ]
}

enum MathFont {
    case bold, doubleStruck, script, upright, italic

    /// Letters in the font, as Unicode's mathematical alphanumerics (MathML
    /// Core renders no mathvariant but "normal", so the character must carry it).
    func apply(to text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let value = scalar.value
            let upper = value >= 65 && value <= 90, lower = value >= 97 && value <= 122, digit = value >= 48 && value <= 57
            switch self {
            case .bold:
                if upper { return Character(Unicode.Scalar(0x1D400 + value - 65)!) }
                if lower { return Character(Unicode.Scalar(0x1D41A + value - 97)!) }
                if digit { return Character(Unicode.Scalar(0x1D7CE + value - 48)!) }
            case .doubleStruck:
                let exceptions: [UInt32: Character] = [67: "ℂ", 72: "ℍ", 78: "ℕ", 80: "ℙ", 81: "ℚ", 82: "ℝ", 90: "ℤ"]
                if let special = exceptions[value] { return special }
                if upper { return Character(Unicode.Scalar(0x1D538 + value - 65)!) }
                if lower { return Character(Unicode.Scalar(0x1D552 + value - 97)!) }
                if digit { return Character(Unicode.Scalar(0x1D7D8 + value - 48)!) }
            case .script:
                let exceptions: [UInt32: Character] = [66: "ℬ", 69: "ℰ", 70: "ℱ", 72: "ℋ", 73: "ℐ", 76: "ℒ", 77: "ℳ", 82: "ℛ", 101: "ℯ", 103: "ℊ", 111: "ℴ"]
                if let special = exceptions[value] { return special }
                if upper { return Character(Unicode.Scalar(0x1D49C + value - 65)!) }
                if lower { return Character(Unicode.Scalar(0x1D4B6 + value - 97)!) }
            case .upright, .italic:
                break
            }
            return Character(scalar)
        })
    }
}
