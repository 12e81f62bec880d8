import Foundation
import QuireDiagnostics
import Yams

/// A YAML mapping read with its source positions, so every complaint about a
/// key or value points at the author's line.
public struct YAMLMapping {
    public let path: String
    /// Added to YAML's own 1-based lines (front matter starts after `---`).
    public let lineOffset: Int
    private let entries: [(key: String, keyNode: Node, value: Node)]

    /// Parses `text`; an empty document is an empty mapping.
    public init(parsing text: String, path: String, lineOffset: Int = 0) throws {
        self.path = path
        self.lineOffset = lineOffset
        let node: Node?
        do {
            // Named explicitly: Yams' default encoding reads the whole
            // environment on every call, which showed in 1,000-post profiles.
            node = try Yams.compose(yaml: text, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            throw Self.diagnostic(for: error, path: path, lineOffset: lineOffset)
        }
        guard let node else {
            entries = []
            return
        }
        guard let mapping = node.mapping else {
            throw Diagnostic.error(
                at: Self.location(of: node, path: path, lineOffset: lineOffset), "expected a mapping of `key: value` lines")
        }
        entries = mapping.map { pair in (pair.key.string ?? "", pair.key, pair.value) }
    }

    /// No implicit types: Yams tests each plain scalar (keys too, to check
    /// for duplicates) against every rule's regular expression, which was
    /// most of reading a thousand posts' front matter. The accessors below
    /// read booleans, numbers and nulls from the text as Yams would; dates
    /// are parsed by quire.
    static let resolver = Resolver.basic

    public var keys: [String] { entries.map(\.key) }

    public func node(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    public func location(of node: Node) -> SourceLocation {
        Self.location(of: node, path: path, lineOffset: lineOffset)
    }

    public func keyLocation(_ key: String) -> SourceLocation {
        entries.first { $0.key == key }.map { location(of: $0.keyNode) } ?? SourceLocation(path: path, line: lineOffset + 1)
    }

    /// Warnings for keys outside `known`, with a did-you-mean hint.
    public func unknownKeys(known: [String], what: String) -> [Diagnostic] {
        entries.filter { !known.contains($0.key) }.map { entry in
            .warning(
                at: location(of: entry.keyNode), "unknown \(what) key '\(entry.key)' is ignored",
                hint: Suggestions.didYouMean(entry.key, in: known) ?? "known keys: \(known.joined(separator: ", "))")
        }
    }

    public func string(_ key: String) throws -> String? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let scalar = node.scalar else {
            throw Diagnostic.error(at: location(of: node), "'\(key)' must be text")
        }
        return scalar.string
    }

    public func requiredString(_ key: String, at fallback: SourceLocation) throws -> String {
        guard let value = try string(key), !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Diagnostic.error(at: node(key).map(location(of:)) ?? fallback, "'\(key)' is required")
        }
        return value
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let value = Self.bool(node) else {
            throw Diagnostic.error(at: location(of: node), "'\(key)' must be true or false", hint: "found '\(node.string ?? "")'")
        }
        return value
    }

    public func int(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let value = node.int, range.contains(value) else {
            throw Diagnostic.error(
                at: location(of: node), "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A list of strings; a single string is accepted as a list of one.
    public func strings(_ key: String) throws -> [String] {
        guard let node = node(key), !isNull(node) else { return [] }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else {
            throw Diagnostic.error(at: location(of: node), "'\(key)' must be a list", hint: "write `\(key): [a, b]`")
        }
        return try sequence.map { item in
            guard let scalar = item.scalar else {
                throw Diagnostic.error(at: location(of: item), "each item of '\(key)' must be text")
            }
            return scalar.string
        }
    }

    /// A mapping of text to text (`math_macros: {"\\E": "\\mathbb{E}"}`), in file order.
    public func stringMapping(_ key: String) throws -> [(key: String, value: String, location: SourceLocation)] {
        guard let node = node(key), !isNull(node) else { return [] }
        guard let mapping = node.mapping else {
            throw Diagnostic.error(
                at: location(of: node), "'\(key)' must be a mapping", hint: "write one `name: value` line per entry under `\(key):`")
        }
        return try mapping.map { pair in
            guard let name = pair.key.scalar?.string, let value = pair.value.scalar?.string else {
                throw Diagnostic.error(at: location(of: pair.key), "each entry of '\(key)' must be text: text")
            }
            return (name, value, location(of: pair.key))
        }
    }

    /// YAML 1.1's words, unquoted, as Yams' `Bool` reads them.
    static func bool(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    private func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return true
        }
        return false
    }

    static func location(of node: Node, path: String, lineOffset: Int) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(path: path, line: lineOffset + 1) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    package static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let location = SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return .error(at: location, "invalid YAML: \(detail)", hint: "check indentation and quote values that contain ':' or '#'")
        default:
            return .error(at: SourceLocation(path: path, line: lineOffset + 1), "invalid YAML: \(error)")
        }
    }
}
