import QuireDiagnostics
import Yams

/// Reads typed values out of a YAML tree, turning every shape problem into a
/// diagnostic at the node's own line and column instead of failing at once.
struct YAMLReading {
    let base: SourceLocation
    var problems: [Diagnostic] = []

    init(base: SourceLocation) { self.base = base }

    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return base }
        return locate(mark)
    }

    func locate(_ mark: Mark) -> SourceLocation {
        base.advanced(lines: mark.line - 1, column: mark.column)
    }

    mutating func fail(_ node: Node?, _ message: String, hint: String? = nil) {
        problems.append(.error(at: location(of: node), message, hint: hint))
    }

    /// The pairs of a mapping, reporting keys that are not in `accepted`.
    mutating func mapping(_ node: Node, accepted: [String], what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            fail(node, "\(what) must be a mapping of keys to values")
            return []
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                fail(keyNode, "keys of \(what) must be plain words")
                continue
            }
            let key = scalar.string
            if !accepted.contains(key) {
                fail(
                    keyNode, "unknown key '\(key)' in \(what)",
                    hint: Suggestions.didYouMean(key, in: accepted) ?? "accepted keys: \(accepted.joined(separator: ", "))")
                continue
            }
            if !seen.insert(key).inserted {
                fail(keyNode, "key '\(key)' appears twice in \(what)")
                continue
            }
            pairs.append((key, keyNode, value))
        }
        return pairs
    }

    mutating func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node, node.null == nil else {
            fail(node, "'\(key)' must be a single value, not a list or mapping")
            return nil
        }
        return scalar.string
    }

    mutating func number(_ node: Node, key: String) -> Double? {
        if case .scalar(let scalar) = node, let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")), value.isFinite {
            return value
        }
        fail(node, "'\(key)' must be a number")
        return nil
    }

    mutating func positive(_ node: Node, key: String, maximum: Double) -> Double? {
        guard let value = number(node, key: key) else { return nil }
        guard value > 0, value <= maximum else {
            fail(node, "'\(key)' must be greater than 0 and at most \(Int(maximum))")
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, key: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            fail(node, "'\(key)' must be a whole number")
            return nil
        }
        guard range.contains(value) else {
            fail(node, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        fail(node, "'\(key)' must be true or false")
        return nil
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, key: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let word = string(node, key: key) else { return nil }
        if let value = T(rawValue: word.lowercased()) { return value }
        let names = T.allCases.map(\.rawValue)
        fail(
            node, "unknown \(key) '\(word)'",
            hint: Suggestions.didYouMean(word, in: names) ?? "one of: \(names.joined(separator: ", "))")
        return nil
    }
}
