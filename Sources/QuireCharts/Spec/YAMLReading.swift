import QuireDiagnostics
import QuireYAML

/// Reads typed values out of a chart's YAML tree, turning every shape problem
/// into a diagnostic at the node's own line and column instead of failing at once.
struct YAMLReading {
    let base: SourceLocation
    var problems: [Diagnostic] = []

    init(base: SourceLocation) { self.base = base }

    func location(of node: YAMLNode?) -> SourceLocation { node?.location ?? base }

    mutating func fail(_ node: YAMLNode?, _ message: String, hint: String? = nil) {
        problems.append(.error(at: location(of: node), message, hint: hint))
    }

    /// The pairs of a mapping, reporting keys that are not in `accepted`.
    /// (A key given twice never gets here: the reader rejects it.)
    mutating func mapping(_ node: YAMLNode, accepted: [String], what: String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let pairs = node.pairs else {
            fail(node, "\(what) must be a mapping of keys to values")
            return []
        }
        var known: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        for pair in pairs {
            guard let key = pair.key.text else {
                fail(pair.key, "keys of \(what) must be plain words")
                continue
            }
            if let unknown = YAMLReader.unknownKeys([pair], accepted: accepted, in: what, severity: .error).first {
                problems.append(unknown)
                continue
            }
            known.append((key, pair.key, pair.value))
        }
        return known
    }

    mutating func string(_ node: YAMLNode, key: String) -> String? {
        guard let text = node.text, !node.isNull else {
            fail(node, "'\(key)' must be a single value, not a list or mapping")
            return nil
        }
        return text
    }

    mutating func number(_ node: YAMLNode, key: String) -> Double? {
        if let value = node.number { return value }
        fail(node, "'\(key)' must be a number")
        return nil
    }

    mutating func positive(_ node: YAMLNode, key: String, maximum: Double) -> Double? {
        guard let value = number(node, key: key) else { return nil }
        guard value > 0, value <= maximum else {
            fail(node, "'\(key)' must be greater than 0 and at most \(Int(maximum))")
            return nil
        }
        return value
    }

    mutating func integer(_ node: YAMLNode, key: String, range: ClosedRange<Int>) -> Int? {
        guard let value = node.int else {
            fail(node, "'\(key)' must be a whole number")
            return nil
        }
        guard range.contains(value) else {
            fail(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: YAMLNode, key: String) -> Bool? {
        if let value = node.bool { return value }
        fail(node, "'\(key)' must be true or false")
        return nil
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, key: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let word = string(node, key: key) else { return nil }
        if let value = T(rawValue: word.lowercased()) { return value }
        let names = T.allCases.map(\.rawValue)
        fail(
            node, "unknown \(key) '\(word)'",
            hint: Suggestions.didYouMean(word, in: names) ?? "one of: \(names.joined(separator: ", "))")
        return nil
    }
}
