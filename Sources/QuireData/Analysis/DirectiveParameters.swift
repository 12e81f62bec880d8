import QuireDiagnostics
import Yams

/// The YAML body of an `analysis`, `table` (or other) directive as a flat
/// mapping of keys, each remembered with its line so errors point at it.
public struct DirectiveParameters {
    public let bodyLocation: SourceLocation
    private var entries: [(key: String, node: Node)] = []

    public init(yaml: String, at bodyLocation: SourceLocation) throws {
        self.bodyLocation = bodyLocation
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            throw Diagnostic.error(
                at: Self.location(of: error, in: bodyLocation), "the YAML of this directive is malformed: \(Self.describe(error))")
        } catch {
            throw Diagnostic.error(at: bodyLocation, "the YAML of this directive is malformed")
        }
        guard let root else { return }
        guard case .mapping(let mapping) = root else {
            throw Diagnostic.error(at: bodyLocation, "the body must be YAML 'key: value' lines")
        }
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw Diagnostic.error(at: Self.place(key, bodyLocation), "keys must be plain words")
            }
            entries.append((scalar.string, value))
        }
    }

    public var keys: [String] { entries.map(\.key) }

    /// Where `key` (or the whole body, if absent) sits in the post.
    public func location(of key: String) -> SourceLocation {
        guard let entry = entries.first(where: { $0.key == key }) else { return bodyLocation }
        return Self.place(entry.node, bodyLocation)
    }

    /// Where `value` is written inside `key`'s list (`columns: [loss, lss]` →
    /// the `lss`), so a caret points at the offending word; else the key's place.
    public func location(of key: String, value: String) -> SourceLocation {
        if case .sequence(let items)? = node(key),
            let item = items.first(where: { if case .scalar(let scalar) = $0 { return scalar.string == value } else { return false } })
        {
            return Self.place(item, bodyLocation)
        }
        return location(of: key)
    }

    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// Every key must be one of `allowed`; otherwise an error naming the nearest.
    public func requireOnly(_ allowed: [String], for what: String) throws {
        for entry in entries where !allowed.contains(entry.key) {
            throw Diagnostic.error(
                at: Self.place(entry.node, bodyLocation, keyLine: true), "unknown parameter '\(entry.key)' for \(what)",
                hint: Suggestions.didYouMean(entry.key, in: allowed) ?? "accepted: \(allowed.joined(separator: ", "))")
        }
    }

    private func node(_ key: String) -> Node? { entries.first { $0.key == key }?.node }

    public func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw mistyped(key, "a single value") }
        return scalar.string
    }

    public func requiredString(_ key: String, for what: String) throws -> String {
        guard let value = try string(key), !value.isEmpty else {
            throw Diagnostic.error(at: bodyLocation, "\(what) needs '\(key):'")
        }
        return value
    }

    public func int(_ key: String) throws -> Int? {
        guard let text = try string(key) else { return nil }
        guard let value = Int(text) else { throw mistyped(key, "a whole number") }
        return value
    }

    public func double(_ key: String) throws -> Double? {
        guard let text = try string(key) else { return nil }
        guard let value = Double(text), value.isFinite else { throw mistyped(key, "a number") }
        return value
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw mistyped(key, "true or false")
        }
    }

    /// A list, or a single value standing for a list of one.
    public func strings(_ key: String) throws -> [String]? {
        guard let node = node(key) else { return nil }
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            return try sequence.map { item in
                guard case .scalar(let scalar) = item else { throw mistyped(key, "a list of names") }
                return scalar.string
            }
        default: throw mistyped(key, "a list of names")
        }
    }

    public func stringMap(_ key: String) throws -> [(String, String)]? {
        guard let node = node(key) else { return nil }
        guard case .mapping(let mapping) = node else { throw mistyped(key, "a mapping of 'name: value'") }
        return try mapping.map { item in
            guard case .scalar(let name) = item.key, case .scalar(let value) = item.value else {
                throw mistyped(key, "a mapping of 'name: value'")
            }
            return (name.string, value.string)
        }
    }

    public func mistyped(_ key: String, _ expected: String) -> Diagnostic {
        .error(at: location(of: key), "'\(key)' must be \(expected)")
    }

    static func place(_ node: Node, _ body: SourceLocation, keyLine: Bool = false) -> SourceLocation {
        guard let mark = node.mark else { return body }
        return body.advanced(lines: mark.line - 1, column: keyLine ? 1 : mark.column)
    }

    static func location(of error: YamlError, in body: SourceLocation) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _):
            return body.advanced(lines: mark.line - 1, column: mark.column)
        default: return body
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
