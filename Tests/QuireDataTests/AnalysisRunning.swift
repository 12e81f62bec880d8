import QuireDiagnostics

@testable import QuireData

/// An analysis body run as a post at line 20 would run it, and the first
/// problem it reports, for the suites that check analyses and their errors.
protocol AnalysisRunning {}

extension AnalysisRunning {
    var at: SourceLocation { SourceLocation(path: "content/posts/p/index.md", line: 20) }

    func run(_ yaml: String, _ scope: DataScope) throws -> AnalysisResult {
        try Analysis.run(DirectiveParameters(yaml: yaml, at: at), scope: scope)
    }

    /// The first diagnostic of a body that must fail; nil if it ran.
    func firstProblem(_ yaml: String, _ scope: DataScope) -> Diagnostic? {
        do {
            _ = try run(yaml, scope)
            return nil
        } catch { return error.diagnostics(orAt: at).first }
    }
}
