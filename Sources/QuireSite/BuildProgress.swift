import Foundation

/// Counts a build reports while it runs, for a progress line on a terminal,
/// and the directive timings `--timings` lists.
/// Sendable: every mutable field is read and written under `lock`.
public final class BuildProgress: @unchecked Sendable {
    public struct Snapshot: Sendable {
        public var itemsDone: Int
        public var itemsTotal: Int
        public var directivesRun: Int
    }

    private let lock = NSLock()
    private var itemsDone = 0
    private var itemsTotal = 0
    private var directivesRun = 0
    private var directiveTimes: [(location: String, seconds: Double)] = []
    private let onChange: (@Sendable (Snapshot) -> Void)?

    /// `onChange` is called (from any thread) as items finish.
    public init(onChange: (@Sendable (Snapshot) -> Void)? = nil) {
        self.onChange = onChange
    }

    func start(items: Int) {
        lock.withLock {
            itemsTotal = items
            itemsDone = 0
        }
    }

    func itemFinished() {
        let snapshot = lock.withLock { () -> Snapshot in
            itemsDone += 1
            return Snapshot(itemsDone: itemsDone, itemsTotal: itemsTotal, directivesRun: directivesRun)
        }
        onChange?(snapshot)
    }

    func directiveFinished(at location: String, seconds: Double) {
        lock.withLock {
            directivesRun += 1
            directiveTimes.append((location, seconds))
        }
    }

    func slowestDirectives(_ count: Int) -> [(location: String, seconds: Double)] {
        lock.withLock { Array(directiveTimes.sorted { ($0.seconds, $1.location) > ($1.seconds, $0.location) }.prefix(count)) }
    }

    var directiveCount: Int { lock.withLock { directivesRun } }
}
