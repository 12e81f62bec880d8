import QuireDiagnostics

/// `{{ NAME.column | max | fmt ".1%" }}` in prose — PRODUCT §3 "Inline values".
public enum InlineValues {
    /// Evaluates the text between `{{` and `}}` against the post's tables.
    public static func evaluate(_ expression: String, at location: SourceLocation, in context: DirectiveContext) throws -> String {
        throw Diagnostic.error(at: location, "inline values are not supported yet")
    }
}
