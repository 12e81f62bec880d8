import CCmarkGFM

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Memory for one parsed document, let go all at once with it.
///
/// cmark-gfm asks for every node, string and buffer on its own: about 40% of
/// the allocations a post's build makes. While a document is parsed and
/// rendered, its memory comes from a few large blocks instead, and freeing
/// is free.
///
/// cmark's allocator callbacks carry no context, so the arena in use is the
/// calling thread's current one (`using`). Every allocation starts with a
/// header naming its owner: those made when no arena is current (a literal
/// set later, an iterator) come from malloc and go back to it, and one that
/// grows stays in the arena that made it, whatever is current then. So the
/// tree can be changed and freed with cmark's own calls after parsing.
///
/// The state is plain memory behind a pointer, not class properties: each
/// callback would otherwise pay for retains and exclusivity checks, as much
/// as malloc's own fast path.
final class CMarkArena {
    private let state: UnsafeMutablePointer<State>

    private struct State {
        var next: UnsafeMutableRawPointer
        var end: UnsafeMutableRawPointer
        /// The latest allocation: the one that can grow in place.
        var latest: UnsafeMutableRawPointer?
        /// The newest block; each block starts with a pointer to the one before.
        var newestBlock: UnsafeMutableRawPointer?
        var nextBlockSize: Int
    }

    /// Owner (an arena's state, or nil for malloc) and size in bytes, before each allocation.
    private struct Header {
        var owner: UnsafeMutablePointer<State>?
        var size: Int
    }

    private static let headerSize = 16
    private static let alignment = 16
    private static let firstBlockSize = 64 << 10
    private static let largestBlockSize = 1 << 20

    init() {
        state = .allocate(capacity: 1)
        let nowhere = UnsafeMutableRawPointer(bitPattern: Self.alignment)!
        state.initialize(to: State(next: nowhere, end: nowhere, latest: nil, newestBlock: nil, nextBlockSize: Self.firstBlockSize))
    }

    deinit {
        var block = state.pointee.newestBlock
        while let current = block {
            block = current.load(as: UnsafeMutableRawPointer?.self)
            free(current)
        }
        state.deallocate()
    }

    /// The allocator to hand cmark (`cmark_parser_new_with_mem`); written once, then only read.
    nonisolated(unsafe) static let memory: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(
            to: cmark_mem(
                calloc: { allocate(count: $0, size: $1) }, realloc: { reallocate($0, size: $1) }, free: { release($0) }))
        return memory
    }()

    /// Runs `body` with this arena current on the calling thread.
    func using<T>(_ body: () throws -> T) rethrows -> T {
        let scope = makeCurrent()
        defer { scope.end() }
        return try body()
    }

    /// Makes this arena current on the calling thread until `end()`, for a
    /// stretch of code that cannot be one closure (an initializer). The
    /// caller keeps the arena alive until then.
    func makeCurrent() -> Scope {
        let scope = Scope(previous: pthread_getspecific(Self.currentKey))
        pthread_setspecific(Self.currentKey, state)
        return scope
    }

    struct Scope {
        fileprivate let previous: UnsafeMutableRawPointer?

        func end() { pthread_setspecific(CMarkArena.currentKey, previous) }
    }

    private static let currentKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static var current: UnsafeMutablePointer<State>? {
        pthread_getspecific(currentKey)?.assumingMemoryBound(to: State.self)
    }

    private static func header(of allocation: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Header> {
        (allocation - headerSize).assumingMemoryBound(to: Header.self)
    }

    private static func rounded(_ size: Int) -> Int { (size + alignment - 1) & ~(alignment - 1) }

    /// Zeroed bytes: blocks come from calloc and no byte is handed out twice.
    private static func allocate(_ size: Int, in arena: UnsafeMutablePointer<State>) -> UnsafeMutableRawPointer? {
        let needed = headerSize + rounded(size)
        if arena.pointee.end - arena.pointee.next < needed {
            // The block's first 16 bytes link it to the one before.
            let blockSize = max(needed + alignment, arena.pointee.nextBlockSize)
            guard let block = calloc(1, blockSize) else { return nil }
            block.storeBytes(of: arena.pointee.newestBlock, as: UnsafeMutableRawPointer?.self)
            arena.pointee.newestBlock = block
            arena.pointee.next = block + alignment
            arena.pointee.end = block + blockSize
            arena.pointee.nextBlockSize = min(arena.pointee.nextBlockSize * 2, largestBlockSize)
        }
        let allocation = arena.pointee.next + headerSize
        header(of: allocation).pointee = Header(owner: arena, size: size)
        arena.pointee.next += needed
        arena.pointee.latest = allocation
        return allocation
    }

    private static func resize(
        _ allocation: UnsafeMutableRawPointer, to size: Int, in arena: UnsafeMutablePointer<State>
    ) -> UnsafeMutableRawPointer? {
        let header = header(of: allocation)
        let oldSize = header.pointee.size
        // Shrinking keeps the bytes: handing them out again would break the promise of zeroes.
        if size <= oldSize {
            header.pointee.size = size
            return allocation
        }
        if allocation == arena.pointee.latest, arena.pointee.end - allocation >= rounded(size) {
            // The latest allocation grows where it is: buffers that double need no copy.
            arena.pointee.next = max(arena.pointee.next, allocation + rounded(size))
            header.pointee.size = size
            return allocation
        }
        guard let moved = allocate(size, in: arena) else { return nil }
        moved.copyMemory(from: allocation, byteCount: oldSize)
        return moved
    }

    /// Bytes from malloc, with a header saying so.
    private static func system(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
        guard let base = zeroed ? calloc(1, headerSize + size) : malloc(headerSize + size) else { return nil }
        let allocation = base + headerSize
        header(of: allocation).pointee = Header(owner: nil, size: size)
        return allocation
    }

    // cmark's three callbacks.

    private static func allocate(count: Int, size: Int) -> UnsafeMutableRawPointer? {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow else { return nil }
        if let arena = current { return allocate(bytes, in: arena) }
        return system(bytes, zeroed: true)
    }

    private static func reallocate(_ allocation: UnsafeMutableRawPointer?, size: Int) -> UnsafeMutableRawPointer? {
        guard let allocation else {
            if let arena = current { return allocate(size, in: arena) }
            return system(size, zeroed: false)
        }
        if let owner = header(of: allocation).pointee.owner { return resize(allocation, to: size, in: owner) }
        guard let base = realloc(allocation - headerSize, headerSize + size) else { return nil }
        let moved = base + headerSize
        header(of: moved).pointee.size = size
        return moved
    }

    private static func release(_ allocation: UnsafeMutableRawPointer?) {
        guard let allocation, header(of: allocation).pointee.owner == nil else { return }
        free(allocation - headerSize)
    }
}
