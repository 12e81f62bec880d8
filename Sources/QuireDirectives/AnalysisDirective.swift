import QuireDiagnostics

/// ```analysis — PRODUCT §3.
public struct AnalysisDirective: Directive {
    public let name = "analysis"
    public init() {}

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        throw Diagnostic.error(at: block.location, "the 'analysis' directive is not supported yet")
    }
}
