/// How TeX spaces and places an atom; it decides `\dots` by context, limits
/// under operators, and whether `\not` applies.
enum MathClass: Equatable {
    case ordinary, binary, relation, open, close, punctuation, largeOperator, function, inner
}

/// The TeX commands that stand for one character, by what they become in
/// MathML. Values are Unicode; the class decides `<mi>` or `<mo>`.
enum TeXSymbols {
    static let lowerGreek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς",
        "tau": "τ", "upsilon": "υ", "thetasym": "ϑ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    ]
    /// Upright by convention.
    static let upperGreek: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H",
        "Iota": "I", "Kappa": "K", "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T", "Chi": "X",
    ]
    /// Italic capitals.
    static let varGreek: [String: String] = [
        "varGamma": "Γ", "varDelta": "Δ", "varTheta": "Θ", "varLambda": "Λ", "varXi": "Ξ", "varPi": "Π", "varSigma": "Σ",
        "varUpsilon": "Υ", "varPhi": "Φ", "varPsi": "Ψ", "varOmega": "Ω",
    ]
    /// Ordinary symbols, set upright as identifiers.
    static let ordinary: [String: String] = [
        "infty": "∞", "varkappa": "ϰ", "digamma": "ϝ", "partial": "∂", "nabla": "∇", "emptyset": "∅", "varnothing": "∅", "ell": "ℓ",
        "hbar": "ℏ",
        "hslash": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "beth": "ℶ", "gimel": "ℷ", "daleth": "ℸ", "imath": "ı",
        "jmath": "ȷ", "wp": "℘", "angle": "∠", "measuredangle": "∡", "sphericalangle": "∢", "triangle": "△",
        "triangledown": "▽", "vartriangle": "△", "square": "□", "Box": "□", "blacksquare": "■", "lozenge": "◊",
        "blacklozenge": "⧫", "Diamond": "◊", "bigstar": "★", "blacktriangle": "▲", "blacktriangledown": "▼",
        "forall": "∀", "exists": "∃", "nexists": "∄", "neg": "¬", "lnot": "¬", "top": "⊤", "bot": "⊥", "prime": "′",
        "backprime": "‵", "surd": "√", "degree": "°", "dag": "†", "ddag": "‡", "dagger": "†", "ddagger": "‡",
        "clubsuit": "♣", "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠", "flat": "♭", "natural": "♮",
        "sharp": "♯", "checkmark": "✓", "maltese": "✠", "circledR": "®", "circledS": "Ⓢ", "complement": "∁",
        "Finv": "Ⅎ", "Game": "⅁", "mho": "℧", "eth": "ð", "diagup": "╱", "diagdown": "╲", "S": "§", "P": "¶",
        "pounds": "£", "mathsterling": "£", "yen": "¥", "copyright": "©", "backslash": "\\", "vert": "∣", "Vert": "∥",
        "|": "∥", "#": "#", "%": "%", "&": "&", "$": "$", "_": "_", "textbackslash": "\\", "varvdots": "⋮",
        "vdots": "⋮", "infin": "∞", "mathdollar": "$", "sect": "§", "KaTeX": "KaTeX", "TeX": "TeX", "LaTeX": "LaTeX",
    ]
    /// Ellipses by name; `\dots` picks one of these by what follows it.
    static let dots: [String: String] = [
        "ldots": "…", "cdots": "⋯", "ddots": "⋱", "mathellipsis": "…", "dotsc": "…", "dotso": "…", "dotsx": "…",
        "dotsb": "⋯", "dotsm": "⋯", "dotsi": "⋯", "idotsint": "∫⋯∫",
    ]
    static let binary: [String: String] = [
        "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "⋅", "centerdot": "⋅", "ast": "∗", "star": "⋆",
        "circ": "∘", "bullet": "∙", "bigcirc": "◯", "diamond": "⋄", "cup": "∪", "cap": "∩", "Cup": "⋓", "Cap": "⋒",
        "doublecup": "⋓", "doublecap": "⋒", "sqcup": "⊔", "sqcap": "⊓", "uplus": "⊎", "vee": "∨", "lor": "∨",
        "wedge": "∧", "land": "∧", "setminus": "∖", "smallsetminus": "∖", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗",
        "oslash": "⊘", "odot": "⊙", "circledast": "⊛", "circledcirc": "⊚", "circleddash": "⊝", "boxplus": "⊞",
        "boxminus": "⊟", "boxtimes": "⊠", "boxdot": "⊡", "amalg": "⨿", "wr": "≀", "intercal": "⊺", "barwedge": "⊼",
        "veebar": "⊻", "doublebarwedge": "⩞", "curlyvee": "⋎", "curlywedge": "⋏", "dotplus": "∔",
        "divideontimes": "⋇", "ltimes": "⋉", "rtimes": "⋊", "leftthreetimes": "⋋", "rightthreetimes": "⋌",
        "lessdot": "⋖", "gtrdot": "⋗", "triangleleft": "◃", "triangleright": "▹", "bigtriangleup": "△",
        "bigtriangledown": "▽", "lhd": "⊲", "rhd": "⊳", "unlhd": "⊴", "unrhd": "⊵", "And": "&",
    ]
    static let relation: [String: String] = [
        "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "lt": "<", "gt": ">", "approx": "≈",
        "approxeq": "≊", "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "varpropto": "∝",
        "asymp": "≍", "doteq": "≐", "doteqdot": "≑", "Doteq": "≑", "ll": "≪", "gg": "≫", "lll": "⋘", "ggg": "⋙",
        "llless": "⋘", "gggtr": "⋙", "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "preccurlyeq": "≼",
        "succcurlyeq": "≽", "precsim": "≾", "succsim": "≿", "precapprox": "⪷", "succapprox": "⪸", "in": "∈",
        "notin": "∉", "ni": "∋", "owns": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇",
        "subseteqq": "⫅", "supseteqq": "⫆", "subsetneq": "⊊", "supsetneq": "⊋", "subsetneqq": "⫋", "supsetneqq": "⫌",
        "Subset": "⋐", "Supset": "⋑", "sqsubset": "⊏", "sqsupset": "⊐", "sqsubseteq": "⊑", "sqsupseteq": "⊒",
        "mid": "∣", "parallel": "∥", "nmid": "∤", "nparallel": "∦", "shortmid": "∣", "shortparallel": "∥", "perp": "⊥",
        "vdash": "⊢", "dashv": "⊣", "models": "⊨", "vDash": "⊨", "Vdash": "⊩", "Vvdash": "⊪", "nvdash": "⊬",
        "nvDash": "⊭", "nVdash": "⊮", "nVDash": "⊯", "smile": "⌣", "frown": "⌢", "smallsmile": "⌣", "smallfrown": "⌢",
        "bowtie": "⋈", "Join": "⋈", "leqq": "≦", "geqq": "≧", "leqslant": "⩽", "geqslant": "⩾", "eqslantless": "⪕",
        "eqslantgtr": "⪖", "lesssim": "≲", "gtrsim": "≳", "lessapprox": "⪅", "gtrapprox": "⪆", "lessgtr": "≶",
        "gtrless": "≷", "lesseqgtr": "⋚", "gtreqless": "⋛", "lesseqqgtr": "⪋", "gtreqqless": "⪌", "lneq": "⪇",
        "gneq": "⪈", "lneqq": "≨", "gneqq": "≩", "lnsim": "⋦", "gnsim": "⋧", "lnapprox": "⪉", "gnapprox": "⪊",
        "nless": "≮", "ngtr": "≯", "nleq": "≰", "ngeq": "≱", "nprec": "⊀", "nsucc": "⊁", "npreceq": "⋠",
        "nsucceq": "⋡", "precneqq": "⪵", "succneqq": "⪶", "precnsim": "⋨", "succnsim": "⋩", "precnapprox": "⪹",
        "succnapprox": "⪺", "nsim": "≁", "ncong": "≆", "nsubseteq": "⊈", "nsupseteq": "⊉", "eqsim": "≂",
        "backsim": "∽", "backsimeq": "⋍", "thicksim": "∼", "thickapprox": "≈", "bumpeq": "≏", "Bumpeq": "≎",
        "circeq": "≗", "eqcirc": "≖", "triangleq": "≜", "risingdotseq": "≓", "fallingdotseq": "≒", "curlyeqprec": "⋞",
        "curlyeqsucc": "⋟", "vartriangleleft": "⊲", "vartriangleright": "⊳", "trianglelefteq": "⊴",
        "trianglerighteq": "⊵", "ntriangleleft": "⋪", "ntriangleright": "⋫", "ntrianglelefteq": "⋬",
        "ntrianglerighteq": "⋭", "blacktriangleleft": "◀", "blacktriangleright": "▶", "therefore": "∴",
        "because": "∵", "between": "≬", "pitchfork": "⋔", "backepsilon": "∍", "multimap": "⊸", "imageof": "⊷",
        "origof": "⊶", "colon": ":", "coloneqq": "≔", "eqqcolon": "≕", "coloneq": ":−", "Coloneqq": "∷=", "Coloneq": "∷−",
        "eqcolon": "∹", "Eqcolon": "−∷", "Eqqcolon": "=∷", "colonapprox": ":≈", "Colonapprox": "∷≈", "colonsim": ":∼",
        "Colonsim": "∷∼", "dblcolon": "∷", "simcolon": "∼:", "vcentcolon": ":", "approxcolon": "≈:", "gvertneqq": "≩",
        "lvertneqq": "≨", "ngeqq": "≱", "ngeqslant": "≱", "nleqq": "≰", "nleqslant": "≰", "notni": "∌", "nshortmid": "∤",
        "nshortparallel": "∦", "nsubseteqq": "⊈", "nsupseteqq": "⊉", "varsubsetneq": "⊊", "varsubsetneqq": "⫋",
        "varsupsetneq": "⊋", "varsupsetneqq": "⫌", "rArr": "⇒", "rarr": "→", "Darr": "⇓", "dArr": "⇓", "darr": "↓",
        "Harr": "⇔", "hArr": "⇔", "harr": "↔", "Lrarr": "⇔", "lrArr": "⇔", "lrarr": "↔", "Uarr": "⇑", "uArr": "⇑",
        "uarr": "↑", "Larr": "⇐", "lArr": "⇐", "larr": "←", "Rarr": "⇒",
        "leftarrow": "←", "gets": "←", "rightarrow": "→", "to": "→", "leftrightarrow": "↔", "Leftarrow": "⇐",
        "Rightarrow": "⇒", "Leftrightarrow": "⇔", "longleftarrow": "⟵", "longrightarrow": "⟶",
        "longleftrightarrow": "⟷", "Longleftarrow": "⟸", "Longrightarrow": "⟹", "Longleftrightarrow": "⟺",
        "iff": "⟺", "implies": "⟹", "impliedby": "⟸", "mapsto": "↦", "longmapsto": "⟼", "hookleftarrow": "↩",
        "hookrightarrow": "↪", "uparrow": "↑", "downarrow": "↓", "updownarrow": "↕", "Uparrow": "⇑",
        "Downarrow": "⇓", "Updownarrow": "⇕", "nearrow": "↗", "searrow": "↘", "swarrow": "↙", "nwarrow": "↖",
        "leftharpoonup": "↼", "leftharpoondown": "↽", "rightharpoonup": "⇀", "rightharpoondown": "⇁",
        "upharpoonleft": "↿", "upharpoonright": "↾", "downharpoonleft": "⇃", "downharpoonright": "⇂",
        "rightleftharpoons": "⇌", "leftrightharpoons": "⇋", "leftleftarrows": "⇇", "rightrightarrows": "⇉",
        "leftrightarrows": "⇆", "rightleftarrows": "⇄", "upuparrows": "⇈", "downdownarrows": "⇊",
        "Lleftarrow": "⇚", "Rrightarrow": "⇛", "twoheadleftarrow": "↞", "twoheadrightarrow": "↠",
        "leftarrowtail": "↢", "rightarrowtail": "↣", "looparrowleft": "↫", "looparrowright": "↬",
        "curvearrowleft": "↶", "curvearrowright": "↷", "circlearrowleft": "↺", "circlearrowright": "↻", "Lsh": "↰",
        "Rsh": "↱", "leftrightsquigarrow": "↭", "rightsquigarrow": "⇝", "leadsto": "⇝", "dashrightarrow": "⇢",
        "dashleftarrow": "⇠", "nleftarrow": "↚", "nrightarrow": "↛", "nleftrightarrow": "↮", "nLeftarrow": "⇍",
        "nRightarrow": "⇏", "nLeftrightarrow": "⇎", "restriction": "↾", "Relbar": "=", "relbar": "−",
    ]
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "intop": "∫", "smallint": "∫", "iint": "∬",
        "iiint": "∭", "oint": "∮", "oiint": "∯", "oiiint": "∰", "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁",
        "bigotimes": "⨂", "bigodot": "⨀", "biguplus": "⨄", "bigsqcup": "⨆", "bigvee": "⋁", "bigwedge": "⋀",
    ]
    /// Integrals keep their limits at the side even in display math.
    static let sideLimits: Set<String> = ["int", "intop", "smallint", "iint", "iiint", "oint", "oiint", "oiiint"]
    static let open: [String: String] = [
        "langle": "⟨", "lbrace": "{", "{": "{", "lbrack": "[", "lceil": "⌈", "lfloor": "⌊", "lgroup": "⟮",
        "lmoustache": "⎰", "lparen": "(", "lvert": "∣", "lVert": "∥", "ulcorner": "⌜", "llcorner": "⌞",
    ]
    static let close: [String: String] = [
        "rangle": "⟩", "rbrace": "}", "}": "}", "rbrack": "]", "rceil": "⌉", "rfloor": "⌋", "rgroup": "⟯",
        "rmoustache": "⎱", "rparen": ")", "rvert": "∣", "rVert": "∥", "urcorner": "⌝", "lrcorner": "⌟",
    ]
    static let punctuation: [String: String] = ["cdotp": "⋅", "ldotp": "."]

    /// Named functions set upright (`\sin x`); the second set takes limits
    /// under it in display style (`\lim_{n}`).
    static let functions: Set<String> = [
        "arcsin", "arccos", "arctan", "arctg", "arcctg", "arg", "ch", "cos", "cosec", "cosh", "cot", "cotg", "coth",
        "csc", "ctg", "cth", "deg", "dim", "exp", "hom", "ker", "lg", "ln", "log", "sec", "sin", "sinh", "sh", "tan",
        "tanh", "tg", "th",
    ]
    static let limitFunctions: [String: String] = [
        "det": "det", "gcd": "gcd", "inf": "inf", "lim": "lim", "liminf": "lim inf", "limsup": "lim sup", "max": "max",
        "min": "min", "Pr": "Pr", "sup": "sup", "argmax": "arg max", "argmin": "arg min", "plim": "plim", "injlim": "inj lim",
        "projlim": "proj lim",
    ]

    /// Accents over (or under) their argument: character and whether it stretches.
    static let accents: [String: (mark: String, stretchy: Bool, under: Bool)] = [
        "hat": ("^", false, false), "widehat": ("^", true, false), "check": ("ˇ", false, false),
        "widecheck": ("ˇ", true, false), "tilde": ("~", false, false), "widetilde": ("~", true, false),
        "acute": ("ˊ", false, false), "grave": ("ˋ", false, false), "dot": ("˙", false, false),
        "ddot": ("¨", false, false), "dddot": ("⃛", false, false), "ddddot": ("⃜", false, false),
        "breve": ("˘", false, false), "bar": ("ˉ", false, false), "vec": ("⃗", false, false),
        "mathring": ("˚", false, false), "overline": ("‾", true, false), "underline": ("‾", true, true),
        "overrightarrow": ("→", true, false), "overleftarrow": ("←", true, false),
        "overleftrightarrow": ("↔", true, false), "Overrightarrow": ("⇒", true, false),
        "underrightarrow": ("→", true, true), "underleftarrow": ("←", true, true),
        "underleftrightarrow": ("↔", true, true), "utilde": ("~", true, true), "overgroup": ("⏠", true, false),
        "undergroup": ("⏡", true, true), "overleftharpoon": ("↼", true, false), "overrightharpoon": ("⇀", true, false),
        "overbrace": ("⏞", true, false), "underbrace": ("⏟", true, true), "overbracket": ("⎴", true, false),
        "underbracket": ("⎵", true, true), "overparen": ("⏜", true, false), "underparen": ("⏝", true, true),
    ]
    /// Extensible arrows `\xrightarrow[below]{above}`.
    static let extensibleArrows: [String: String] = [
        "xrightarrow": "→", "xleftarrow": "←", "xleftrightarrow": "↔", "xRightarrow": "⇒", "xLeftarrow": "⇐",
        "xLeftrightarrow": "⇔", "xhookleftarrow": "↩", "xhookrightarrow": "↪", "xmapsto": "↦",
        "xrightharpoondown": "⇁", "xrightharpoonup": "⇀", "xleftharpoondown": "↽", "xleftharpoonup": "↼",
        "xrightleftharpoons": "⇌", "xleftrightharpoons": "⇋", "xlongequal": "=", "xtwoheadrightarrow": "↠",
        "xtwoheadleftarrow": "↞", "xtofrom": "⇄", "xrightleftarrows": "⇄",
    ]
    /// Spaces by name, in em (TeX's mu is 1/18 em).
    static let spaces: [String: String] = [
        ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em", "medspace": "0.2222em",
        ";": "0.2778em", "thickspace": "0.2778em", "quad": "1em", "qquad": "2em", "enspace": "0.5em",
        "!": "-0.1667em", "negthinspace": "-0.1667em", "negmedspace": "-0.2222em", "negthickspace": "-0.2778em",
    ]
    /// Spaces that TeX sets as a (non-breaking) text space.
    static let textSpaces: Set<String> = [" ", "space", "nobreakspace", "~"]

    static let delimiters: [String: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", ".": "", "/": "/", "<": "⟨", ">": "⟩",
        "\\{": "{", "\\}": "}", "\\lbrace": "{", "\\rbrace": "}", "\\langle": "⟨", "\\rangle": "⟩", "\\|": "‖",
        "\\lvert": "|", "\\rvert": "|", "\\lVert": "‖", "\\rVert": "‖", "\\vert": "|", "\\Vert": "‖",
        "\\lceil": "⌈", "\\rceil": "⌉", "\\lfloor": "⌊", "\\rfloor": "⌋", "\\lbrack": "[", "\\rbrack": "]",
        "\\uparrow": "↑", "\\downarrow": "↓", "\\updownarrow": "↕", "\\Uparrow": "⇑", "\\Downarrow": "⇓",
        "\\Updownarrow": "⇕", "\\backslash": "\\", "\\lgroup": "⟮", "\\rgroup": "⟯", "\\lmoustache": "⎰",
        "\\rmoustache": "⎱", "\\ulcorner": "⌜", "\\urcorner": "⌝", "\\llcorner": "⌞", "\\lrcorner": "⌟",
        "\\lparen": "(", "\\rparen": ")", "\\mid": "∣", "\\arrowvert": "⏐", "\\Arrowvert": "‖",
    ]
    /// Sizes of `\big(` and friends, in em.
    static let bigDelimiters: [String: String] = [
        "big": "1.2em", "bigl": "1.2em", "bigr": "1.2em", "bigm": "1.2em", "Big": "1.8em", "Bigl": "1.8em",
        "Bigr": "1.8em", "Bigm": "1.8em", "bigg": "2.4em", "biggl": "2.4em", "biggr": "2.4em", "biggm": "2.4em",
        "Bigg": "3em", "Biggl": "3em", "Biggr": "3em", "Biggm": "3em",
    ]

    /// Symbols and their class, for `\not`, `\dots` and the did-you-mean list.
    static func symbol(_ name: String) -> (String, MathClass)? {
        if let value = relation[name] { return (value, .relation) }
        if let value = binary[name] { return (value, .binary) }
        if let value = ordinary[name] { return (value, .ordinary) }
        if let value = open[name] { return (value, .open) }
        if let value = close[name] { return (value, .close) }
        if let value = punctuation[name] { return (value, .punctuation) }
        return nil
    }

    /// The class of a character typed as itself.
    static func characterClass(_ character: String) -> MathClass {
        switch character {
        case "+", "-", "*", "−", "±", "×", "÷", "⋅", "∘", "∪", "∩", "⊕", "⊗": .binary
        case "=", "<", ">", ":", "≤", "≥", "≠", "≈", "∼", "≡", "∈", "∉", "⊂", "⊆", "→", "←", "↦", "⇒", "⇔": .relation
        case "(", "[": .open
        case ")", "]", "!", "?": .close
        case ",", ";": .punctuation
        case "∑", "∏", "∫": .largeOperator
        default: .ordinary
        }
    }

    /// Every command name quire knows, for did-you-mean hints.
    static let allNames: [String] = {
        var names: [String] = []
        for table in [
            lowerGreek, upperGreek, varGreek, ordinary, dots, binary, relation, largeOperators, open, close, punctuation, limitFunctions,
        ] {
            names += table.keys
        }
        names += functions
        names += accents.keys
        names += extensibleArrows.keys
        names += spaces.keys.filter { $0.count > 1 }
        names += bigDelimiters.keys
        names += MathFont.commands.keys
        names += TeXParser.structuralCommands
        return names
    }()
}
