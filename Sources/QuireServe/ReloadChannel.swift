import Foundation

/// Server-Sent Events to every open tab: "reload" after each rebuild. Each
/// listener keeps at most its 8 newest frames, so a tab that stops reading
/// costs a few strings, not a growing queue.
/// Sendable: `pending` is read and written under `condition`'s lock.
final class ReloadChannel: @unchecked Sendable {
    struct Listener: Hashable, Sendable { let id: UUID }

    private let condition = NSCondition()
    private var pending: [UUID: [String]] = [:]

    /// A new listener; its first frame is a comment, so the response head and
    /// a first chunk go out at once.
    func subscribe() -> Listener {
        let id = UUID()
        condition.withLock { pending[id] = [": connected\n\n"] }
        return Listener(id: id)
    }

    func unsubscribe(_ listener: Listener) {
        condition.withLock { pending[listener.id] = nil }
    }

    /// The listener's next frame, or nil after `seconds` without one.
    func next(for listener: Listener, waiting seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while pending[listener.id]?.isEmpty ?? false {
            if !condition.wait(until: deadline) { return nil }
        }
        guard var frames = pending[listener.id], !frames.isEmpty else { return nil }
        let frame = frames.removeFirst()
        pending[listener.id] = frames
        return frame
    }

    func send(event: String, data: String) {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
        let frame = "event: \(event)\n\(lines)\n\n"
        condition.withLock {
            for id in pending.keys {
                pending[id]!.append(frame)
                if pending[id]!.count > 8 { pending[id]!.removeFirst() }
            }
        }
        condition.broadcast()
    }
}
