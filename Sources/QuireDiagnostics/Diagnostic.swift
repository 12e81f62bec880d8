/// One problem found in the author's content, data or configuration.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A suggestion shown under the offending line ("did you mean 'phase'?").
    public var hint: String?

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public static func warning(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Several problems thrown at once, so a stage can report all it found.
package struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

extension Error {
    /// Every diagnostic this error carries; an unexpected error becomes one at `fallback`.
    public func diagnostics(orAt fallback: SourceLocation) -> [Diagnostic] {
        switch self {
        case let diagnostic as Diagnostic: return [diagnostic]
        case let list as DiagnosticList: return list.diagnostics
        case let failure as SystemFailure: return [failure.diagnostic]
        default: return [.error(at: fallback, String(describing: self))]
        }
    }
}
