import QuireData
import QuireDiagnostics
import QuireYAML

/// The YAML body of an `analysis`, `table` (or other) directive as a flat
/// mapping of keys, each remembered with its place so errors point at it. A key
/// with no value (`order:`, `k: ~`) is as if it were not written, as in quire.yaml.
package struct DirectiveParameters {
    package let bodyLocation: SourceLocation
    private var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []

    package init(yaml: String, at bodyLocation: SourceLocation) throws {
        self.bodyLocation = bodyLocation
        guard let root = try YAMLReader.read(yaml, at: bodyLocation) else { return }
        guard let pairs = root.pairs else {
            throw Diagnostic.error(at: bodyLocation, "the body must be YAML 'key: value' lines")
        }
        for (key, value) in pairs {
            guard let name = key.text else {
                throw Diagnostic.error(at: key.location, "keys must be plain words")
            }
            entries.append((name, key, value))
        }
    }

    package var keys: [String] { entries.map(\.key) }

    /// Where `key`'s value (or the whole body, if the key is absent) sits in the post.
    package func location(of key: String) -> SourceLocation {
        entries.first { $0.key == key }?.value.location ?? bodyLocation
    }

    /// Where `value` is written inside `key`'s list (`columns: [loss, lss]` →
    /// the `lss`), so a caret points at the offending word; else the key's place.
    package func location(of key: String, value: String) -> SourceLocation {
        node(key)?.items?.first { $0.text == value }?.location ?? location(of: key)
    }

    /// Every key's place and every list item's, for errors found later in the data.
    package var places: ArgumentPlaces {
        var places = ArgumentPlaces(body: bodyLocation)
        for entry in entries where places.keys[entry.key] == nil {
            places.keys[entry.key] = entry.value.location
            for item in entry.value.items ?? [] {
                if let text = item.text, places.items[entry.key]?[text] == nil {
                    places.items[entry.key, default: [:]][text] = item.location
                }
            }
        }
        return places
    }

    package func has(_ key: String) -> Bool { node(key) != nil }

    /// Every key must be one of `allowed`; otherwise an error naming the nearest.
    package func requireOnly(_ allowed: [String], for what: String) throws {
        let pairs = entries.map { (key: $0.keyNode, value: $0.value) }
        if let unknown = YAMLReader.unknownKeys(pairs, accepted: allowed, in: what, severity: .error).first { throw unknown }
    }

    /// The value at `key` unless it is absent or null.
    private func node(_ key: String) -> YAMLNode? {
        guard let node = entries.first(where: { $0.key == key })?.value, !node.isNull else { return nil }
        return node
    }

    package func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard let text = node.text else { throw mistyped(key, "a single value") }
        return text
    }

    package func requiredString(_ key: String, for what: String) throws -> String {
        guard let value = try string(key), !value.isEmpty else {
            throw Diagnostic.error(at: bodyLocation, "\(what) needs '\(key):'")
        }
        return value
    }

    package func int(_ key: String) throws -> Int? {
        guard let node = node(key) else { return nil }
        guard let value = node.int else { throw mistyped(key, "a whole number") }
        return value
    }

    package func double(_ key: String) throws -> Double? {
        guard let node = node(key) else { return nil }
        guard let value = node.number else { throw mistyped(key, "a number") }
        return value
    }

    package func bool(_ key: String) throws -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.bool else { throw mistyped(key, "true or false") }
        return value
    }

    /// A list, or a single value standing for a list of one.
    package func strings(_ key: String) throws -> [String]? {
        guard let node = node(key) else { return nil }
        if let text = node.text { return [text] }
        guard let items = node.items else { throw mistyped(key, "a list of names") }
        return try items.map { item in
            guard let text = item.text else { throw mistyped(key, "a list of names") }
            return text
        }
    }

    package func stringMap(_ key: String) throws -> [(String, String)]? {
        guard let node = node(key) else { return nil }
        guard let pairs = node.pairs else { throw mistyped(key, "a mapping of 'name: value'") }
        return try pairs.map { pair in
            guard let name = pair.key.text, let value = pair.value.text else { throw mistyped(key, "a mapping of 'name: value'") }
            return (name, value)
        }
    }

    package func mistyped(_ key: String, _ expected: String) -> Diagnostic {
        .error(at: location(of: key), "'\(key)' must be \(expected)")
    }
}
