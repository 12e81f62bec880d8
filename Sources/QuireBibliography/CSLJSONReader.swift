import Foundation
import QuireDiagnostics

/// CSL-JSON (what Zotero and Pandoc export): an array of items with `id`,
/// `type`, `author` (`family`/`given`/`literal`), `issued.date-parts`, ….
enum CSLJSONReader {
    static let types = [
        "article-journal": "article", "article": "article", "paper-conference": "inproceedings", "book": "book",
        "chapter": "incollection", "thesis": "phdthesis", "report": "techreport", "webpage": "online",
    ]

    static func read(_ text: String, path: String) throws -> [BibliographyEntry] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw Diagnostic.error(
                at: SourceLocation(path: path), "the bibliography is not valid JSON",
                hint: "CSL-JSON is an array of items such as {\"id\": \"key\", \"type\": \"article-journal\", \"title\": \"…\"}")
        }
        guard let items = json as? [Any] else {
            throw Diagnostic.error(at: SourceLocation(path: path), "a CSL-JSON bibliography is an array of items")
        }
        let lines = ItemLines(text: text)
        var entries: [BibliographyEntry] = []
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for (number, item) in items.enumerated() {
            let location = SourceLocation(path: path, line: lines.line(ofItem: number))
            guard let fields = item as? [String: Any] else {
                problems.append(.error(at: location, "item \(number + 1) of the bibliography is not an object"))
                continue
            }
            guard let key = (fields["id"] as? String) ?? (fields["id"] as? NSNumber)?.stringValue, !key.isEmpty else {
                problems.append(
                    .error(
                        at: location, "item \(number + 1) of the bibliography has no \"id\"", hint: "the id is the key a post cites: [@id]")
                )
                continue
            }
            guard seen.insert(key).inserted else {
                problems.append(.error(at: location, "the key '\(key)' is defined twice", hint: "give each item its own \"id\""))
                continue
            }
            func string(_ name: String) -> String? {
                if let text = fields[name] as? String { return text.isEmpty ? nil : text }
                return (fields[name] as? NSNumber)?.stringValue
            }
            let authors = names(fields["author"])
            let issued = fields["issued"] as? [String: Any]
            let parts = (issued?["date-parts"] as? [[Any]])?.first
            let year =
                parts?.first.flatMap { ($0 as? NSNumber)?.stringValue ?? ($0 as? String) }
                ?? (issued?["literal"] as? String) ?? (issued?["raw"] as? String).map { String($0.prefix(4)) }
            let month = parts.flatMap { $0.count > 1 ? ($0[1] as? NSNumber)?.intValue ?? Int(($0[1] as? String) ?? "") : nil }
            let type = string("type") ?? "article"
            entries.append(
                BibliographyEntry(
                    key: key, type: types[type] ?? "misc", authors: authors, editors: names(fields["editor"]),
                    title: string("title"), container: string("container-title"), year: year, month: month,
                    volume: string("volume"), number: string("issue") ?? string("number"), pages: string("page"),
                    publisher: string("publisher"), doi: string("DOI"), url: string("URL"), note: string("note"), location: location))
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return entries
    }

    static func names(_ value: Any?) -> [PersonName] {
        guard let list = value as? [[String: Any]] else { return [] }
        return list.map { name in
            if let literal = name["literal"] as? String { return .organization(literal) }
            return PersonName(
                family: name["family"] as? String ?? "", given: name["given"] as? String ?? "",
                particle: name["non-dropping-particle"] as? String ?? name["dropping-particle"] as? String ?? "",
                suffix: name["suffix"] as? String ?? "")
        }
    }

    /// The line where each top-level item of the array starts, for messages.
    struct ItemLines {
        var starts: [Int] = []

        init(text: String) {
            var depth = 0
            var line = 1
            var inString = false
            var escaped = false
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\n") { line += 1 }
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if depth == 1 { starts.append(line) }
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
            }
        }

        func line(ofItem number: Int) -> Int { starts.indices.contains(number) ? starts[number] : 1 }
    }
}
