/// Spans of the Markdown source that cmark must not see as Markdown: inline
/// values `{{ … }}`. Each is swapped for a token of private-use characters
/// before parsing; inside code the original text is put back, elsewhere the
/// token is replaced by the evaluated value after rendering.
struct ProtectedSpans {
    struct Span: Equatable {
        var original: String
        /// The text between the braces.
        var expression: String
        /// 1-based line and byte column in the Markdown body.
        var line: Int
        var column: Int
    }

    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    private(set) var spans: [Span] = []
    private(set) var text: String = ""

    static func token(_ kind: Character, _ index: Int) -> String { "\(open)\(kind)\(index)\(close)" }

    /// Scans `markdown`, honouring backslash escapes so `\{{` stays a literal `{{`.
    init(scanning markdown: String) {
        var output = ""
        output.reserveCapacity(markdown.utf8.count)
        var lineNumber = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineNumber > 1 { output += "\n" }
            guard line.contains("{{") else {
                output += line
                continue
            }
            output += protect(line, lineNumber: lineNumber)
        }
        text = output
    }

    private mutating func protect(_ line: Substring, lineNumber: Int) -> String {
        var result = ""
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\\", line.index(after: index) < line.endIndex {
                let next = line.index(after: index)
                result.append(character)
                result.append(line[next])
                index = line.index(after: next)
                continue
            }
            if character == "{", line[index...].hasPrefix("{{"),
               let end = line[line.index(index, offsetBy: 2)...].range(of: "}}") {
                let inner = line[line.index(index, offsetBy: 2)..<end.lowerBound]
                let column = line.utf8.distance(from: line.startIndex, to: index) + 1
                result += Self.token("V", spans.count)
                spans.append(Span(original: String(line[index..<end.upperBound]), expression: String(inner), line: lineNumber, column: column))
                index = end.upperBound
                continue
            }
            result.append(character)
            index = line.index(after: index)
        }
        return result
    }

    /// `text` with every token of kind `kind` replaced through `replacement`.
    static func substitute(in text: String, kind: Character, _ replacement: (Int) -> String) -> String {
        guard text.contains(open) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let start = rest.firstIndex(of: open) {
            result += rest[..<start]
            let afterOpen = rest.index(after: start)
            if afterOpen < rest.endIndex, rest[afterOpen] == kind,
               let end = rest[afterOpen...].firstIndex(of: close),
               let number = Int(rest[rest.index(after: afterOpen)..<end]) {
                result += replacement(number)
                rest = rest[rest.index(after: end)...]
            } else {
                result.append(rest[start])
                rest = rest[afterOpen...]
            }
        }
        result += rest
        return result
    }

    /// Puts the author's original text back (used for code, where nothing is evaluated).
    func restore(_ text: String) -> String {
        Self.substitute(in: text, kind: "V") { spans.indices.contains($0) ? spans[$0].original : "" }
    }
}
