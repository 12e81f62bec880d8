import Foundation

/// KaTeX (Debian's libjs-katex) run by node, as the oracle for quire's math:
/// one node process renders a whole batch to MathML or an error message.
enum KaTeXOracle {
    static let katexPath = "/usr/share/javascript/katex/katex.js"

    static let nodePath: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/node"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var available: Bool { nodePath != nil && FileManager.default.fileExists(atPath: katexPath) }

    struct Request: Encodable {
        var tex: String
        var display: Bool
        /// Macros given to KaTeX's `macros` option; a group shares one
        /// macros object with `globalGroup`, so definitions carry over.
        var macros: [String: String] = [:]
        var group: Int? = nil
    }

    struct Answer: Decodable {
        var mathml: String?
        var error: String?
    }

    static let script = """
        const katex = require(process.argv[2]);
        const requests = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        const groups = {};
        const answers = requests.map(r => {
          let macros = Object.assign({}, r.macros);
          if (r.group !== null && r.group !== undefined) { groups[r.group] = groups[r.group] || macros; macros = groups[r.group]; }
          try {
            return {mathml: katex.renderToString(r.tex, {output: 'mathml', displayMode: r.display, throwOnError: true,
                                                          strict: 'ignore', macros, globalGroup: r.group !== null && r.group !== undefined})};
          } catch (e) { return {error: String(e.message)}; }
        });
        process.stdout.write(JSON.stringify(answers));
        """

    static func render(_ requests: [Request]) throws -> [Answer] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quire-katex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("render.js")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let input = directory.appendingPathComponent("in.json")
        try JSONEncoder().encode(requests).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nodePath!)
        process.arguments = [scriptURL.path, katexPath]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([Answer].self, from: data)
    }
}

/// MathML reduced to what a reader sees and how it nests: token text in
/// order (each character with its math alphabet), and fractions, roots,
/// scripts, under/over, tables, colour and phantoms. Rows, styles, padding,
/// spaces and invisible operators are dropped, so KaTeX's and quire's
/// different but equivalent markup compare equal.
enum MathMLStructure {
    indirect enum Node {
        case element(String, [String: String], [Node])
        case text(String)
    }

    static func normalize(_ xml: String) -> String {
        var parser = XMLReader(Array(xml.unicodeScalars))
        let nodes = parser.parseNodes()
        return serialize(items(of: nodes, variant: nil, inToken: nil))
    }

    enum Item {
        case text(String)
        case structure(String)
        case lineBreak
    }

    static let transparent: Set<String> = ["math", "semantics", "mrow", "mstyle", "mpadded", "menclose", "span", "merror"]
    static let scripted: Set<String> = ["mfrac", "mroot", "msub", "msup", "msubsup", "munder", "mover", "munderover"]

    static func items(of nodes: [Node], variant: String?, inToken: String?) -> [Item] {
        var result: [Item] = []
        for node in nodes {
            switch node {
            case .text(let text):
                guard let token = inToken else { continue }
                result.append(.text(characters(text, variant: variant, token: token)))
            case .element(let name, let attributes, let children):
                switch name {
                case "annotation", "annotation-xml":
                    continue
                case "mi", "mn", "mo", "mtext", "ms":
                    let own = attributes["mathvariant"] ?? variant
                    result += items(of: children, variant: own, inToken: name)
                case "mspace":
                    if attributes["linebreak"] == "newline" { result.append(.lineBreak) }
                case "mstyle" where attributes["mathcolor"] != nil:
                    result.append(
                        .structure(
                            "color[\(attributes["mathcolor"]!)](\(serialize(items(of: children, variant: variant, inToken: inToken))))"))
                case "msqrt", "mphantom":
                    result.append(.structure("\(name)(\(serialize(items(of: children, variant: variant, inToken: inToken))))"))
                case "mtd" where children.isEmpty && ["mtr-glue", "mml-eqn-num"].contains(attributes["class"] ?? ""):
                    // KaTeX's scaffolding for equation numbers in align and gather.
                    continue
                case "mtable", "mtr", "mtd":
                    let parts = children.compactMap { child -> String? in
                        if case .element = child { return serialize(items(of: [child], variant: variant, inToken: inToken)) }
                        return nil
                    }.filter { !$0.isEmpty }
                    result.append(.structure(name == "mtd" ? "cell(\(parts.joined()))" : "\(name)(\(parts.joined(separator: ",")))"))
                case _ where scripted.contains(name):
                    var label = name
                    if name == "mfrac", let thickness = attributes["linethickness"],
                        Double(thickness.filter { "0123456789.".contains($0) }) == 0
                    {
                        label = "mfrac0"
                    }
                    let arguments = children.compactMap { child -> String? in
                        if case .element = child { return serialize(items(of: [child], variant: variant, inToken: inToken)) }
                        return nil
                    }
                    result.append(.structure("\(label)(\(arguments.joined(separator: "|")))"))
                default:
                    // Rows, styles, padding, enclosures: only their content counts.
                    result += items(of: children, variant: variant, inToken: inToken)
                }
            }
        }
        // A line break in a row makes it a one-column table, as quire writes it.
        if result.contains(where: { if case .lineBreak = $0 { return true } else { return false } }) {
            var lines: [[Item]] = [[]]
            for item in result {
                if case .lineBreak = item { lines.append([]) } else { lines[lines.count - 1].append(item) }
            }
            return [.structure("mtable(" + lines.map { "mtr(cell(\(serialize($0))))" }.joined(separator: ",") + ")")]
        }
        return result
    }

    static func serialize(_ items: [Item]) -> String {
        items.map { item in
            switch item {
            case .text(let text): text
            case .structure(let text): text
            case .lineBreak: ""
            }
        }.joined()
    }

    /// Characters that look the same and differ only in code point.
    static let folds: [Character: String] = [
        "∣": "|", "∥": "‖", "−": "-", "∗": "*", "\u{A0}": "", "\u{2061}": "", "\u{2062}": "", "\u{2063}": "", "\u{200B}": "",
        "ˉ": "¯", "‾": "¯", "\u{2009}": "", "\u{2003}": "", "\u{2002}": "", "\u{2004}": "", "\u{205F}": "",
    ]

    /// Each visible character as base letter plus its math alphabet, whether
    /// the alphabet came from `mathvariant` (KaTeX) or from a Unicode
    /// mathematical alphanumeric (quire), read from the character's name.
    static func characters(_ text: String, variant: String?, token: String) -> String {
        var out = ""
        let single = text.count == 1
        for character in text.precomposedStringWithCanonicalMapping {
            if character.isWhitespace { continue }
            if let folded = folds[character] {
                out += folded
                continue
            }
            var base = String(character)
            var alphabet = variant
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, let name = scalar.properties.name {
                if let (style, plain) = alphabetFromName(name, character) {
                    alphabet = style
                    base = plain
                }
            }
            let baseScalar = base.unicodeScalars.first!
            let isLetter = baseScalar.properties.isAlphabetic && (baseScalar.isASCII || (0x370...0x3FF).contains(baseScalar.value))
            let isDigit = baseScalar.isASCII && baseScalar.properties.numericType != nil
            var key = alphabet ?? (token == "mi" && single ? "italic" : "normal")
            if !isLetter && !(isDigit && key != "italic" && key != "normal") { key = "" }
            // Digits exist in only some math alphabets; the others leave them plain.
            if isDigit && !["bold", "double-struck", "sans-serif", "bold-sans-serif", "monospace"].contains(key) { key = "" }
            out += key.isEmpty ? base : "\(base){\(key)}"
        }
        return out
    }

    static func alphabetFromName(_ name: String, _ character: Character) -> (String, String)? {
        let letterlike: [String: String] = ["DOUBLE-STRUCK": "double-struck", "SCRIPT": "script", "BLACK-LETTER": "fraktur"]
        var plain = String(character).precomposedStringWithCompatibilityMapping
        // Compatibility mapping goes one step too far for the Greek symbol forms (ϵ → ε).
        let symbolForms = [
            "EPSILON SYMBOL": "ϵ", "THETA SYMBOL": "ϑ", "KAPPA SYMBOL": "ϰ", "PHI SYMBOL": "ϕ", "RHO SYMBOL": "ϱ", "PI SYMBOL": "ϖ",
            "CAPITAL THETA SYMBOL": "ϴ",
        ]
        for (suffix, form) in symbolForms where name.hasSuffix(suffix) { plain = form }
        if name == "PLANCK CONSTANT" { return ("italic", "h") }
        if name.hasPrefix("MATHEMATICAL ") {
            let words = name.dropFirst("MATHEMATICAL ".count).split(separator: " ")
            guard
                let kindIndex = words.firstIndex(where: {
                    ["CAPITAL", "SMALL", "DIGIT", "NABLA", "PARTIAL", "EPSILON", "THETA", "KAPPA", "PHI", "RHO", "PI"].contains($0)
                })
            else { return nil }
            var style = words[..<kindIndex].joined(separator: "-").lowercased()
            if style == "sans-serif-bold" { style = "bold-sans-serif" }
            if style == "sans-serif-bold-italic" { style = "sans-serif-bold-italic" }
            if style.isEmpty { return nil }
            return (style, plain)
        }
        for (prefix, style) in letterlike where name.hasPrefix(prefix + " CAPITAL") || name.hasPrefix(prefix + " SMALL") {
            return (style, plain)
        }
        return nil
    }

    /// Just enough XML for MathML: elements, attributes, text, entities.
    struct XMLReader {
        let scalars: [Unicode.Scalar]
        var position = 0
        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func parseNodes() -> [Node] {
            var nodes: [Node] = []
            var text = ""
            while position < scalars.count {
                if scalars[position] == "<" {
                    if !text.isEmpty {
                        nodes.append(.text(decode(text)))
                        text = ""
                    }
                    if position + 1 < scalars.count, scalars[position + 1] == "/" {
                        while position < scalars.count, scalars[position] != ">" { position += 1 }
                        position += 1
                        return nodes
                    }
                    position += 1
                    var name = ""
                    while position < scalars.count, !" />".unicodeScalars.contains(scalars[position]) {
                        name.unicodeScalars.append(scalars[position])
                        position += 1
                    }
                    var attributes: [String: String] = [:]
                    var selfClosing = false
                    while position < scalars.count, scalars[position] != ">" {
                        if scalars[position] == "/" {
                            selfClosing = true
                            position += 1
                            continue
                        }
                        if scalars[position] == " " {
                            position += 1
                            continue
                        }
                        var key = ""
                        while position < scalars.count, scalars[position] != "=", scalars[position] != ">", scalars[position] != " " {
                            key.unicodeScalars.append(scalars[position])
                            position += 1
                        }
                        while position < scalars.count, scalars[position] == " " { position += 1 }
                        if position < scalars.count, scalars[position] == "=" {
                            position += 2
                            var value = ""
                            while position < scalars.count, scalars[position] != "\"" {
                                value.unicodeScalars.append(scalars[position])
                                position += 1
                            }
                            position += 1
                            attributes[key] = decode(value)
                        }
                    }
                    position += 1
                    let children = selfClosing ? [] : parseNodes()
                    nodes.append(.element(name, attributes, children))
                } else {
                    text.unicodeScalars.append(scalars[position])
                    position += 1
                }
            }
            if !text.isEmpty { nodes.append(.text(decode(text))) }
            return nodes
        }

        func decode(_ text: String) -> String {
            guard text.contains("&") else { return text }
            var out = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&#x27;", with: "'")
            while let range = out.range(of: "&#x"), let end = out[range.upperBound...].firstIndex(of: ";"),
                let value = UInt32(out[range.upperBound..<end], radix: 16), let scalar = Unicode.Scalar(value)
            {
                out.replaceSubrange(range.lowerBound...end, with: String(scalar))
            }
            return out.replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}
