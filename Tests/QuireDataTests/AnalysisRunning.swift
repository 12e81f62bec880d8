import QuireDiagnostics

@testable import QuireData

/// Runs a typed analysis request as a post at line 20 would, and takes the
/// first problem it reports, for the suites that check the kernels and the
/// errors only the data reveals. Reading the YAML body is QuireDirectives'
/// (see its AnalysisParameterTests).
protocol AnalysisRunning {}

extension AnalysisRunning {
    var at: SourceLocation { SourceLocation(path: "content/posts/p/index.md", line: 20) }

    /// Each argument on its own line, in the order given, as a body would write them.
    func places(_ keys: [String] = []) -> ArgumentPlaces {
        ArgumentPlaces(
            body: at, keys: Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, at.advanced(lines: $0.offset)) }))
    }

    func run(_ request: Analysis.Request, _ scope: DataScope, places: ArgumentPlaces? = nil) throws -> AnalysisResult {
        try Analysis.run(request, places: places ?? self.places(), scope: scope)
    }

    /// The first diagnostic of a request that must fail; nil if it ran.
    func firstProblem(_ request: Analysis.Request, _ scope: DataScope, places: ArgumentPlaces? = nil) -> Diagnostic? {
        do {
            _ = try run(request, scope, places: places)
            return nil
        } catch { return error.diagnostics(orAt: at).first }
    }
}
