import FlyingFox
import FlyingSocks
import Foundation

/// Server-Sent Events to every open tab: "reload" after each rebuild.
actor ReloadChannel {
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]

    /// A new listener's stream of SSE frames; it ends when the client goes away.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        listeners[id] = continuation
        // A comment first, so the response head and a first chunk go out at once.
        continuation.yield(": connected\n\n")
        return stream
    }

    func send(event: String, data: String) {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
        let frame = "event: \(event)\n\(lines)\n\n"
        for continuation in listeners.values { continuation.yield(frame) }
    }

    var count: Int { listeners.count }

    private func remove(_ id: UUID) {
        listeners[id] = nil
    }
}

/// An SSE stream as the byte sequence FlyingFox sends, chunk by chunk.
struct EventStreamBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let frames: AsyncStream<String>

    func makeAsyncIterator() -> Iterator { Iterator(frames: frames.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var frames: AsyncStream<String>.AsyncIterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            if pending.isEmpty {
                guard let frame = await frames.next() else { return nil }
                pending = Array(frame.utf8)
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let frame = await frames.next() else { return nil }
                pending = Array(frame.utf8)
            }
            let chunk = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(chunk.count)
            return chunk
        }
    }
}
