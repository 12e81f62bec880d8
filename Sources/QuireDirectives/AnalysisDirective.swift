import QuireData
import QuireDiagnostics

/// ```analysis NAME — PRODUCT §3: YAML with `op:` and its parameters defines
/// table NAME (and `NAME_<suffix>` for ops with extra results).
struct AnalysisDirective: Directive {
    public let name = "analysis"
    public init() {}

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        let resultName = try TableName.parse(block.argument, directive: name, at: block.location)
        let parameters = try DirectiveParameters(yaml: block.body, at: block.bodyLocation)
        let request = try AnalysisParameters.request(parameters)
        let inputs = try AnalysisParameters.inputs(of: parameters)
        let scope = context.scope
        let key = CacheKey.make(directive: name, argument: resultName, body: block.body, inputs: inputs, scope: scope)
        if let key, let cached = context.cache?.tables(for: key), let main = cached[""] {
            scope.define(resultName, as: main, digest: key)
            for (suffix, table) in cached where !suffix.isEmpty {
                scope.define("\(resultName)_\(suffix)", as: table, digest: ContentHash.of(key + suffix))
            }
            return .empty
        }
        let result = try Analysis.run(request, places: parameters.places, scope: scope)
        if let matrix = result.matrix {
            scope.define(resultName, asMatrix: matrix, digest: key)
            return .empty
        }
        var stored: [String: Table] = [:]
        if let table = result.table {
            scope.define(resultName, as: table, digest: key)
            stored[""] = table
        }
        for (suffix, table) in result.extras {
            scope.define("\(resultName)_\(suffix)", as: table, digest: key.map { ContentHash.of($0 + suffix) })
            stored[suffix] = table
        }
        if let key { context.cache?.store(stored, for: key) }
        return .empty
    }
}
