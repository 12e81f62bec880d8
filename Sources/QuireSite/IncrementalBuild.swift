import Foundation

/// A build that remembers the last one (for `quire serve`): each `rebuild()`
/// redoes only what changed since, and updates the output folder in place.
public actor IncrementalBuild {
    public let options: BuildOptions
    private let memory = RebuildMemo()

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Rebuilds; a failed rebuild leaves the output as the last good one left it.
    public func rebuild() async -> BuildReport {
        await SiteBuilder.build(options, memory: memory)
    }
}
