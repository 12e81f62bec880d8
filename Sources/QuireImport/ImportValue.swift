import Foundation
import QuireConfig
import QuireDiagnostics
import QuireYAML

/// A value from an old generator's config or front matter, YAML or TOML alike.
/// Dates stay the text the author wrote; the importer reads them itself.
enum ImportValue: Equatable {
    case text(String)
    case number(String)
    case bool(Bool)
    case list([ImportValue])
    case table([(key: String, value: ImportValue)])
    case null

    static func == (lhs: ImportValue, rhs: ImportValue) -> Bool {
        switch (lhs, rhs) {
        case (.text(let a), .text(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.table(let a), .table(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.null, .null): true
        default: false
        }
    }

    subscript(key: String) -> ImportValue? {
        guard case .table(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// A table's keys in lower case, as Hugo reads front matter (`Title:`,
    /// `Date:` are `title`, `date`); a key already in lower case wins over
    /// another spelling of it.
    var lowercasingKeys: ImportValue {
        guard case .table(let entries) = self else { return self }
        var seen = Set<String>()
        let ordered = entries.filter { $0.key == $0.key.lowercased() } + entries.filter { $0.key != $0.key.lowercased() }
        var kept: [(key: String, value: ImportValue)] = []
        for entry in ordered where seen.insert(entry.key.lowercased()).inserted {
            kept.append((entry.key.lowercased(), entry.value))
        }
        // The author's order, for the keys kept.
        let position = Dictionary(entries.enumerated().map { ($0.element.key.lowercased(), $0.offset) }) { first, _ in first }
        return .table(kept.sorted { position[$0.key, default: 0] < position[$1.key, default: 0] })
    }

    /// The text, unless it is empty or only spaces (`title: ''`).
    var nonBlankString: String? {
        string.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }

    /// Looks up `a.b.c`, case-insensitively as Hugo does.
    func lookup(_ dotted: String) -> ImportValue? {
        var current: ImportValue? = self
        for part in dotted.split(separator: ".") {
            guard case .table(let entries)? = current else { return nil }
            current = entries.first { $0.key.lowercased() == part.lowercased() }?.value
        }
        return current
    }

    var keys: [String] {
        guard case .table(let entries) = self else { return [] }
        return entries.map(\.key)
    }

    /// Text of a scalar (numbers and booleans as written).
    var string: String? {
        switch self {
        case .text(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    var bool: Bool? {
        switch self {
        case .bool(let flag): flag
        case .text(let text):
            ["true", "yes", "on"].contains(text.lowercased()) ? true : (["false", "no", "off"].contains(text.lowercased()) ? false : nil)
        default: nil
        }
    }

    /// A list, or a string of space-separated words (Jekyll's `tags: a b`).
    var words: [String] {
        switch self {
        case .list(let items): items.compactMap(\.string).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .text(let text): text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        case .number(let text): [text]
        default: []
        }
    }
}

extension ImportValue {
    /// Reads YAML with every scalar kept as text (no implicit dates).
    static func yaml(_ text: String, path: String, lineOffset: Int) throws -> ImportValue {
        guard let node = try YAMLReader.read(text, at: SourceLocation(path: path, line: lineOffset + 1)) else { return .table([]) }
        return from(node)
    }

    /// Only YAML 1.2's `true`/`false` become booleans here: the other
    /// generators' own words (`yes`, `on`) stay text for the field mapping to read.
    private static func from(_ node: YAMLNode) -> ImportValue {
        if let items = node.items { return .list(items.map(from)) }
        if let pairs = node.pairs { return .table(pairs.map { (key: $0.key.text ?? "", value: from($0.value)) }) }
        guard let text = node.text, !node.isNull else { return .null }
        if node.isPlain {
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: if node.number != nil { return .number(text) }
            }
        }
        return .text(text)
    }
}
