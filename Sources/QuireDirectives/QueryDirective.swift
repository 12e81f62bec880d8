import QuireDiagnostics

/// ```query — PRODUCT §3.
public struct QueryDirective: Directive {
    public let name = "query"
    public init() {}

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        throw Diagnostic.error(at: block.location, "the 'query' directive is not supported yet")
    }
}
