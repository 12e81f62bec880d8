import Foundation
import QuireDiagnostics

/// One parsed piece of a formula: its MathML and how TeX classes it.
struct MathNode {
    var xml: String
    var mathClass: MathClass
    /// Takes its scripts under and over in display style (`\sum`, `\lim`).
    var limits = false
    /// Takes them there in every style (`\underbrace{…}_{n}`).
    var alwaysLimits = false
    /// The character of a lone `<mo>`, for `\not` and `\dots` lookahead.
    var operatorText: String?

    static let empty = MathNode(xml: "<mrow></mrow>", mathClass: .ordinary)
}

/// TeX's four styles: they decide where limits go and what `\dfrac` resets.
enum MathStyle: Int {
    case display, text, script, scriptScript

    var superscript: MathStyle { self == .display || self == .text ? .script : .scriptScript }
    var fraction: MathStyle { self == .display ? .text : self == .text ? .script : .scriptScript }
}

/// A recursive-descent parser over the expanded token stream. Every way in
/// to a nested group passes `enter()`, so nesting deeper than
/// `maximumDepth` is a located error long before the stack runs out.
struct TeXParser {
    typealias Failure = TeXToMathML.Failure
    static let maximumDepth = 60

    var stream: TeXTokenStream
    let display: Bool
    var style: MathStyle
    var font: MathFont?
    var depth = 0
    /// `\tag{…}`'s text, with its parentheses.
    var tag: String?

    init(source: String, display: Bool, macros: TeXMacros) {
        stream = TeXTokenStream(source, macros: macros)
        self.display = display
        style = display ? .display : .text
    }

    func fail(_ message: String, hint: String? = nil, at offset: Int) -> Failure {
        Failure(message: message, offset: offset, hint: hint)
    }

    mutating func enter(at offset: Int) throws(Failure) {
        depth += 1
        if depth > Self.maximumDepth {
            throw fail("formula nested more than \(Self.maximumDepth) levels deep", hint: "split it into smaller formulas", at: offset)
        }
    }

    /// The whole formula; `\\` at the top breaks it into centred lines.
    mutating func parseFormula() throws(Failure) -> String {
        var lines: [String] = []
        while true {
            let nodes = try parseList(stops: ["\\", "newline", "cr"])
            lines.append(Self.join(nodes))
            guard let token = try stream.peekNonSpace() else { break }
            if token.is("}") { throw fail("unmatched '}'", hint: "remove it or add the '{' it closes", at: token.offset) }
            _ = stream.nextRaw()
            try skipOptionalBracket()
        }
        if lines.count == 1 { return lines[0] }
        return "<mtable>" + lines.map { "<mtr><mtd>\($0)</mtd></mtr>" }.joined() + "</mtable>"
    }

    static func join(_ nodes: [MathNode]) -> String {
        nodes.map(\.xml).joined()
    }

    static func row(_ nodes: [MathNode]) -> String {
        nodes.count == 1 ? nodes[0].xml : "<mrow>\(join(nodes))</mrow>"
    }

    /// Atoms until the end, a `}`, or a command in `stops` (`&` counts as
    /// the command "&"). Switches such as `\color` and `\bf` restyle the rest
    /// of the list, so they wrap what follows them when the list ends.
    mutating func parseList(stops: Set<String>) throws(Failure) -> [MathNode] {
        try enter(at: stream.offset)
        defer { depth -= 1 }
        let savedFont = font
        let savedStyle = style
        defer {
            font = savedFont
            style = savedStyle
        }
        var nodes: [MathNode] = []
        var wrappers: [(start: Int, open: String, close: String)] = []
        while let token = try stream.peekNonSpace() {
            if token.is("}") { break }
            if token.kind == .character, token.text == "&" || token.text == "$", stops.contains(token.text) { break }
            if token.kind == .command, stops.contains(token.text) { break }
            if token.kind == .command {
                if let switched = MathFont.switches[token.text] {
                    _ = stream.nextRaw()
                    font = switched
                    continue
                }
                switch token.text {
                case "over", "choose", "atop", "brack", "brace":
                    _ = stream.nextRaw()
                    let numerator = Self.wrap(nodes, in: wrappers)
                    style = savedStyle
                    let denominator = try parseList(stops: stops)
                    return [fraction(numerator: numerator, denominator: denominator, kind: token.text)]
                case "color":
                    _ = stream.nextRaw()
                    let color = try readColor(for: token)
                    wrappers.append((nodes.count, "<mstyle mathcolor=\"\(HTMLText.escape(color))\">", "</mstyle>"))
                    continue
                case "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle":
                    _ = stream.nextRaw()
                    let (newStyle, attributes) = Self.styleSwitch(token.text)
                    style = newStyle
                    wrappers.append((nodes.count, "<mstyle \(attributes)>", "</mstyle>"))
                    continue
                case "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE", "huge", "Huge":
                    _ = stream.nextRaw()
                    wrappers.append((nodes.count, "<mstyle mathsize=\"\(Self.sizes[token.text] ?? "1em")\">", "</mstyle>"))
                    continue
                case "tag":
                    _ = stream.nextRaw()
                    try readTag(token)
                    continue
                default:
                    break
                }
            }
            if let node = try parseScripted() { nodes.append(node) }
        }
        return Self.wrap(nodes, in: wrappers)
    }

    static let sizes: [String: String] = [
        "tiny": "0.5em", "scriptsize": "0.7em", "footnotesize": "0.8em", "small": "0.9em", "normalsize": "1em",
        "large": "1.2em", "Large": "1.44em", "LARGE": "1.728em", "huge": "2.074em", "Huge": "2.488em",
    ]

    static func styleSwitch(_ name: String) -> (MathStyle, String) {
        switch name {
        case "displaystyle": (.display, "displaystyle=\"true\" scriptlevel=\"0\"")
        case "textstyle": (.text, "displaystyle=\"false\" scriptlevel=\"0\"")
        case "scriptstyle": (.script, "displaystyle=\"false\" scriptlevel=\"1\"")
        default: (.scriptScript, "displaystyle=\"false\" scriptlevel=\"2\"")
        }
    }

    /// Applies the switches of a list, innermost first, without recursion.
    static func wrap(_ nodes: [MathNode], in wrappers: [(start: Int, open: String, close: String)]) -> [MathNode] {
        var nodes = nodes
        for wrapper in wrappers.reversed() {
            let inner = nodes[wrapper.start...]
            let wrapped = MathNode(
                xml: wrapper.open + inner.map(\.xml).joined() + wrapper.close, mathClass: inner.first?.mathClass ?? .ordinary)
            nodes.removeSubrange(wrapper.start...)
            nodes.append(wrapped)
        }
        return nodes
    }

    mutating func readTag(_ token: TeXToken) throws(Failure) {
        guard display, depth == 1 else {
            throw fail("\\tag only numbers a whole display formula", hint: "use $$ … $$ and put \\tag at its top level", at: token.offset)
        }
        guard tag == nil else { throw fail("a formula has only one \\tag", at: token.offset) }
        var starred = false
        if let star = stream.peekRaw(), star.is("*") {
            _ = stream.nextRaw()
            starred = true
        }
        let text = try parseTextArgument(for: token)
        tag = starred ? text.plain : "(\(text.plain))"
    }

    /// An atom with its `_`/`^` scripts and primes; nil when the atom leaves
    /// nothing (a definition).
    mutating func parseScripted() throws(Failure) -> MathNode? {
        guard let first = try stream.peekNonSpace() else { return nil }
        var base: MathNode
        if first.is("^") || first.is("_") || first.is("'") {
            base = .empty
        } else {
            guard let atom = try parseAtom() else { return nil }
            base = atom
        }
        var sub: String?
        var sup: String?
        var limitsOverride: Bool?
        var primes = ""
        while let token = try stream.peekNonSpace() {
            if token.is("^") || token.is("_") {
                _ = stream.nextRaw()
                let argument = try parseScriptArgument(after: token)
                if token.is("_") {
                    if sub != nil { throw fail("double subscript", hint: "group it: x_{ab}", at: token.offset) }
                    sub = argument
                } else {
                    if sup != nil { throw fail("double superscript", hint: "group it: x^{ab}", at: token.offset) }
                    sup = primes.isEmpty ? argument : "<mrow><mo>\(primes)</mo>\(argument)</mrow>"
                    primes = ""
                }
            } else if token.is("'") {
                if sup != nil { throw fail("double superscript", hint: "put the prime first: x'^2", at: token.offset) }
                while let prime = stream.peekRaw(), prime.is("'") {
                    _ = stream.nextRaw()
                    primes += "′"
                }
                if let next = try stream.peekNonSpace(), next.is("^") { continue }
                sup = "<mo>\(primes)</mo>"
                primes = ""
            } else if token.isCommand("limits") || token.isCommand("nolimits") {
                guard base.mathClass == .largeOperator || base.mathClass == .function else {
                    throw fail("\\\(token.text) follows only an operator such as \\sum or \\lim", at: token.offset)
                }
                _ = stream.nextRaw()
                limitsOverride = token.text == "limits"
            } else {
                break
            }
        }
        if !primes.isEmpty { sup = "<mo>\(primes)</mo>" }
        var result = base
        if sub != nil || sup != nil {
            let under = limitsOverride ?? (base.alwaysLimits || (base.limits && style == .display))
            let tags = under ? ("munder", "mover", "munderover") : ("msub", "msup", "msubsup")
            let xml: String
            switch (sub, sup) {
            case (let sub?, let sup?): xml = "<\(tags.2)>\(base.xml)\(sub)\(sup)</\(tags.2)>"
            case (let sub?, nil): xml = "<\(tags.0)>\(base.xml)\(sub)</\(tags.0)>"
            case (nil, let sup?): xml = "<\(tags.1)>\(base.xml)\(sup)</\(tags.1)>"
            default: xml = base.xml
            }
            result = MathNode(xml: xml, mathClass: base.mathClass)
        }
        if base.mathClass == .function {
            // An invisible "apply function" after a named function (sin x).
            result.xml = "<mrow>\(result.xml)<mo>\u{2061}</mo></mrow>"
            // and, as TeX spaces it, a thin space unless a bracket follows (sin x, sin(x)).
            if let next = try stream.peekNonSpace(), !next.is("("), !next.is("["), !next.is("}"), !next.isCommand("left"), !next.is("&") {
                result.xml += "<mspace width=\"0.1667em\"></mspace>"
            }
        }
        return result
    }

    /// A script: a group, or one token (`x^23` is x² then 3).
    mutating func parseScriptArgument(after token: TeXToken) throws(Failure) -> String {
        guard let next = try stream.peekNonSpace(), !next.is("}"), !next.is("&") else {
            throw fail("'\(token.text)' needs something after it", hint: "write x\(token.text){2}", at: token.offset)
        }
        if next.is("^") || next.is("_") {
            throw fail("'\(next.text)' cannot start a script", hint: "group it: x\(token.text){\(next.text)…}", at: next.offset)
        }
        guard let node = try parseAtom(singleDigit: true) else { throw fail("'\(token.text)' needs something after it", at: token.offset) }
        return node.mathClass == .function ? "<mrow>\(node.xml)<mo>\u{2061}</mo></mrow>" : node.xml
    }

    /// A mandatory argument: `{…}` or a single atom.
    mutating func parseArgument(for command: TeXToken) throws(Failure) -> String {
        guard let next = try stream.peekNonSpace(), !next.is("}"), !next.is("&") else {
            throw fail("\\\(command.text) needs an argument", hint: "write \\\(command.text){…}", at: command.offset)
        }
        guard let node = try parseAtom(singleDigit: true) else { return "<mrow></mrow>" }
        return node.xml
    }

    /// A `{…}` group's atoms (the `{` is next).
    mutating func parseGroup() throws(Failure) -> [MathNode] {
        guard let open = try stream.next(), open.is("{") else {
            throw fail("expected '{'", at: stream.offset)
        }
        let nodes = try parseList(stops: [])
        guard let close = stream.nextRaw(), close.is("}") else {
            let next = stream.peekRaw()
            if let next, next.kind == .command, next.text == "\\" || next.text == "end" || next.text == "right" {
                throw fail("\\\(next.text) does not belong inside this group", hint: "close the '{' first", at: next.offset)
            }
            throw fail("'{' is never closed", hint: "add the matching '}'", at: open.offset)
        }
        return nodes
    }

    /// One atom, without scripts. `singleDigit` reads one digit (script arguments).
    mutating func parseAtom(singleDigit: Bool = false) throws(Failure) -> MathNode? {
        guard let token = try stream.peekNonSpace().flatMap({ _ in stream.nextRaw() }) else {
            throw fail("unexpected end of formula", at: stream.end)
        }
        try enter(at: token.offset)
        defer { depth -= 1 }
        switch token.kind {
        case .command:
            return try parseCommand(token)
        case .parameter:
            throw fail("'#\(token.text)' is a macro parameter, outside a macro", hint: "write \\# for the sign", at: token.offset)
        case .space, .character:
            break
        }
        let text = token.text
        let scalar = text.unicodeScalars.first!
        if text == "{" {
            stream.pushBack(token)
            let nodes = try parseGroup()
            return MathNode(
                xml: "<mrow>\(Self.join(nodes))</mrow>", mathClass: nodes.count == 1 ? nodes[0].mathClass : .ordinary,
                limits: nodes.count == 1 && nodes[0].limits)
        }
        if scalar.properties.numericType == .decimal, scalar.isASCII {
            var number = text
            if !singleDigit {
                while let next = stream.peekRaw(), next.kind == .character,
                    next.text.count == 1, next.text.first!.isASCII, next.text.first!.isNumber || next.text == "."
                {
                    if next.text == "." {
                        // A dot belongs to the number only when a digit follows it.
                        _ = stream.nextRaw()
                        if let after = stream.peekRaw(), after.kind == .character, after.text.first?.isNumber == true,
                            after.text.first!.isASCII
                        {
                            number += "."
                            continue
                        }
                        stream.pushBack(next)
                        break
                    }
                    _ = stream.nextRaw()
                    number += next.text
                }
            }
            // A script binds to the last digit alone, as in TeX: 10^6 is 1 then 0⁶.
            if number.count > 1, let next = try stream.peekNonSpace(), next.is("^") || next.is("_") || next.is("'"),
                let last = number.last, last.isNumber
            {
                number.removeLast()
                stream.pushBack(TeXToken(kind: .character, text: String(last), offset: token.offset))
            }
            return MathNode(xml: "<mn>\(styled(number))</mn>", mathClass: .ordinary)
        }
        if scalar.isASCII, scalar.properties.isAlphabetic {
            return identifier(text)
        }
        switch text {
        case "}":
            throw fail("unmatched '}'", hint: "remove it or add the '{' it closes", at: token.offset)
        case "&":
            throw fail("'&' only separates columns inside an environment such as aligned or pmatrix", at: token.offset)
        case "#":
            throw fail("'#' has no meaning here", hint: "write \\# for the sign", at: token.offset)
        case "$":
            throw fail("'$' inside math", hint: "write \\$ for a dollar sign", at: token.offset)
        case "^", "_":
            throw fail("'\(text)' needs something before it", at: token.offset)
        case "~":
            return MathNode(xml: "<mtext>\u{A0}</mtext>", mathClass: .ordinary)
        case "'":
            return MathNode(xml: "<mo>′</mo>", mathClass: .ordinary, operatorText: "′")
        case "-":
            return op("−", .binary)
        case "*":
            return op("∗", .binary)
        case "(", ")", "[", "]":
            return MathNode(xml: "<mo stretchy=\"false\">\(text)</mo>", mathClass: TeXSymbols.characterClass(text), operatorText: text)
        case "|":
            return MathNode(xml: "<mo stretchy=\"false\">|</mo>", mathClass: .ordinary, operatorText: "|")
        case "/", ".", "@", "\"":
            return MathNode(xml: "<mo>\(HTMLText.escape(text))</mo>", mathClass: .ordinary, operatorText: text)
        default:
            break
        }
        if !scalar.isASCII, scalar.properties.isAlphabetic {
            return identifier(text)
        }
        return op(text, TeXSymbols.characterClass(text))
    }

    func op(_ text: String, _ mathClass: MathClass) -> MathNode {
        MathNode(xml: "<mo>\(HTMLText.escape(text))</mo>", mathClass: mathClass, operatorText: text)
    }

    /// A letter (Latin or Greek) in the current font.
    func identifier(_ text: String, upright: Bool = false) -> MathNode {
        let current = font?.forSymbol(upright: upright)
        if current?.isUpright == true || (upright && current == nil) {
            return MathNode(xml: "<mi mathvariant=\"normal\">\(HTMLText.escape(text))</mi>", mathClass: .ordinary)
        }
        return MathNode(xml: "<mi>\(styled(text, upright: upright))</mi>", mathClass: .ordinary)
    }

    /// Text in the current font, escaped.
    func styled(_ text: String, upright: Bool = true) -> String {
        guard let font = font?.forSymbol(upright: upright) else { return HTMLText.escape(text) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(font.apply(to: scalar) ?? scalar) }
        return HTMLText.escape(String(out))
    }

    /// `[2pt]` after `\\` (a row's extra height): read and ignored. A bracket
    /// that holds no length is the next row's content (`\\ [a, b]`).
    mutating func skipOptionalBracket() throws(Failure) {
        guard let next = try stream.peekNonSpace(), next.is("[") else { return }
        _ = stream.nextRaw()
        let inside = try stream.readUntilBracket(opening: next)
        let text = inside.map(\.source).joined().replacingOccurrences(of: " ", with: "")
        if text.range(of: #"^[-+]?[0-9.]+[a-z]{2}$"#, options: .regularExpression) == nil {
            stream.insert([next] + inside + [TeXToken(kind: .character, text: "]", offset: next.offset)])
        }
    }

    mutating func fraction(numerator: [MathNode], denominator: [MathNode], kind: String) -> MathNode {
        let body = "\(Self.row(numerator))\(Self.row(denominator))"
        switch kind {
        case "choose", "brack", "brace":
            let (open, close) = kind == "choose" ? ("(", ")") : kind == "brack" ? ("[", "]") : ("{", "}")
            return MathNode(
                xml:
                    "<mrow><mo fence=\"true\">\(open)</mo><mfrac linethickness=\"0\">\(body)</mfrac><mo fence=\"true\">\(close)</mo></mrow>",
                mathClass: .ordinary)
        case "atop":
            return MathNode(xml: "<mfrac linethickness=\"0\">\(body)</mfrac>", mathClass: .ordinary)
        default:
            return MathNode(xml: "<mfrac>\(body)</mfrac>", mathClass: .ordinary)
        }
    }
}
