import QuireDiagnostics

/// ```chart — PRODUCT §3.
public struct ChartDirective: Directive {
    public let name = "chart"
    public init() {}

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        throw Diagnostic.error(at: block.location, "the 'chart' directive is not supported yet")
    }
}
