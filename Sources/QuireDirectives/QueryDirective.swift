import QuireData
import QuireDiagnostics

/// ```query NAME — PRODUCT §3: SQL over the tables in scope defines table NAME.
struct QueryDirective: Directive {
    public let name = "query"
    package var engine: QueryEngine

    public init(engine: QueryEngine = QueryEngine()) { self.engine = engine }

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        let resultName = try TableName.parse(block.argument, directive: name, at: block.location)
        let inputs = QueryEngine.referencedNames(in: block.body, among: context.scope.names)
        let key = CacheKey.make(directive: name, argument: resultName, body: block.body, inputs: inputs, scope: context.scope)
        if let key, let cached = context.cache?.table(for: key) {
            context.scope.define(resultName, as: cached, digest: key)
            return .empty
        }
        let table = try engine.run(block.body, scope: context.scope, at: block.bodyLocation)
        if let key { context.cache?.store(table, for: key) }
        context.scope.define(resultName, as: table, digest: key)
        return .empty
    }
}

/// The NAME after `query` / `analysis`: a plain identifier SQL can use unquoted.
enum TableName {
    static func parse(_ argument: String, directive: String, at location: SourceLocation) throws -> String {
        let name = argument.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        guard !name.isEmpty else {
            throw Diagnostic.error(at: location, "'\(directive)' needs a name for its result", hint: "write ```\(directive) NAME")
        }
        let valid = name.unicodeScalars.enumerated().allSatisfy { index, scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || (index > 0 && ("0"..."9").contains(scalar))
        }
        guard valid else {
            throw Diagnostic.error(
                at: location, "'\(name)' is not a valid table name", hint: "use letters, digits and '_', starting with a letter")
        }
        return name.lowercased()
    }
}
