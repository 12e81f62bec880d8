import Foundation

extension Array where Element: Sendable {
    /// `map` on all cores, results in input order. Every stage of a build uses
    /// it, so it lives in the module every stage already imports.
    package func parallelMap<Result>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let slots = Slots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(transform(self[index]), at: index)
        }
        return slots.values
    }
}

/// Storage that parallel workers fill by index. Sendable: `storage` is
/// read and written under `lock`.
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.withLock { storage[index] = value }
    }

    var values: [Value] { lock.withLock { storage.map { $0! } } }
}
