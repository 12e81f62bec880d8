import Foundation
import QuireDiagnostics

/// Commands: symbols from the tables, then the ones with arguments.
extension TeXParser {
    /// Names handled here rather than in a table, for did-you-mean hints.
    static let structuralCommands = [
        "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "sqrt", "text", "mbox", "left", "right", "middle",
        "begin", "end", "operatorname", "mathop", "mathbin", "mathrel", "mathord", "mathopen", "mathclose", "mathpunct",
        "mathinner", "color", "textcolor", "colorbox", "not", "stackrel", "overset", "underset", "boxed", "cancel",
        "bcancel", "xcancel", "sout", "phantom", "hphantom", "vphantom", "smash", "hspace", "kern", "mkern", "mskip",
        "hskip", "mod", "bmod", "pmod", "pod", "substack", "newcommand", "renewcommand", "providecommand", "def", "gdef",
        "tag", "dots", "displaystyle", "textstyle", "over", "choose", "atop", "limits", "nolimits", "nonumber", "notag",
        "operatornamewithlimits", "rlap", "llap", "clap", "mathrlap", "mathllap", "mathclap", "fbox", "hbox", "genfrac",
    ]

    mutating func parseCommand(_ token: TeXToken) throws(Failure) -> MathNode? {
        let name = token.text
        if let letter = TeXSymbols.lowerGreek[name] { return identifier(letter) }
        if let letter = TeXSymbols.upperGreek[name] { return identifier(letter, upright: true) }
        if let letter = TeXSymbols.varGreek[name] { return identifier(letter) }
        if let (symbol, mathClass) = TeXSymbols.symbol(name) {
            switch mathClass {
            case .ordinary:
                let text = symbol.count == 1 ? styled(symbol, upright: true) : HTMLText.escape(symbol)
                let variant = text.count == 1 && text == HTMLText.escape(symbol) ? " mathvariant=\"normal\"" : ""
                return MathNode(xml: "<mi\(variant)>\(text)</mi>", mathClass: .ordinary, operatorText: symbol)
            case .open, .close:
                return MathNode(xml: "<mo stretchy=\"false\">\(HTMLText.escape(symbol))</mo>", mathClass: mathClass, operatorText: symbol)
            default:
                return op(symbol, mathClass)
            }
        }
        if let symbol = TeXSymbols.largeOperators[name] {
            return MathNode(
                xml: "<mo>\(symbol)</mo>", mathClass: .largeOperator, limits: !TeXSymbols.sideLimits.contains(name), operatorText: symbol)
        }
        if name == "dots" { return op(try dotsByContext(), .inner) }
        if let symbol = TeXSymbols.dots[name] { return op(symbol, .inner) }
        if TeXSymbols.functions.contains(name) { return MathNode(xml: "<mi>\(name)</mi>", mathClass: .function) }
        if let text = TeXSymbols.limitFunctions[name] { return MathNode(xml: "<mi>\(text)</mi>", mathClass: .function, limits: true) }
        if let width = TeXSymbols.spaces[name] { return MathNode(xml: "<mspace width=\"\(width)\"></mspace>", mathClass: .ordinary) }
        if TeXSymbols.textSpaces.contains(name) { return MathNode(xml: "<mtext>\u{A0}</mtext>", mathClass: .ordinary) }
        if let accent = TeXSymbols.accents[name] { return try accented(accent, token) }
        if let arrow = TeXSymbols.extensibleArrows[name] { return try extensibleArrow(arrow, token) }
        if let size = TeXSymbols.bigDelimiters[name] {
            let symbol = try delimiter(after: token)
            let mathClass: MathClass =
                name.hasSuffix("l") ? .open : name.hasSuffix("r") ? .close : name.hasSuffix("m") ? .relation : .ordinary
            return MathNode(
                xml:
                    "<mo fence=\"\(mathClass == .ordinary ? "false" : "true")\" stretchy=\"true\" minsize=\"\(size)\" maxsize=\"\(size)\">\(HTMLText.escape(symbol))</mo>",
                mathClass: mathClass)
        }
        if let newFont = MathFont.commands[name] {
            if name.hasPrefix("text") || name == "emph" { return try text(token, font: newFont) }
            let saved = font
            font = newFont
            defer { font = saved }
            let argument = try parseArgument(for: token)
            return MathNode(xml: argument, mathClass: .ordinary)
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let styleAttribute =
                name == "dfrac" || name == "cfrac"
                ? "displaystyle=\"true\" scriptlevel=\"0\"" : name == "tfrac" ? "displaystyle=\"false\" scriptlevel=\"0\"" : nil
            // KaTeX's MathML keeps the formula's style inside \frac (limits stay
            // under a display \sum in a fraction); \dfrac and \tfrac set it.
            let saved = style
            style = name == "frac" ? style : name == "tfrac" ? .text : .display
            let numerator = try parseArgument(for: token)
            let denominator = try parseArgument(for: token)
            style = saved
            let fraction = "<mfrac>\(numerator)\(denominator)</mfrac>"
            return MathNode(xml: styleAttribute.map { "<mstyle \($0)>\(fraction)</mstyle>" } ?? fraction, mathClass: .ordinary)
        case "binom", "dbinom", "tbinom":
            let numerator = try parseArgument(for: token)
            let denominator = try parseArgument(for: token)
            let binomial =
                "<mrow><mo fence=\"true\">(</mo><mfrac linethickness=\"0\">\(numerator)\(denominator)</mfrac><mo fence=\"true\">)</mo></mrow>"
            let styleAttribute = name == "dbinom" ? "displaystyle=\"true\"" : name == "tbinom" ? "displaystyle=\"false\"" : nil
            return MathNode(
                xml: styleAttribute.map { "<mstyle \($0) scriptlevel=\"0\">\(binomial)</mstyle>" } ?? binomial, mathClass: .ordinary)
        case "sqrt":
            if let next = try stream.peekNonSpace(), next.is("[") {
                _ = stream.nextRaw()
                let index = try parseUntilBracket(opening: next)
                return MathNode(xml: "<mroot>\(try parseArgument(for: token))\(index)</mroot>", mathClass: .ordinary)
            }
            return MathNode(xml: "<msqrt>\(try parseArgument(for: token))</msqrt>", mathClass: .ordinary)
        case "text", "mbox", "hbox", "textnormal":
            return try text(token, font: nil)
        case "fbox":
            let inner = try parseTextArgument(for: token)
            return MathNode(xml: "<mrow style=\"border: 0.06em solid; padding: 0.2em\">\(inner.xml)</mrow>", mathClass: .ordinary)
        case "left":
            return try leftRight(token)
        case "right", "middle":
            throw fail("\\\(name) without a \\left", hint: "pair it: \\left( … \\right)", at: token.offset)
        case "begin":
            return try environment(token)
        case "end":
            throw fail("\\end without a \\begin", at: token.offset)
        case "\\", "newline", "cr":
            throw fail("'\\\\' breaks lines only at the top of display math or inside an environment such as aligned", at: token.offset)
        case "hline", "hdashline":
            throw fail("\\\(name) belongs at the start of a row of an array or matrix", at: token.offset)
        case "operatorname", "operatornamewithlimits":
            var starred = name == "operatornamewithlimits"
            if let star = stream.peekRaw(), star.is("*") {
                _ = stream.nextRaw()
                starred = true
            }
            return try operatorName(token, limits: starred)
        case "mathop", "mathbin", "mathrel", "mathord", "mathopen", "mathclose", "mathpunct", "mathinner":
            let argument = try parseArgument(for: token)
            let classes: [String: MathClass] = [
                "mathop": .largeOperator, "mathbin": .binary, "mathrel": .relation, "mathord": .ordinary,
                "mathopen": .open, "mathclose": .close, "mathpunct": .punctuation, "mathinner": .inner,
            ]
            return MathNode(xml: argument, mathClass: classes[name] ?? .ordinary)
        case "textcolor":
            let color = try readColor(for: token)
            return MathNode(
                xml: "<mstyle mathcolor=\"\(HTMLText.escape(color))\">\(try parseArgument(for: token))</mstyle>", mathClass: .ordinary)
        case "colorbox":
            let color = try readColor(for: token)
            let inner = try parseTextArgument(for: token)
            return MathNode(
                xml:
                    "<mpadded mathbackground=\"\(HTMLText.escape(color))\" style=\"background: \(HTMLText.escape(color)); padding: 0.1em 0.2em\">\(inner.xml)</mpadded>",
                mathClass: .ordinary)
        case "fcolorbox":
            let frame = try readColor(for: token)
            let color = try readColor(for: token)
            let inner = try parseTextArgument(for: token)
            return MathNode(
                xml:
                    "<mpadded mathbackground=\"\(HTMLText.escape(color))\" style=\"background: \(HTMLText.escape(color)); border: 0.06em solid \(HTMLText.escape(frame)); padding: 0.1em 0.2em\">\(inner.xml)</mpadded>",
                mathClass: .ordinary)
        case "varinjlim", "varprojlim", "varliminf", "varlimsup":
            let mark = ["varinjlim": "→", "varprojlim": "←", "varliminf": "‾", "varlimsup": "‾"][name]!
            let element = name == "varlimsup" ? "mover" : "munder"
            return MathNode(
                xml: "<\(element)><mi>lim</mi><mo stretchy=\"true\">\(mark)</mo></\(element)>", mathClass: .function, limits: true)
        case "not":
            return try negated(token)
        case "stackrel", "overset", "underset":
            let annotation = try parseArgument(for: token)
            let base = try parseArgument(for: token)
            let element = name == "underset" ? "munder" : "mover"
            return MathNode(xml: "<\(element)>\(base)\(annotation)</\(element)>", mathClass: name == "stackrel" ? .relation : .ordinary)
        case "boxed":
            let saved = style
            style = .display
            defer { style = saved }
            return MathNode(
                xml: "<mrow style=\"border: 0.06em solid; padding: 0.2em\">\(try parseArgument(for: token))</mrow>", mathClass: .ordinary)
        case "cancel", "bcancel", "xcancel", "sout":
            let argument = try parseArgument(for: token)
            let line =
                "transparent calc(50% - 0.05em), currentColor calc(50% - 0.04em), currentColor calc(50% + 0.04em), transparent calc(50% + 0.05em)"
            let gradients = [
                "cancel": ["to top right"], "bcancel": ["to bottom right"], "xcancel": ["to top right", "to bottom right"],
                "sout": ["to bottom"],
            ][name]!
            let background = gradients.map { "linear-gradient(\($0), \(line))" }.joined(separator: ", ")
            return MathNode(xml: "<mrow style=\"background: \(background)\">\(argument)</mrow>", mathClass: .ordinary)
        case "phantom", "hphantom", "vphantom":
            return MathNode(xml: "<mphantom>\(try parseArgument(for: token))</mphantom>", mathClass: .ordinary)
        case "smash":
            if let next = try stream.peekNonSpace(), next.is("[") {
                _ = stream.nextRaw()
                _ = try stream.readUntilBracket(opening: next)
            }
            return MathNode(xml: "<mpadded height=\"0\" depth=\"0\">\(try parseArgument(for: token))</mpadded>", mathClass: .ordinary)
        case "rlap", "llap", "clap", "mathrlap", "mathllap", "mathclap":
            let inner = name.hasPrefix("math") ? try parseArgument(for: token) : try parseTextArgument(for: token).xml
            let shift = name.hasSuffix("llap") ? " lspace=\"-100%\"" : name.hasSuffix("clap") ? " lspace=\"-50%\"" : ""
            return MathNode(xml: "<mpadded width=\"0\"\(shift)>\(inner)</mpadded>", mathClass: .ordinary)
        case "hspace", "kern", "mkern", "mskip", "hskip", "mspace":
            if name == "hspace", let star = stream.peekRaw(), star.is("*") { _ = stream.nextRaw() }
            return MathNode(xml: "<mspace width=\"\(try readDimension(for: token))\"></mspace>", mathClass: .ordinary)
        case "bmod":
            return MathNode(xml: "<mo lspace=\"0.2222em\" rspace=\"0.2222em\">mod</mo>", mathClass: .binary)
        case "mod":
            return MathNode(xml: "<mspace width=\"1em\"></mspace><mi>mod</mi><mspace width=\"0.3333em\"></mspace>", mathClass: .ordinary)
        case "pmod", "pod":
            let argument = try parseArgument(for: token)
            let word = name == "pmod" ? "<mi>mod</mi><mspace width=\"0.3333em\"></mspace>" : ""
            return MathNode(
                xml: "<mspace width=\"1em\"></mspace><mo stretchy=\"false\">(</mo>\(word)\(argument)<mo stretchy=\"false\">)</mo>",
                mathClass: .ordinary)
        case "substack":
            return try substack(token)
        case "newcommand", "renewcommand", "providecommand", "def", "gdef", "edef", "xdef":
            try define(token)
            return nil
        case "nonumber", "notag", "relax", "allowbreak", "nobreak":
            return nil
        case "mathstrut":
            return MathNode(xml: "<mphantom><mo stretchy=\"false\">(</mo></mphantom>", mathClass: .ordinary)
        case "limits", "nolimits":
            throw fail("\\\(name) follows only an operator such as \\sum or \\lim", at: token.offset)
        case "label":
            throw fail(
                "\\label is not supported in math", hint: "name the equation after its closing $$: $$ … $$ {#eq-name}", at: token.offset)
        case "genfrac":
            throw fail("\\genfrac is not supported", hint: "use \\frac, \\binom or \\atop", at: token.offset)
        default:
            throw unknownCommand(token, inText: false)
        }
    }

    func unknownCommand(_ token: TeXToken, inText: Bool) -> Failure {
        let guess = Suggestions.nearest(to: token.text, in: TeXSymbols.allNames + stream.macros.names)
        let place = inText ? " in text" : ""
        return fail("unknown TeX command \\\(token.text)\(place)", hint: guess.map { "did you mean \\\($0)?" }, at: token.offset)
    }

    mutating func text(_ token: TeXToken, font newFont: MathFont?) throws(Failure) -> MathNode {
        let saved = font
        font = newFont.map { (font.flatMap { $0 == .upright || $0 == .italic || $0 == .bold ? $0 : nil } ?? .upright).combined(with: $0) }
        defer { font = saved }
        let result = try parseTextArgument(for: token)
        return MathNode(xml: result.xml.isEmpty ? "<mtext></mtext>" : result.xml, mathClass: .ordinary)
    }

    /// `\dots` as KaTeX reads it: centred before a binary operator or
    /// relation, low otherwise.
    mutating func dotsByContext() throws(Failure) -> String {
        guard let next = try stream.peekNonSpace() else { return "…" }
        switch next.kind {
        case .character:
            return ["+", "-", "=", "<", ">", "*", ":"].contains(next.text) ? "⋯" : "…"
        case .command:
            if next.text == "not" || next.text.hasPrefix("not") && TeXSymbols.relation[next.text] != nil { return "⋯" }
            if TeXSymbols.binary[next.text] != nil || TeXSymbols.relation[next.text] != nil { return "⋯" }
            let centred: Set<String> = [
                "coprod", "bigvee", "bigwedge", "biguplus", "bigcap", "bigcup", "prod", "sum", "bigotimes",
                "bigoplus", "bigodot", "bigsqcup", "And", "longrightarrow", "Longrightarrow", "longleftarrow",
                "Longleftarrow", "longleftrightarrow", "Longleftrightarrow", "mapsto", "longmapsto",
                "hookrightarrow", "doteq", "mathbin", "mathrel", "relbar", "Relbar", "xrightarrow", "xleftarrow",
                "int", "oint", "iint", "iiint", "iiiint", "idotsint",
            ]
            return centred.contains(next.text) ? "⋯" : "…"
        default:
            return "…"
        }
    }

    mutating func accented(_ accent: (mark: String, stretchy: Bool, under: Bool), _ token: TeXToken) throws(Failure) -> MathNode {
        let argument = try parseArgument(for: token)
        let stretch = accent.stretchy ? " stretchy=\"true\"" : ""
        let mark = "<mo\(stretch)>\(HTMLText.escape(accent.mark))</mo>"
        let brace = token.text.hasSuffix("brace") || token.text.hasSuffix("bracket") || token.text.hasSuffix("paren")
        if brace {
            // Braces take their label as a limit: \underbrace{…}_{n}.
            let element = accent.under ? "munder" : "mover"
            return MathNode(xml: "<\(element)>\(argument)\(mark)</\(element)>", mathClass: .largeOperator, limits: true, alwaysLimits: true)
        }
        if accent.under { return MathNode(xml: "<munder accentunder=\"true\">\(argument)\(mark)</munder>", mathClass: .ordinary) }
        return MathNode(xml: "<mover accent=\"true\">\(argument)\(mark)</mover>", mathClass: .ordinary)
    }

    mutating func extensibleArrow(_ arrow: String, _ token: TeXToken) throws(Failure) -> MathNode {
        var below: String?
        if let next = try stream.peekNonSpace(), next.is("[") {
            _ = stream.nextRaw()
            below = try parseUntilBracket(opening: next)
        }
        let above = try parseArgument(for: token)
        let mark = "<mo stretchy=\"true\" minsize=\"3em\">\(arrow)</mo>"
        func padded(_ xml: String) -> String { "<mpadded width=\"+0.6em\" lspace=\"0.3em\">\(xml)</mpadded>" }
        if let below {
            return MathNode(xml: "<munderover>\(mark)\(padded(below))\(padded(above))</munderover>", mathClass: .relation)
        }
        return MathNode(xml: "<mover>\(mark)\(padded(above))</mover>", mathClass: .relation)
    }

    /// `\operatorname{…}`: upright, spaced as a function; starred, it takes limits.
    mutating func operatorName(_ token: TeXToken, limits: Bool) throws(Failure) -> MathNode {
        let saved = font
        font = .upright
        defer { font = saved }
        let argument = try parseArgument(for: token)
        let body = "<mrow>\(argument)</mrow>"
        return MathNode(xml: body, mathClass: .function, limits: limits)
    }

    /// `\not` before a relation: the negated relation (≠, ∉, ≮).
    mutating func negated(_ token: TeXToken) throws(Failure) -> MathNode {
        guard let next = try stream.peekNonSpace(), !next.is("}") else {
            throw fail("\\not needs a relation after it", hint: "write \\not= or \\not\\in", at: token.offset)
        }
        guard let node = try parseAtom(singleDigit: true) else { throw fail("\\not needs a relation after it", at: token.offset) }
        let base = node.operatorText ?? ""
        let combined = (base + "\u{338}").precomposedStringWithCanonicalMapping
        guard !base.isEmpty else {
            return MathNode(xml: "<mrow><mo>\u{338}</mo>\(node.xml)</mrow>", mathClass: node.mathClass)
        }
        return MathNode(xml: "<mo>\(HTMLText.escape(combined))</mo>", mathClass: .relation, operatorText: combined)
    }

    /// `\substack{a\\b}`: lines stacked in a script.
    mutating func substack(_ token: TeXToken) throws(Failure) -> MathNode {
        guard let open = try stream.peekNonSpace(), open.is("{") else {
            throw fail("\\substack needs a {…} argument", hint: "write \\substack{i<n\\\\j<m}", at: token.offset)
        }
        _ = stream.nextRaw()
        var rows: [String] = []
        while true {
            let nodes = try parseList(stops: ["\\", "cr"])
            rows.append(Self.join(nodes))
            guard let next = stream.nextRaw() else { throw fail("'{' is never closed", at: open.offset) }
            if next.is("}") { break }
        }
        if rows.count > 1, rows.last == "" { rows.removeLast() }
        let table = rows.map { "<mtr><mtd>\($0)</mtd></mtr>" }.joined()
        return MathNode(xml: "<mstyle scriptlevel=\"1\"><mtable rowspacing=\"0.1em\">\(table)</mtable></mstyle>", mathClass: .ordinary)
    }

    /// The math between `[` (already read) and its `]`, as one element.
    mutating func parseUntilBracket(opening: TeXToken) throws(Failure) -> String {
        let tokens = try stream.readUntilBracket(opening: opening)
        stream.insert(tokens + [TeXToken(kind: .character, text: "}", offset: opening.offset)])
        let nodes = try parseList(stops: [])
        _ = stream.nextRaw()
        return Self.row(nodes)
    }

    /// A delimiter after `\left`, `\right`, `\middle` or `\big`.
    mutating func delimiter(after command: TeXToken) throws(Failure) -> String {
        guard let token = try stream.peekNonSpace() else {
            throw fail("\\\(command.text) needs a delimiter", hint: "use ( ) [ ] | . \\{ \\} \\langle \\rangle", at: command.offset)
        }
        let key = token.kind == .command ? "\\" + token.text : token.text
        guard let symbol = TeXSymbols.delimiters[key] else {
            throw fail("'\(key)' is not a delimiter", hint: "use ( ) [ ] | . \\{ \\} \\langle \\rangle", at: token.offset)
        }
        _ = stream.nextRaw()
        return symbol
    }

    mutating func leftRight(_ token: TeXToken) throws(Failure) -> MathNode {
        func fence(_ symbol: String) -> String {
            symbol.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(HTMLText.escape(symbol))</mo>"
        }
        var xml = "<mrow>" + fence(try delimiter(after: token))
        while true {
            let nodes = try parseList(stops: ["right", "middle"])
            xml += Self.join(nodes)
            guard let next = try stream.peekNonSpace(), next.kind == .command, next.text == "right" || next.text == "middle" else {
                throw fail("\\left without a matching \\right", hint: "close it with \\right) or \\right.", at: token.offset)
            }
            _ = stream.nextRaw()
            let symbol = try delimiter(after: next)
            xml += fence(symbol)
            if next.text == "right" { break }
        }
        return MathNode(xml: xml + "</mrow>", mathClass: .inner)
    }

    /// A colour name or `#rgb`/`#rrggbb` in braces.
    mutating func readColor(for command: TeXToken) throws(Failure) -> String {
        let tokens = try stream.readRawArgument(for: command)
        let text = tokens.map(\.source).joined().trimmingCharacters(in: .whitespaces)
        let isHex = { (digits: Substring) in digits.allSatisfy(\.isHexDigit) && (digits.count == 3 || digits.count == 6) }
        if text.hasPrefix("#"), isHex(text.dropFirst()) { return text }
        if text.count == 6, isHex(text[...]) { return "#" + text }
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isLetter }) { return text }
        throw fail(
            "'\(text)' is not a colour", hint: "use a name such as red or a hex value such as #1f77b4",
            at: tokens.first?.offset ?? command.offset)
    }

    /// A TeX length (`1em`, `-3mu`, `0.5cm`) in em.
    mutating func readDimension(for command: TeXToken) throws(Failure) -> String {
        stream.skipSpaces()
        var text = ""
        if let next = stream.peekRaw(), next.is("{") {
            text = try stream.readRawArgument(for: command).map(\.source).joined()
        } else {
            // Unbraced (\kern1em): a number then two letters.
            while let next = stream.peekRaw(), next.kind == .character, next.text.count == 1,
                "+-.0123456789".contains(next.text) || (next.text.first!.isLetter && text.filter(\.isLetter).count < 2)
            {
                _ = stream.nextRaw()
                text += next.text
            }
        }
        let compact = text.replacingOccurrences(of: " ", with: "")
        let numberPart = compact.prefix { "+-.0123456789".contains($0) }
        let unit = String(compact.dropFirst(numberPart.count))
        let perEm: [String: Double] = [
            "em": 1, "ex": 0.431, "mu": 1.0 / 18, "pt": 0.1, "pc": 1.2, "in": 7.227, "bp": 0.10037,
            "cm": 2.84528, "mm": 0.284528, "dd": 0.107, "cc": 1.284, "sp": 0.1 / 65536, "px": 0.1,
        ]
        guard let value = Double(numberPart), let factor = perEm[unit] else {
            throw fail("'\(text)' is not a length", hint: "write a number and a unit, such as 1em, 3mu or 2pt", at: command.offset)
        }
        let em = value * factor
        return String(format: "%.4gem", em)
    }

    /// `\newcommand{\name}[n][default]{body}`, `\def\name#1#2{body}`.
    mutating func define(_ token: TeXToken) throws(Failure) {
        let isDef = token.text.hasSuffix("def")
        stream.skipSpaces()
        var nameToken = stream.nextRaw()
        if !isDef, let brace = nameToken, brace.is("{") {
            let inside = try stream.readBalanced(opening: brace).filter { $0.kind != .space }
            nameToken = inside.count == 1 ? inside[0] : nil
        }
        guard let nameToken, nameToken.kind == .command else {
            throw fail(
                "\\\(token.text) needs a command name to define", hint: isDef ? "write \\def\\name{…}" : "write \\\(token.text){\\name}{…}",
                at: token.offset)
        }
        var parameters = 0
        var optionalDefault: [TeXToken]?
        if isDef {
            while let next = stream.peekRaw(), next.kind == .parameter {
                _ = stream.nextRaw()
                parameters += 1
                guard Int(next.text) == parameters else { throw fail("\\def parameters must be #1, #2, … in order", at: next.offset) }
            }
        } else {
            stream.skipSpaces()
            if let next = stream.peekRaw(), next.is("[") {
                _ = stream.nextRaw()
                let count = try stream.readUntilBracket(opening: next).map(\.text).joined()
                guard let number = Int(count.trimmingCharacters(in: .whitespaces)), (0...9).contains(number) else {
                    throw fail("'\(count)' is not a number of arguments", hint: "write [1] to [9]", at: next.offset)
                }
                parameters = number
                stream.skipSpaces()
                if let optional = stream.peekRaw(), optional.is("[") {
                    _ = stream.nextRaw()
                    optionalDefault = try stream.readUntilBracket(opening: optional)
                }
            }
        }
        stream.skipSpaces()
        guard let open = stream.nextRaw(), open.is("{") else {
            throw fail(
                "\\\(token.text) needs the definition in braces", hint: "write \\\(token.text){\\\(nameToken.text)}{…}", at: token.offset)
        }
        let body = try stream.readBalanced(opening: open)
        if let used = body.compactMap({ $0.kind == .parameter ? Int($0.text) : nil }).max(), used > parameters {
            throw fail(
                "the definition of \\\(nameToken.text) uses #\(used) but takes \(parameters) argument\(parameters == 1 ? "" : "s")",
                at: open.offset)
        }
        let exists = stream.macros.table[nameToken.text] != nil || isBuiltIn(nameToken.text)
        switch token.text {
        case "newcommand" where exists:
            throw fail("\\\(nameToken.text) is already defined", hint: "use \\renewcommand to change it", at: nameToken.offset)
        case "renewcommand" where !exists:
            throw fail("\\\(nameToken.text) is not defined yet", hint: "use \\newcommand", at: nameToken.offset)
        case "providecommand" where exists:
            return
        default:
            break
        }
        stream.macros.table[nameToken.text] = TeXMacros.Macro(parameters: parameters, optionalDefault: optionalDefault, body: body)
    }

    func isBuiltIn(_ name: String) -> Bool {
        TeXSymbols.allNames.contains(name)
    }
}
