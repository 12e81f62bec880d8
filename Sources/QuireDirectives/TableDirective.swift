import QuireDiagnostics

/// ```table — PRODUCT §3.
public struct TableDirective: Directive {
    public let name = "table"
    public init() {}

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        throw Diagnostic.error(at: block.location, "the 'table' directive is not supported yet")
    }
}
