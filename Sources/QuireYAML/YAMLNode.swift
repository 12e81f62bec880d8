import QuireDiagnostics
import Yams

/// A YAML node and where it was written. Every YAML body quire reads — quire.yaml,
/// front matter, chart, analysis and table bodies, imported front matter — is
/// read through this one type with one policy:
///
/// - Nothing is typed implicitly (Yams' basic resolver): a value's meaning comes
///   from what the key expects, so nothing is silently a date or a float.
/// - Null is a plain ``, `~`, `null`, `Null` or `NULL`.
/// - A boolean is a plain `true`/`false`/`yes`/`no`/`on`/`off` in any case; a
///   quoted `"yes"` is text, as YAML says.
/// - A number is decimal (`1_000`, `-2.5`, `1e3`, `.5`), quoted or not, since a
///   key that expects a number cannot mean text; `0x10`, `1:30`, `.inf` are not
///   numbers.
///
/// Children are wrapped as they are asked for, so an alias-heavy document costs
/// no more than Yams' own tree.
package struct YAMLNode {
    /// Yams' node, or the flat-mapping reader's for the simplest documents.
    enum Source {
        case yams(Node)
        case flat(FlatMapping.Node)
    }
    let source: Source
    /// Where line 1, column 1 of the document sits.
    let origin: SourceLocation

    init(_ node: Node, origin: SourceLocation) {
        self.source = .yams(node)
        self.origin = origin
    }

    init(_ node: FlatMapping.Node, origin: SourceLocation) {
        self.source = .flat(node)
        self.origin = origin
    }

    package var location: SourceLocation {
        switch source {
        case .yams(let node):
            guard let mark = node.mark else { return origin }
            return YAMLReader.location(line: mark.line, column: mark.column, origin: origin)
        case .flat(let node):
            return YAMLReader.location(line: node.line, column: node.column, origin: origin)
        }
    }

    /// A scalar's text (null included: `~` is "~") and how it was written; nil for a list or mapping.
    var scalar: (text: String, style: Node.Scalar.Style)? {
        switch source {
        case .yams(let node): node.scalar.map { ($0.string, $0.style) }
        case .flat(let node):
            if case .scalar(let text, let style) = node.content { (text, style) } else { nil }
        }
    }

    /// The text of a scalar (null included: `~` is "~"); nil for a list or mapping.
    package var text: String? { scalar?.text }

    package var isScalar: Bool { scalar != nil }

    /// Unquoted, not a block scalar: only such text can be null or a boolean.
    package var isPlain: Bool { scalar?.style == .plain }

    package var isNull: Bool {
        guard let scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.text)
    }

    package var bool: Bool? {
        guard isPlain, let text else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    package var int: Int? {
        guard let digits = numberText, !digits.contains(where: { ".eE".contains($0) }) else { return nil }
        return Int(digits)
    }

    /// A finite decimal number.
    package var number: Double? {
        guard let digits = numberText, let value = Double(digits), value.isFinite else { return nil }
        return value
    }

    /// The scalar without `_` separators, if it is written with decimal digits only.
    private var numberText: String? {
        guard let text, text.contains(where: \.isNumber) else { return nil }
        let digits = text.replacingOccurrences(of: "_", with: "")
        guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return digits
    }

    /// The items of a list; nil for a scalar or mapping.
    package var items: [YAMLNode]? {
        switch source {
        case .yams(let node): node.sequence.map { $0.map { YAMLNode($0, origin: origin) } }
        case .flat(let node):
            if case .sequence(let items) = node.content { items.map { YAMLNode($0, origin: origin) } } else { nil }
        }
    }

    /// The pairs of a mapping in document order; nil for a scalar or list.
    package var pairs: [(key: YAMLNode, value: YAMLNode)]? {
        switch source {
        case .yams(let node):
            node.mapping.map { $0.map { (YAMLNode($0.key, origin: origin), YAMLNode($0.value, origin: origin)) } }
        case .flat(let node):
            if case .mapping(let pairs) = node.content {
                pairs.map { (YAMLNode($0.key, origin: origin), YAMLNode($0.value, origin: origin)) }
            } else {
                nil
            }
        }
    }

    package var isMapping: Bool {
        switch source {
        case .yams(let node): node.mapping != nil
        case .flat(let node): if case .mapping = node.content { true } else { false }
        }
    }

    package var isSequence: Bool {
        switch source {
        case .yams(let node): node.sequence != nil
        case .flat(let node): if case .sequence = node.content { true } else { false }
        }
    }
}
