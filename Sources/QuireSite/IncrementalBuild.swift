import Foundation

/// A build that remembers the last one (for `quire serve`): each `rebuild()`
/// runs the one pipeline (`SiteBuilder.complete`), recalling every item whose
/// recorded inputs are unchanged (`ItemInputs`), and updates the output folder
/// in place (`InPlaceOutput`).
public actor IncrementalBuild {
    public let options: BuildOptions
    let memory = RebuildMemo()

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Rebuilds; a failed rebuild leaves the output as the last good one left it.
    public func rebuild() async -> BuildReport {
        await SiteBuilder.build(options, memory: memory)
    }
}
