import QuireDiagnostics

/// TeX math (the common subset researchers write) to MathML, at build time, so
/// formulas need no script and survive in feeds.
public enum TeXToMathML {
    public struct Failure: Error, Equatable {
        public var message: String
        /// Byte offset into the TeX source.
        public var offset: Int
        public var hint: String?
    }

    public static func convert(_ tex: String, display: Bool) throws(Failure) -> String {
        var parser = TeXParser(source: tex, display: display)
        let body = try parser.parseWhole()
        let attributes = display ? " display=\"block\"" : ""
        return "<math\(attributes)><semantics><mrow>\(body)</mrow><annotation encoding=\"application/x-tex\">\(HTMLText.escape(tex))</annotation></semantics></math>"
    }
}

struct TeXParser {
    typealias Failure = TeXToMathML.Failure

    let source: [UInt8]
    let display: Bool
    var position = 0
    var font: MathFont?

    init(source: String, display: Bool) {
        self.source = Array(source.utf8)
        self.display = display
    }

    mutating func parseWhole() throws(Failure) -> String {
        let body = try parseSequence(until: [])
        if position < source.count {
            throw fail(source[position] == UInt8(ascii: "}") ? "unmatched '}'" : "unexpected '\(Character(Unicode.Scalar(source[position])))'")
        }
        return body
    }

    func fail(_ message: String, hint: String? = nil, at offset: Int? = nil) -> Failure {
        Failure(message: message, offset: offset ?? position, hint: hint)
    }

    var current: UInt8? { position < source.count ? source[position] : nil }

    mutating func skipSpaces() {
        while let c = current, c == 32 || c == 9 || c == 10 || c == 13 { position += 1 }
    }

    /// Elements until end, `}`, or one of `stops` (`&`, `\\`, `\right`, `\end`).
    mutating func parseSequence(until stops: Set<String>) throws(Failure) -> String {
        var out = ""
        while true {
            skipSpaces()
            guard let c = current, c != UInt8(ascii: "}") else { return out }
            if c == UInt8(ascii: "&"), stops.contains("&") { return out }
            if c == UInt8(ascii: "\\"), let name = peekCommand(), stops.contains(name) { return out }
            out += try parseScripted()
        }
    }

    /// One atom with any `_`/`^` scripts and primes.
    mutating func parseScripted() throws(Failure) -> String {
        let start = position
        let (base, kind) = try parseAtom()
        var sub: String?, sup: String?
        while true {
            skipSpaces()
            guard let c = current else { break }
            if c == UInt8(ascii: "_") || c == UInt8(ascii: "^") {
                position += 1
                let argument = try parseArgument()
                if c == UInt8(ascii: "_") {
                    if sub != nil { throw fail("double subscript", hint: "group it: x_{ab}", at: start) }
                    sub = argument
                } else {
                    if sup != nil { throw fail("double superscript", hint: "group it: x^{ab}", at: start) }
                    sup = argument
                }
            } else if c == UInt8(ascii: "'") {
                var primes = ""
                while current == UInt8(ascii: "'") { primes += "′"; position += 1 }
                sup = sup.map { row($0 + "<mo>\(primes)</mo>") } ?? "<mo>\(primes)</mo>"
            } else if c == UInt8(ascii: "\\"), let name = peekCommand(), name == "limits" || name == "nolimits" {
                position += name.utf8.count + 1
            } else {
                break
            }
        }
        // Function names are followed by an invisible "apply function" operator,
        // and, as in TeX, a thin space unless a bracket follows (sin x, sin(x)).
        var apply = ""
        if kind == .function || kind == .limitFunction {
            apply = "<mo>\u{2061}</mo>"
            skipSpaces()
            let next = current
            if next != nil, next != UInt8(ascii: "("), next != UInt8(ascii: "["), peekCommand() != "left", next != UInt8(ascii: "}") {
                apply += "<mspace width=\"0.1667em\"></mspace>"
            }
        }
        guard sub != nil || sup != nil else { return base + apply }
        let under = display && (kind == .largeOperator || kind == .limitFunction)
        let tags = under ? ("munder", "mover", "munderover") : ("msub", "msup", "msubsup")
        // Every argument is already a single element (a token or an <mrow>).
        switch (sub, sup) {
        case let (sub?, sup?): return "<\(tags.2)>\(base)\(sub)\(sup)</\(tags.2)>" + apply
        case let (sub?, nil): return "<\(tags.0)>\(base)\(sub)</\(tags.0)>" + apply
        case let (nil, sup?): return "<\(tags.1)>\(base)\(sup)</\(tags.1)>" + apply
        default: return base + apply
        }
    }

    func row(_ content: String) -> String { "<mrow>\(content)</mrow>" }

    enum AtomKind { case ordinary, largeOperator, function, limitFunction }

    /// A script or command argument: a group or a single token.
    mutating func parseArgument() throws(Failure) -> String {
        skipSpaces()
        guard let c = current else { throw fail("missing argument", hint: "write x^{2} or x_{i}") }
        if c == UInt8(ascii: "{") { return try parseGroup() }
        if c == UInt8(ascii: "\\") {
            let (atom, kind) = try parseAtom()
            return kind == .function || kind == .limitFunction ? row(atom + "<mo>\u{2061}</mo>") : atom
        }
        if isLetter(c) || isDigit(c) {
            // A single character, not a whole number: x^23 is x² followed by 3.
            position += 1
            let text = String(decoding: [c], as: UTF8.self)
            return isDigit(c) ? "<mn>\(apply(text))</mn>" : "<mi>\(apply(text))</mi>"
        }
        return try parseAtom().0
    }

    mutating func parseGroup() throws(Failure) -> String {
        let open = position
        position += 1
        let content = try parseSequence(until: [])
        guard current == UInt8(ascii: "}") else { throw fail("'{' is never closed", at: open) }
        position += 1
        return row(content)
    }

    mutating func parseAtom() throws(Failure) -> (String, AtomKind) {
        guard let c = current else { throw fail("unexpected end of formula") }
        if c == UInt8(ascii: "{") { return (try parseGroup(), .ordinary) }
        if c == UInt8(ascii: "\\") { return try parseCommand() }
        if isDigit(c) || (c == UInt8(ascii: ".") && position + 1 < source.count && isDigit(source[position + 1])) {
            let start = position
            while let d = current, isDigit(d) || d == UInt8(ascii: ".") { position += 1 }
            return ("<mn>\(apply(String(decoding: source[start..<position], as: UTF8.self)))</mn>", .ordinary)
        }
        if isLetter(c) {
            position += 1
            return ("<mi>\(apply(String(decoding: [c], as: UTF8.self)))</mi>", .ordinary)
        }
        if c >= 0x80 {
            // A Unicode character typed directly (α, ≤): keep it as an identifier.
            let start = position
            position += 1
            while let d = current, d & 0xC0 == 0x80 { position += 1 }
            return ("<mi>\(HTMLText.escape(String(decoding: source[start..<position], as: UTF8.self)))</mi>", .ordinary)
        }
        position += 1
        switch c {
        case UInt8(ascii: "-"): return ("<mo>−</mo>", .ordinary)
        case UInt8(ascii: "*"): return ("<mo>∗</mo>", .ordinary)
        case UInt8(ascii: "&"): throw fail("'&' only separates columns inside an environment such as pmatrix", at: position - 1)
        case UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "~"):
            throw fail("'\(Character(Unicode.Scalar(c)))' has no meaning here", hint: "escape it as \\\(Character(Unicode.Scalar(c)))", at: position - 1)
        case UInt8(ascii: "^"), UInt8(ascii: "_"): throw fail("'\(Character(Unicode.Scalar(c)))' needs something before it", at: position - 1)
        default:
            let symbol = String(decoding: [c], as: UTF8.self)
            let fence = "()[]|".contains(symbol)
            return ("<mo\(fence ? " stretchy=\"false\"" : "")>\(HTMLText.escape(symbol))</mo>", .ordinary)
        }
    }

    func peekCommand() -> String? {
        guard current == UInt8(ascii: "\\"), position + 1 < source.count else { return nil }
        var end = position + 1
        if isLetter(source[end]) {
            while end < source.count, isLetter(source[end]) { end += 1 }
            // Environments like align* carry their star in the name.
        } else {
            end += 1
        }
        return String(decoding: source[(position + 1)..<end], as: UTF8.self)
    }

    mutating func readCommandName() throws(Failure) -> String {
        guard let name = peekCommand() else { throw fail("a lone backslash", hint: "write \\\\backslash for ∖") }
        position += 1 + name.utf8.count
        return name
    }

    mutating func parseCommand() throws(Failure) -> (String, AtomKind) {
        let start = position
        let name = try readCommandName()
        if let letter = TeXSymbols.greek[name] { return ("<mi>\(letter)</mi>", .ordinary) }
        if let letter = TeXSymbols.upperGreek[name] { return ("<mi mathvariant=\"normal\">\(letter)</mi>", .ordinary) }
        if let symbol = TeXSymbols.identifiers[name] { return ("<mi>\(symbol)</mi>", .ordinary) }
        if let symbol = TeXSymbols.largeOperators[name] { return ("<mo largeop=\"true\">\(symbol)</mo>", .largeOperator) }
        if let symbol = TeXSymbols.operators[name] { return ("<mo>\(HTMLText.escape(symbol))</mo>", .ordinary) }
        if let width = TeXSymbols.spaces[name] { return ("<mspace width=\"\(width)\"></mspace>", .ordinary) }
        if TeXSymbols.functions.contains(name) {
            let text = name == "argmax" ? "arg max" : name == "argmin" ? "arg min" : name
            return ("<mi>\(text)</mi>", TeXSymbols.limitFunctions.contains(name) ? .limitFunction : .function)
        }
        if let accent = TeXSymbols.accents[name] {
            return ("<mover accent=\"true\">\(try parseArgument())<mo>\(HTMLText.escape(accent))</mo></mover>", .ordinary)
        }
        if let style = TeXSymbols.fonts[name] {
            let saved = font
            font = style
            defer { font = saved }
            let content = try parseArgument()
            if name == "operatorname" { return (content, .function) }
            return (content, .ordinary)
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            return ("<mfrac>\(try parseArgument())\(try parseArgument())</mfrac>", .ordinary)
        case "binom":
            return ("<mrow><mo>(</mo><mfrac linethickness=\"0\">\(try parseArgument())\(try parseArgument())</mfrac><mo>)</mo></mrow>", .ordinary)
        case "sqrt":
            skipSpaces()
            if current == UInt8(ascii: "[") {
                position += 1
                let indexStart = position
                while let c = current, c != UInt8(ascii: "]") { position += 1 }
                guard current == UInt8(ascii: "]") else { throw fail("'[' of \\sqrt is never closed", at: indexStart - 1) }
                var inner = TeXParser(source: String(decoding: source[indexStart..<position], as: UTF8.self), display: false)
                let index = try inner.parseWhole()
                position += 1
                return ("<mroot>\(try parseArgument())\(row(index))</mroot>", .ordinary)
            }
            return ("<msqrt>\(try parseArgument())</msqrt>", .ordinary)
        case "text", "textrm", "textit", "textbf", "textsf", "texttt", "mbox":
            return ("<mtext>\(HTMLText.escape(try rawGroup()))</mtext>", .ordinary)
        case "left":
            let open = try delimiter()
            let content = try parseSequence(until: ["right"])
            guard peekCommand() == "right" else { throw fail("\\left without a matching \\right", at: start) }
            _ = try readCommandName()
            let close = try delimiter()
            return ("<mrow><mo fence=\"true\">\(open)</mo>\(content)<mo fence=\"true\">\(close)</mo></mrow>", .ordinary)
        case "right":
            throw fail("\\right without a \\left", at: start)
        case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr":
            return ("<mo>\(try delimiter())</mo>", .ordinary)
        case "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits":
            return ("", .ordinary)
        case "begin":
            return (try environment(at: start), .ordinary)
        case "end":
            throw fail("\\end without a \\begin", at: start)
        case "\\":
            throw fail("'\\\\' only breaks lines inside an environment such as aligned", at: start)
        default:
            let known = Array(TeXSymbols.greek.keys) + TeXSymbols.operators.keys + TeXSymbols.functions + TeXSymbols.largeOperators.keys
                + TeXSymbols.identifiers.keys + TeXSymbols.accents.keys + TeXSymbols.fonts.keys + ["frac", "sqrt", "text", "left", "right", "begin"]
            let guess = Suggestions.nearest(to: name, in: known)
            throw fail("unknown TeX command \\\(name)", hint: guess.map { "did you mean \\\($0)?" }, at: start)
        }
    }

    /// The text of a `{…}` argument, as written (for \text).
    mutating func rawGroup() throws(Failure) -> String {
        skipSpaces()
        guard current == UInt8(ascii: "{") else { throw fail("expected '{' after the command") }
        let open = position
        var depth = 0
        repeat {
            guard let c = current else { throw fail("'{' is never closed", at: open) }
            if c == UInt8(ascii: "{") { depth += 1 }
            if c == UInt8(ascii: "}") { depth -= 1 }
            if c == UInt8(ascii: "\\") { position += 1 }
            position += 1
        } while depth > 0
        return String(decoding: source[(open + 1)..<(position - 1)], as: UTF8.self)
    }

    mutating func delimiter() throws(Failure) -> String {
        skipSpaces()
        guard let c = current else { throw fail("missing delimiter after \\left or \\right") }
        var token = String(decoding: [c], as: UTF8.self)
        if c == UInt8(ascii: "\\") { token = "\\" + (peekCommand() ?? "") }
        guard let symbol = TeXSymbols.delimiters[token] else {
            throw fail("'\(token)' is not a delimiter", hint: "use ( ) [ ] | . \\{ \\} \\langle \\rangle")
        }
        position += token.utf8.count
        return HTMLText.escape(symbol)
    }

    mutating func environment(at start: Int) throws(Failure) -> String {
        let name = try rawGroup()
        guard let fences = TeXSymbols.environments[name] else {
            throw fail("unknown environment '\(name)'", hint: "supported: " + TeXSymbols.environments.keys.sorted().joined(separator: ", "), at: start)
        }
        if name == "array" { _ = try rawGroup() }
        var rows: [[String]] = [[]]
        while true {
            let cell = try parseSequence(until: ["&", "\\", "end"])
            rows[rows.count - 1].append(cell)
            if current == UInt8(ascii: "&") {
                position += 1
            } else if peekCommand() == "\\" {
                position += 2
                rows.append([])
            } else if peekCommand() == "end" {
                _ = try readCommandName()
                let closing = try rawGroup()
                guard closing == name else { throw fail("\\begin{\(name)} is closed by \\end{\(closing)}", at: start) }
                break
            } else {
                throw fail("\\begin{\(name)} is never closed", at: start)
            }
        }
        if rows.count > 1, rows.last == [""] { rows.removeLast() }
        let aligned = name.hasPrefix("align") || name == "cases"
        let table = rows.map { cells in
            "<mtr>" + cells.enumerated().map { index, cell in
                let align = aligned ? (index % 2 == 0 ? (name == "cases" ? "left" : "right") : "left") : "center"
                return "<mtd style=\"text-align: \(align)\">\(cell)</mtd>"
            }.joined() + "</mtr>"
        }.joined()
        let open = fences.open.isEmpty ? "" : "<mo fence=\"true\">\(HTMLText.escape(fences.open))</mo>"
        let close = fences.close.isEmpty ? "" : "<mo fence=\"true\">\(HTMLText.escape(fences.close))</mo>"
        return "<mrow>\(open)<mtable>\(table)</mtable>\(close)</mrow>"
    }

    func apply(_ text: String) -> String {
        HTMLText.escape(font?.apply(to: text) ?? text)
    }

    func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
