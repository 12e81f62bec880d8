import Foundation

/// Collects diagnostics from every stage (and every thread) of one build.
/// Sendable: `collected` is read and written under `lock`.
public final class DiagnosticSink: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        lock.withLock { collected.append(diagnostic) }
    }

    public func report(_ diagnostics: [Diagnostic]) {
        // Most items report none: taking the lock for nothing held up the other cores.
        guard !diagnostics.isEmpty else { return }
        lock.withLock { collected.append(contentsOf: diagnostics) }
    }

    /// Sorted by file and position, duplicates removed, so output is stable.
    package var all: [Diagnostic] {
        let snapshot = lock.withLock { collected }
        var seen = Set<Diagnostic>()
        return
            snapshot
            .filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    package var hasErrors: Bool { lock.withLock { collected.contains { $0.severity == .error } } }
}
