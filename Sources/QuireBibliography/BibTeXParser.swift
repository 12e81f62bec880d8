import Foundation
import QuireDiagnostics

/// BibTeX as people write it: `@type{key, field = value, …}` (or parentheses),
/// values in braces, quotes or bare numbers, `@string` macros joined with `#`,
/// month macros, `@comment` and `@preamble` skipped, text between entries ignored.
/// Every problem is located at its own line of the `.bib` file.
enum BibTeXParser {
    public static func parse(_ text: String, path: String) throws -> [BibliographyEntry] {
        var reader = BibTeXReader(bytes: Array(text.utf8), path: path)
        let raw = try reader.readAll()
        return try raw.map(makeEntry)
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// An entry as written: fields still hold TeX.
    struct RawEntry {
        var type: String
        var key: String
        var fields: [String: String]
        var location: SourceLocation
    }

    static func makeEntry(_ raw: RawEntry) throws -> BibliographyEntry {
        func field(_ name: String) -> String? {
            raw.fields[name].map(TeXText.plain).flatMap { $0.isEmpty ? nil : $0 }
        }
        var authors: [PersonName] = []
        var moreAuthors = false
        if let author = raw.fields["author"] {
            (authors, moreAuthors) = BibTeXNames.parse(author)
        }
        let editors = raw.fields["editor"].map { BibTeXNames.parse($0).names } ?? []
        var month: Int?
        if let text = raw.fields["month"]?.trimmingCharacters(in: .whitespaces).lowercased() {
            month = Int(text) ?? monthNames.firstIndex(where: { text.count >= 3 && $0.hasPrefix(String(text.prefix(3))) }).map { $0 + 1 }
        }
        let container = field("journal") ?? field("journaltitle") ?? field("booktitle")
        let publisher = field("publisher") ?? field("institution") ?? field("school") ?? field("organization")
        var url = field("url")
        var doi = field("doi")
        if let value = doi, let range = value.range(of: "doi.org/") { doi = String(value[range.upperBound...]) }
        if url == nil, let eprint = field("eprint"),
            field("archiveprefix")?.lowercased() == "arxiv" || field("eprinttype")?.lowercased() == "arxiv"
        {
            url = "https://arxiv.org/abs/" + eprint
        }
        return BibliographyEntry(
            key: raw.key, type: raw.type, authors: authors, moreAuthors: moreAuthors, editors: editors,
            title: field("title"), container: container, year: field("year") ?? field("date").map { String($0.prefix(4)) },
            month: month, volume: field("volume"), number: field("number") ?? field("issue"), pages: field("pages"),
            publisher: publisher, doi: doi, url: url, note: field("note") ?? field("howpublished"), location: raw.location)
    }
}

/// The byte-level reader behind `BibTeXParser`.
struct BibTeXReader {
    let bytes: [UInt8]
    let path: String
    var index = 0
    var line = 1
    var lineStart = 0
    var strings: [String: String] = [:]
    /// A braced value of the entry being read that swallowed a following
    /// `name = ` line: its brace was most likely left open.
    var suspectBrace: SourceLocation?

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        for (number, month) in BibTeXParser.months.enumerated() { strings[month] = BibTeXParser.monthNames[number].capitalized }
    }

    var location: SourceLocation { SourceLocation(path: path, line: line, column: index - lineStart + 1) }

    func peek(_ offset: Int = 0) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    mutating func skipSpace() {
        while let byte = peek() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                advance()
            } else if byte == UInt8(ascii: "%") {
                // A TeX comment runs to the end of the line (biber and bibtex both accept them between fields).
                while let b = peek(), b != UInt8(ascii: "\n") { advance() }
            } else {
                return
            }
        }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        // BibTeX's identifiers: anything printable but these.
        byte > 32 && byte < 127 && !"{}(),=\"#%'".utf8.contains(byte)
    }

    mutating func readName() -> String {
        let start = index
        while let byte = peek(), Self.isNameByte(byte) || byte >= 128 { advance() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        .error(at: location, message, hint: hint)
    }

    mutating func readAll() throws -> [BibTeXParser.RawEntry] {
        var entries: [BibTeXParser.RawEntry] = []
        var problems: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "@") else {
                advance()
                continue
            }
            let start = location
            advance()
            skipSpace()
            let type = readName().lowercased()
            skipSpace()
            guard let open = peek(), open == UInt8(ascii: "{") || open == UInt8(ascii: "(") else {
                // "@" in the free text between entries is a comment, as in BibTeX.
                if type.isEmpty { continue }
                problems.append(error("'@\(type)' is not followed by '{'", at: start, hint: "an entry reads @\(type){key, title = {…}}"))
                continue
            }
            let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
            if type == "comment" || type == "preamble" {
                do { _ = try readBalanced(from: start) } catch {
                    problems.append(error as? Diagnostic ?? self.error("unreadable @\(type)", at: start))
                    break
                }
                continue
            }
            advance()
            suspectBrace = nil
            do {
                if type == "string" {
                    skipSpace()
                    let name = readName().lowercased()
                    guard !name.isEmpty else { throw error("@string needs a name", at: location, hint: "write @string{name = {text}}") }
                    let value = try readFieldValue(after: name, entryStart: start)
                    strings[name] = value
                    try expectClose(close, entryStart: start)
                    continue
                }
                if type.isEmpty { throw error("an entry needs a type after '@'", at: start, hint: "for example @article{key, …}") }
                skipSpace()
                let keyLocation = location
                let key = readName()
                guard !key.isEmpty else {
                    throw error("the @\(type) entry has no key", at: keyLocation, hint: "write @\(type){someKey2024, …}")
                }
                skipSpace()
                var fields: [String: String] = [:]
                while peek() == UInt8(ascii: ",") {
                    advance()
                    skipSpace()
                    if peek() == close { break }
                    let fieldLocation = location
                    let name = readName().lowercased()
                    guard !name.isEmpty else {
                        throw error(
                            "expected a field name in entry '\(key)'", at: fieldLocation,
                            hint: "fields read name = {value}, separated by commas")
                    }
                    let value = try readFieldValue(after: name, entryStart: start)
                    if fields[name] != nil {
                        throw error("field '\(name)' is given twice in entry '\(key)'", at: fieldLocation)
                    }
                    fields[name] = value
                    skipSpace()
                }
                try expectClose(close, entryStart: start, entry: key)
                if let first = seen[key] {
                    problems.append(
                        error(
                            "the key '\(key)' is defined twice (first at line \(first.line))", at: start,
                            hint: "give each entry its own key"))
                    continue
                }
                seen[key] = start
                entries.append(.init(type: type, key: key, fields: fields, location: start))
            } catch let problem as Diagnostic {
                problems.append(problem)
                // Resynchronise at the next line that starts an entry.
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "@") && index == lineStart) { advance() }
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return entries
    }

    mutating func expectClose(_ close: UInt8, entryStart: SourceLocation, entry: String? = nil) throws {
        skipSpace()
        guard peek() == close else {
            if let suspectBrace {
                throw error("the brace opened here is never closed", at: suspectBrace, hint: "count the { and } of this value")
            }
            let what = entry.map { "entry '\($0)'" } ?? "the entry"
            if peek() == nil || (peek() == UInt8(ascii: "@") && index == lineStart) {
                throw error("\(what) is not closed", at: entryStart, hint: "add the missing '\(Character(UnicodeScalar(close)))'")
            }
            throw error("unexpected text in \(what)", at: location, hint: "is a comma missing between two fields?")
        }
        advance()
    }

    /// `= value # value …` after a field or @string name; returns the joined TeX text.
    mutating func readFieldValue(after name: String, entryStart: SourceLocation) throws -> String {
        skipSpace()
        guard peek() == UInt8(ascii: "=") else {
            throw error("expected '=' after '\(name)'", at: location, hint: "fields read \(name) = {value}")
        }
        advance()
        var value = ""
        while true {
            skipSpace()
            let partLocation = location
            guard let byte = peek() else { throw error("the entry ends inside field '\(name)'", at: entryStart) }
            if byte == UInt8(ascii: "{") {
                let part = try readBalanced(from: partLocation)
                if suspectBrace == nil, part.contains(try! Regex(#"\n[ \t]*[A-Za-z][A-Za-z0-9_-]*[ \t]*="#)) { suspectBrace = partLocation }
                value += part
            } else if byte == UInt8(ascii: "\"") {
                value += try readQuoted(from: partLocation)
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let start = index
                while let b = peek(), b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { advance() }
                value += String(decoding: bytes[start..<index], as: UTF8.self)
            } else if Self.isNameByte(byte) {
                let macro = readName()
                guard let text = strings[macro.lowercased()] else {
                    throw error(
                        "unknown @string macro '\(macro)' in field '\(name)'", at: partLocation,
                        hint: Suggestions.didYouMean(macro, in: strings.keys.sorted()) ?? "put text in braces: \(name) = {\(macro)}")
                }
                value += text
            } else {
                throw error(
                    "expected a value for '\(name)'", at: partLocation,
                    hint: "write \(name) = {text}, \"text\", a number or an @string name")
            }
            skipSpace()
            guard peek() == UInt8(ascii: "#") else { return value }
            advance()
        }
    }

    /// `{ … }` with nested braces; returns the text inside the outer pair.
    mutating func readBalanced(from start: SourceLocation) throws -> String {
        advance()
        let begin = index
        var depth = 1
        while let byte = peek() {
            if byte == UInt8(ascii: "\\") {
                advance()
                if peek() != nil { advance() }
                continue
            }
            // A line starting with "@" is the next entry: this brace was left open.
            if byte == UInt8(ascii: "\n"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "@") { break }
            if byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    let text = String(decoding: bytes[begin..<index], as: UTF8.self)
                    advance()
                    return text
                }
            }
            advance()
        }
        throw error("the brace opened here is never closed", at: start, hint: "count the { and } of this value")
    }

    /// `" … "`: braces inside may hold quotes.
    mutating func readQuoted(from start: SourceLocation) throws -> String {
        advance()
        let begin = index
        var depth = 0
        while let byte = peek() {
            if byte == UInt8(ascii: "\\") {
                advance()
                if peek() != nil { advance() }
                continue
            }
            // A line starting with "@" is the next entry: this brace was left open.
            if byte == UInt8(ascii: "\n"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "@") { break }
            if byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "}") { depth -= 1 }
            if byte == UInt8(ascii: "\""), depth == 0 {
                let text = String(decoding: bytes[begin..<index], as: UTF8.self)
                advance()
                return text
            }
            if byte == UInt8(ascii: "\n"), depth == 0, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "@") {
                break
            }
            advance()
        }
        throw error("the quote opened here is never closed", at: start)
    }
}
