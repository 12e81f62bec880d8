import QuireDiagnostics

/// `\begin{…}…\end{…}`: matrices, arrays, cases and alignments, as
/// `<mtable>`. MathML Core has no `rowlines`/`columnlines`, so rules and
/// column alignment are CSS on the cells.
extension TeXParser {
    struct Environment {
        var open = "", close = ""
        /// Column alignment: "r"/"l"/"c"; alternating for alignments.
        var alignment: Alignment = .center
        var cellStyle: MathStyle = .text
        /// Column rules from an array's spec: after column i, "solid"/"dashed".
        var columnSpec: [Character] = []
        var small = false

        enum Alignment { case center, left, alternating, spec }
    }

    static let environmentNames = [
        "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "matrix*", "pmatrix*", "bmatrix*", "Bmatrix*",
        "vmatrix*", "Vmatrix*", "smallmatrix", "array", "darray", "subarray", "aligned", "align", "align*", "alignat",
        "alignat*", "alignedat", "split", "gather", "gather*", "gathered", "equation", "equation*", "cases", "dcases",
        "rcases", "drcases",
    ]

    func environmentKind(_ name: String) -> Environment? {
        var environment = Environment()
        let fences: [String: (String, String)] = [
            "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"), "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"),
        ]
        let base = name.hasSuffix("*") ? String(name.dropLast()) : name
        switch base {
        case "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix":
            (environment.open, environment.close) = fences[base] ?? ("", "")
        case "smallmatrix":
            environment.small = true
            environment.cellStyle = .script
        case "array", "subarray":
            environment.alignment = .spec
            environment.small = base == "subarray"
            environment.cellStyle = base == "subarray" ? .script : .text
        case "darray":
            environment.alignment = .spec
            environment.cellStyle = .display
        case "aligned", "align", "alignat", "alignedat", "split":
            environment.alignment = .alternating
            environment.cellStyle = .display
        case "gather", "gathered", "equation":
            environment.cellStyle = .display
        case "cases", "dcases":
            environment.open = "{"
            environment.alignment = .left
            environment.cellStyle = base == "dcases" ? .display : .text
        case "rcases", "drcases":
            environment.close = "}"
            environment.alignment = .left
            environment.cellStyle = base == "drcases" ? .display : .text
        default:
            return nil
        }
        return environment
    }

    mutating func environmentName(after command: TeXToken) throws(Failure) -> String {
        let tokens = try stream.readRawArgument(for: command)
        return tokens.map(\.text).joined().trimmingCharacters(in: .whitespaces)
    }

    mutating func environment(_ begin: TeXToken) throws(Failure) -> MathNode {
        try enter(at: begin.offset)
        defer { depth -= 1 }
        let name = try environmentName(after: begin)
        guard var environment = environmentKind(name) else {
            let guess = Suggestions.nearest(to: name, in: Self.environmentNames)
            throw fail(
                "unknown environment '\(name)'",
                hint: guess.map { "did you mean \($0)?" } ?? "supported: " + Self.environmentNames.joined(separator: ", "), at: begin.offset
            )
        }
        if ["array", "darray", "subarray"].contains(name) {
            let spec = try stream.readRawArgument(for: begin).map(\.text).joined()
            environment.columnSpec = Array(spec.filter { "lcr|:".contains($0) })
            if environment.columnSpec.isEmpty { throw fail("array needs its columns, such as {cc} or {l|r}", at: begin.offset) }
        } else if ["alignat", "alignat*", "alignedat"].contains(name) {
            _ = try stream.readRawArgument(for: begin)
        } else if name.hasSuffix("matrix*"), let next = try stream.peekNonSpace(), next.is("[") {
            _ = stream.nextRaw()
            let align = try stream.readUntilBracket(opening: next).map(\.text).joined()
            environment.alignment = .spec
            environment.columnSpec = Array(repeating: align.first ?? "c", count: 64)
        }
        let savedStyle = style
        style = environment.cellStyle
        defer { style = savedStyle }
        var rows: [[String]] = [[]]
        var linesAbove: [Int: String] = [:]
        while true {
            while let next = try stream.peekNonSpace(), next.kind == .command, next.text == "hline" || next.text == "hdashline" {
                _ = stream.nextRaw()
                linesAbove[rows.count - 1] = next.text == "hline" ? "solid" : "dashed"
            }
            let cell = try parseList(stops: ["&", "\\", "cr", "end"])
            rows[rows.count - 1].append(Self.join(cell))
            guard let next = try stream.peekNonSpace() else {
                throw fail("\\begin{\(name)} is never closed", hint: "end it with \\end{\(name)}", at: begin.offset)
            }
            _ = stream.nextRaw()
            if next.is("&") { continue }
            if next.is("}") { throw fail("unmatched '}' inside \\begin{\(name)}", at: next.offset) }
            if next.text == "end" {
                let closing = try environmentName(after: next)
                guard closing == name else {
                    throw fail("\\begin{\(name)} is closed by \\end{\(closing)}", hint: "close it with \\end{\(name)}", at: next.offset)
                }
                break
            }
            try skipOptionalBracket()
            rows.append([])
        }
        var lineBelow: String?
        if rows.count > 1, rows.last == [""] {
            rows.removeLast()
            lineBelow = linesAbove.removeValue(forKey: rows.count)
        }
        return MathNode(xml: table(rows, environment, linesAbove: linesAbove, lineBelow: lineBelow), mathClass: .ordinary)
    }

    func table(_ rows: [[String]], _ environment: Environment, linesAbove: [Int: String], lineBelow: String?) -> String {
        let columns = environment.columnSpec.filter { $0 != "|" && $0 != ":" }
        // The rule after column i (index -1: before the first).
        var rules: [Int: String] = [:]
        var column = -1
        for character in environment.columnSpec {
            if character == "|" || character == ":" { rules[column] = character == "|" ? "solid" : "dashed" } else { column += 1 }
        }
        var xml = ""
        for (rowIndex, cells) in rows.enumerated() {
            xml += "<mtr>"
            for (index, cell) in cells.enumerated() {
                var styles: [String] = []
                switch environment.alignment {
                case .center: break
                case .left: styles.append("text-align: left")
                case .alternating:
                    styles.append(index % 2 == 0 ? "text-align: right; padding-right: 0" : "text-align: left; padding-left: 0")
                case .spec:
                    let align = index < columns.count ? columns[index] : "c"
                    if align != "c" { styles.append("text-align: \(align == "l" ? "left" : "right")") }
                }
                if index == 0, let rule = rules[-1] { styles.append("border-left: 0.06em \(rule)") }
                if let rule = rules[index] { styles.append("border-right: 0.06em \(rule)") }
                if let line = linesAbove[rowIndex] { styles.append("border-top: 0.06em \(line)") }
                if rowIndex == rows.count - 1, let line = lineBelow { styles.append("border-bottom: 0.06em \(line)") }
                let attribute = styles.isEmpty ? "" : " style=\"\(styles.joined(separator: "; "))\""
                xml += "<mtd\(attribute)>\(cell)</mtd>"
            }
            xml += "</mtr>"
        }
        var tableXML = "<mtable>\(xml)</mtable>"
        if environment.cellStyle == .display { tableXML = "<mstyle displaystyle=\"true\" scriptlevel=\"0\">\(tableXML)</mstyle>" }
        if environment.small { tableXML = "<mstyle scriptlevel=\"1\">\(tableXML)</mstyle>" }
        let open = environment.open.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(HTMLText.escape(environment.open))</mo>"
        let close = environment.close.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(HTMLText.escape(environment.close))</mo>"
        return "<mrow>\(open)\(tableXML)\(close)</mrow>"
    }
}
