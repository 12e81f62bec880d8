import QuireDiagnostics

/// Maps info-string words to directives. The site builder asks it which fenced
/// blocks are directives and runs them.
public struct DirectiveRegistry: Sendable {
    private var directives: [String: any Directive]

    public init(_ directives: [any Directive]) {
        self.directives = Dictionary(directives.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The directives of PRODUCT §3.
    public static let standard = DirectiveRegistry([
        QueryDirective(), AnalysisDirective(), ChartDirective(), TableDirective(),
    ])

    public var names: Set<String> { Set(directives.keys) }

    /// The directive word of a fenced block's info string, if it names one.
    public func directiveName(forInfo info: String) -> String? {
        let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        return directives[word] == nil ? nil : word
    }

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        guard let directive = directives[block.name] else {
            throw Diagnostic.error(at: block.location, "unknown directive '\(block.name)'", hint: Suggestions.didYouMean(block.name, in: names))
        }
        return try directive.run(block, in: context)
    }
}
