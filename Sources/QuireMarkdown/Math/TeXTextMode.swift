import QuireDiagnostics

/// `\text{…}` and its kin: words in a formula, with the commands KaTeX allows
/// inside text (escaped specials, spaces, accents, font changes, nested
/// `$…$` math). Every command resolves to characters or an error, so TeX
/// never leaks into the page.
extension TeXParser {
    struct TextResult {
        var xml: String
        /// The words alone, for `\tag` and plain text.
        var plain: String
    }

    /// Characters escaped in text mode by a backslash.
    static let textEscapes: [String: String] = [
        "{": "{", "}": "}", "$": "$", "&": "&", "%": "%", "_": "_", "#": "#", "textbackslash": "\\",
        "textasciitilde": "~", "textasciicircum": "^", "textbar": "|", "textless": "<", "textgreater": ">",
        "textunderscore": "_", "textbraceleft": "{", "textbraceright": "}", "textdollar": "$", "textendash": "–",
        "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
        "textquotedblright": "”", "textdagger": "†", "textdaggerdbl": "‡", "textbullet": "•", "textdegree": "°",
        "textsterling": "£", "textregistered": "®", "textcopyright": "©", "textellipsis": "…", "dots": "…",
        "ldots": "…", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å",
        "i": "ı", "j": "ȷ", "l": "ł", "L": "Ł", "S": "§", "P": "¶", "dag": "†", "ddag": "‡", "pounds": "£",
        "copyright": "©", "textvisiblespace": "␣", "KaTeX": "KaTeX", "TeX": "TeX", "LaTeX": "LaTeX",
    ]
    /// Text accents `\'{e}` → é, as combining marks.
    static let textAccents: [String: String] = [
        "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "\"": "\u{308}", "~": "\u{303}", "=": "\u{304}",
        ".": "\u{307}", "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "r": "\u{30A}", "c": "\u{327}",
    ]
    static let textSpaceWidths: [String: String] = [
        " ": " ", "~": "\u{A0}", "nobreakspace": "\u{A0}", "space": " ", ",": "\u{2009}", "thinspace": "\u{2009}",
        ":": "\u{205F}", ";": "\u{2004}", "quad": "\u{2003}", "qquad": "\u{2003}\u{2003}", "enspace": "\u{2002}",
        "!": "", "negthinspace": "",
    ]

    /// The `{…}` after a text command, as MathML.
    mutating func parseTextArgument(for command: TeXToken) throws(Failure) -> TextResult {
        try enter(at: command.offset)
        defer { depth -= 1 }
        stream.skipSpaces()
        guard let open = stream.nextRaw() else {
            throw fail("\\\(command.text) needs an argument", hint: "write \\\(command.text){…}", at: command.offset)
        }
        if !open.is("{") {
            // A single token, as TeX allows (\text x).
            stream.pushBack(TeXToken(kind: .character, text: "}", offset: open.offset))
            stream.pushBack(open)
        }
        return try parseTextUntilClose(opening: open)
    }

    /// Text up to the `}` that closes `opening` (already read).
    mutating func parseTextUntilClose(opening: TeXToken) throws(Failure) -> TextResult {
        try enter(at: opening.offset)
        let entryFont = font
        defer {
            depth -= 1
            font = entryFont
        }
        var xml = ""
        var plain = ""
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            // Browsers drop white space at the ends of an <mtext> ("if x"); a
            // no-break space keeps it, as in KaTeX.
            if run.first == " " { run = "\u{A0}" + run.dropFirst() }
            if run.last == " " { run = run.dropLast() + "\u{A0}" }
            xml += "<mtext>\(HTMLText.escape(run))</mtext>"
            run = ""
        }
        func add(_ text: String) {
            var styledText = String.UnicodeScalarView()
            let current = font
            for scalar in text.unicodeScalars { styledText.append(current?.apply(to: scalar) ?? scalar) }
            run += String(styledText)
            plain += text
        }
        while true {
            guard let token = try stream.next() else { throw fail("'{' is never closed", hint: "add the matching '}'", at: opening.offset) }
            switch token.kind {
            case .space:
                add(" ")
            case .parameter:
                throw fail("'#\(token.text)' is a macro parameter, outside a macro", at: token.offset)
            case .character:
                switch token.text {
                case "}":
                    flush()
                    return TextResult(xml: xml, plain: plain)
                case "{":
                    flush()
                    let inner = try parseTextUntilClose(opening: token)
                    xml += inner.xml
                    plain += inner.plain
                case "$":
                    flush()
                    let savedFont = font
                    font = nil
                    let nodes = try parseList(stops: ["$"])
                    font = savedFont
                    guard let close = stream.nextRaw(), close.is("$") else {
                        throw fail("'$' in text is never closed", hint: "close the math with '$'", at: token.offset)
                    }
                    xml += "<mrow>\(Self.join(nodes))</mrow>"
                case "~":
                    add("\u{A0}")
                case "-" where stream.peekRaw()?.is("-") == true:
                    _ = stream.nextRaw()
                    if stream.peekRaw()?.is("-") == true {
                        _ = stream.nextRaw()
                        add("—")
                    } else {
                        add("–")
                    }
                case "`":
                    if stream.peekRaw()?.is("`") == true {
                        _ = stream.nextRaw()
                        add("“")
                    } else {
                        add("‘")
                    }
                case "'":
                    if stream.peekRaw()?.is("'") == true {
                        _ = stream.nextRaw()
                        add("”")
                    } else {
                        add("’")
                    }
                case "&", "#", "^", "_":
                    throw fail("'\(token.text)' in text needs a backslash", hint: "write \\\(token.text)", at: token.offset)
                default:
                    add(token.text)
                }
            case .command:
                let name = token.text
                if let character = Self.textEscapes[name] {
                    add(character)
                } else if let space = Self.textSpaceWidths[name] {
                    add(space)
                } else if let mark = Self.textAccents[name] {
                    let argument = try stream.readRawArgument(for: token)
                    let letters = argument.map(\.text).joined()
                    add((letters.isEmpty ? "\u{A0}" : letters) + mark)
                } else if let inner = MathFont.commands[name], name.hasPrefix("text") || name == "emph" {
                    flush()
                    let savedFont = font
                    font = (font ?? .upright).combined(with: inner)
                    let result = try parseTextArgument(for: token)
                    font = savedFont
                    xml += result.xml
                    plain += result.plain
                } else if let switched = MathFont.switches[name] {
                    flush()
                    font = (font ?? .upright).combined(with: switched)
                } else if name == "text" || name == "textnormal" || name == "mbox" || name == "hbox" {
                    flush()
                    let result = try parseTextArgument(for: token)
                    xml += result.xml
                    plain += result.plain
                } else if name == "textcolor" || name == "color" {
                    flush()
                    let color = try readColor(for: token)
                    if name == "color" {
                        let rest = try parseTextUntilClose(opening: opening)
                        xml += "<mstyle mathcolor=\"\(HTMLText.escape(color))\">\(rest.xml)</mstyle>"
                        return TextResult(xml: xml, plain: plain + rest.plain)
                    }
                    let result = try parseTextArgument(for: token)
                    xml += "<mstyle mathcolor=\"\(HTMLText.escape(color))\">\(result.xml)</mstyle>"
                    plain += result.plain
                } else if name == "\\" || name == "newline" {
                    add(" ")
                } else if name == "hspace" || name == "hskip" || name == "kern" {
                    _ = try readDimension(for: token)
                    add(" ")
                } else if name == "relax" || name == "/" {
                    continue
                } else {
                    throw unknownCommand(token, inText: true)
                }
            }
        }
    }
}
