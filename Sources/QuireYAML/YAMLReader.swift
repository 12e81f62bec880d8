import QuireDiagnostics
import Yams

/// The one place YAML text becomes nodes, and the one place Yams' marks and
/// errors become located diagnostics.
package enum YAMLReader {
    /// The document's root, or nil when it is empty.
    /// - Parameter origin: where line 1, column 1 of `text` sits (the line
    ///   after `---`, or a fenced block's first body line and indentation).
    package static func read(_ text: String, at origin: SourceLocation) throws -> YAMLNode? {
        if let flat = FlatMapping.node(text) { return YAMLNode(flat, origin: origin) }
        do {
            return try composed(text).map { YAMLNode($0, origin: origin) }
        } catch let error as YamlError {
            throw diagnostic(for: error, origin: origin)
        }
    }

    /// Yams' nodes for `text`, whatever its shape.
    static func composed(_ text: String) throws -> Node? {
        // No implicit types (see YAMLNode). That is also faster: Yams
        // otherwise tests every plain scalar against each rule's regular
        // expression, most of reading a thousand posts' front matter. The
        // encoding is named: Yams' default reads the whole environment on
        // every call.
        try Yams.compose(yaml: text, Resolver.basic, constructor, .utf8)
    }

    /// Composing constructs nothing, but every node's tag holds a
    /// constructor, and `Constructor.default` builds a new one (three
    /// dictionaries) each time it is asked. One is made once: its maps are
    /// constants, so it is read, never changed, from every thread.
    private nonisolated(unsafe) static let constructor = Constructor.default

    /// Yams counts lines and columns from 1; so does SourceLocation. A body
    /// indented in its file (a fence inside a list item) is shifted right.
    static func location(line: Int, column: Int, origin: SourceLocation) -> SourceLocation {
        SourceLocation(path: origin.path, line: origin.line + line - 1, column: origin.column + column - 1)
    }

    static func location(of mark: Mark, origin: SourceLocation) -> SourceLocation {
        location(line: mark.line, column: mark.column, origin: origin)
    }

    static func diagnostic(for error: YamlError, origin: SourceLocation) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return .error(
                at: location(of: mark, origin: origin), "invalid YAML: \(detail)",
                hint: "check indentation and quote values that contain ':' or '#'")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(
                at: location(of: context.mark, origin: origin),
                "invalid YAML: key \(names) appears twice in the same mapping", hint: "keep one of them")
        default:
            return .error(at: origin, "invalid YAML: \(error)")
        }
    }

    /// Keys of a mapping that are not in `accepted`, each at its key with the
    /// nearest accepted key as a hint. Front matter and quire.yaml ignore them
    /// (a warning: other tools' keys are common there); directive bodies stop.
    package static func unknownKeys(
        _ pairs: [(key: YAMLNode, value: YAMLNode)], accepted: [String], in what: String, severity: Diagnostic.Severity
    ) -> [Diagnostic] {
        pairs.compactMap { pair in
            let key = pair.key.text ?? ""
            guard !accepted.contains(key) else { return nil }
            let hint = Suggestions.didYouMean(key, in: accepted) ?? "accepted keys: \(accepted.joined(separator: ", "))"
            let message = "unknown key '\(key)' in \(what)" + (severity == .warning ? " is ignored" : "")
            return Diagnostic(severity, at: pair.key.location, message, hint: hint)
        }
    }
}
