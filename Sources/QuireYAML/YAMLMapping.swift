import Foundation
import QuireDiagnostics

/// A YAML mapping read with its source positions, so every complaint about a
/// key or value points at the author's line. quire.yaml and front matter: a
/// null value is as if the key were absent.
package struct YAMLMapping {
    package let path: String
    /// Added to YAML's own 1-based lines (front matter starts after `---`).
    package let lineOffset: Int
    /// Each key's text, apart from its nodes: a lookup compares text only,
    /// without copying (and retaining) every pair it passes, once per key
    /// asked for of every post's front matter.
    package let keys: [String]
    private let entries: [(keyNode: YAMLNode, value: YAMLNode)]

    /// Parses `text`; an empty document is an empty mapping.
    package init(parsing text: String, path: String, lineOffset: Int = 0) throws {
        self.path = path
        self.lineOffset = lineOffset
        guard let node = try YAMLReader.read(text, at: SourceLocation(path: path, line: lineOffset + 1)) else {
            keys = []
            entries = []
            return
        }
        guard let pairs = node.pairs else {
            throw Diagnostic.error(at: node.location, "expected a mapping of `key: value` lines")
        }
        keys = pairs.map { $0.key.text ?? "" }
        entries = pairs.map { ($0.key, $0.value) }
    }

    package func node(_ key: String) -> YAMLNode? { keys.firstIndex(of: key).map { entries[$0].value } }

    package func location(of node: YAMLNode) -> SourceLocation { node.location }

    package func keyLocation(_ key: String) -> SourceLocation {
        keys.firstIndex(of: key).map { entries[$0].keyNode.location } ?? SourceLocation(path: path, line: lineOffset + 1)
    }

    /// Warnings for keys outside `known`, with a did-you-mean hint.
    package func unknownKeys(known: [String], what: String) -> [Diagnostic] {
        YAMLReader.unknownKeys(entries.map { (key: $0.keyNode, value: $0.value) }, accepted: known, in: what, severity: .warning)
    }

    /// The value at `key` unless it is absent or null.
    private func given(_ key: String) -> YAMLNode? {
        guard let node = node(key), !node.isNull else { return nil }
        return node
    }

    package func string(_ key: String) throws -> String? {
        guard let node = given(key) else { return nil }
        guard let text = node.text else {
            throw Diagnostic.error(at: node.location, "'\(key)' must be text")
        }
        return text
    }

    package func requiredString(_ key: String, at fallback: SourceLocation) throws -> String {
        // Blank is what `CharacterSet.whitespaces` holds (tab and Unicode's space separators), checked
        // without Foundation's trimming copy: every post's title comes through here.
        guard let value = try string(key),
            value.unicodeScalars.contains(where: { $0 != "\t" && $0.properties.generalCategory != .spaceSeparator })
        else {
            throw Diagnostic.error(at: node(key)?.location ?? fallback, "'\(key)' is required")
        }
        return value
    }

    package func bool(_ key: String) throws -> Bool? {
        guard let node = given(key) else { return nil }
        guard let value = node.bool else {
            throw Diagnostic.error(at: node.location, "'\(key)' must be true or false", hint: "found '\(node.text ?? "")'")
        }
        return value
    }

    package func int(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard let node = given(key) else { return nil }
        guard let value = node.int, range.contains(value) else {
            throw Diagnostic.error(
                at: node.location, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A list of strings; a single string is accepted as a list of one.
    package func strings(_ key: String) throws -> [String] {
        guard let node = given(key) else { return [] }
        if let text = node.text { return [text] }
        guard let items = node.items else {
            throw Diagnostic.error(at: node.location, "'\(key)' must be a list", hint: "write `\(key): [a, b]`")
        }
        return try items.map { item in
            guard let text = item.text else {
                throw Diagnostic.error(at: item.location, "each item of '\(key)' must be text")
            }
            return text
        }
    }

    /// A mapping of text to text (`math_macros: {"\\E": "\\mathbb{E}"}`), in file order.
    package func stringMapping(_ key: String) throws -> [(key: String, value: String, location: SourceLocation)] {
        guard let node = given(key) else { return [] }
        guard let pairs = node.pairs else {
            throw Diagnostic.error(
                at: node.location, "'\(key)' must be a mapping", hint: "write one `name: value` line per entry under `\(key):`")
        }
        return try pairs.map { pair in
            guard let name = pair.key.text, let value = pair.value.text else {
                throw Diagnostic.error(at: pair.key.location, "each entry of '\(key)' must be text: text")
            }
            return (name, value, pair.key.location)
        }
    }
}
