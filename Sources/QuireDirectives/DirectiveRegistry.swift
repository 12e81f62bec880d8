import QuireDiagnostics

/// Maps info-string words to directives. The site builder asks it which fenced
/// blocks are directives and runs them.
public struct DirectiveRegistry: Sendable {
    private let directives: [String: any Directive]
    /// Made once: every item's Markdown is read with them.
    public let names: Set<String>

    package init(_ directives: [any Directive]) {
        self.directives = Dictionary(directives.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        names = Set(self.directives.keys)
    }

    /// The directives of PRODUCT §3.
    public static let standard = DirectiveRegistry([
        QueryDirective(), AnalysisDirective(), ChartDirective(), TableDirective(),
    ])

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        guard let directive = directives[block.name] else {
            throw Diagnostic.error(
                at: block.location, "unknown directive '\(block.name)'", hint: Suggestions.didYouMean(block.name, in: names))
        }
        do {
            return try directive.run(block, in: context)
        } catch {
            // The name still exists, as failed: its later uses are not errors again.
            if Self.definingDirectives.contains(block.name), let name = Self.definedName(block) { context.scope.markFailed(name) }
            throw error
        }
    }

    /// Directives whose argument names the table they define.
    static let definingDirectives: Set<String> = ["query", "analysis"]

    /// `query losses` → `losses`.
    static func definedName(_ block: DirectiveBlock) -> String? {
        try? TableName.parse(block.argument, directive: block.name, at: block.location)
    }

    /// Tells the post's scope every name its directives will define, so a
    /// name used above its directive gets a hint that says so.
    package func declareNames(of blocks: [DirectiveBlock], in context: DirectiveContext) {
        for block in blocks where Self.definingDirectives.contains(block.name) {
            if let name = Self.definedName(block) { context.scope.declare(name, at: block.location) }
        }
    }
}
