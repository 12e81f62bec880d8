import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How `quire serve` notices edits.
package enum WatchMethod: Sendable, Equatable {
    /// inotify where the system has it, polling otherwise.
    case automatic
    /// Polling, even where inotify works.
    case polling
}

/// Watches the site's sources on a thread of its own and hands the server
/// batches of changed paths. A burst of events (an editor's save is several;
/// `git checkout` is hundreds) settles for `quietPeriod` before it is handed
/// over, so one save is one rebuild; what changes during a rebuild waits and
/// becomes the next batch. With inotify the thread sleeps in poll() until the
/// kernel has events: an idle server costs no CPU. Sendable because every
/// mutable field (pending, waiter, stopped, methodText) is read and written under `lock`.
final class ChangeFeed: @unchecked Sendable {
    /// What watches: "inotify" or "polling every 0.15 s".
    var method: String { lock.withLock { methodText } }
    private var methodText = ""

    private let lock = NSLock()
    private var pending = Set<String>()
    private var waiter: CheckedContinuation<[String]?, Never>?
    private var stopped = false
    /// Written to by `stop()` to wake the thread from poll().
    private let wake: (read: Int32, write: Int32)
    private let poller: SiteWatcher
    private let pollInterval: Duration
    private let quietPeriod: Duration
    private let log: @Sendable (String) -> Void

    /// The longest a continuous stream of events delays a rebuild.
    static let longestWait = Duration.milliseconds(250)
    /// Stands for every source when inotify lost events or gave up.
    static let everything = "every source"

    /// Starts watching before it returns, so nothing written afterwards is missed.
    /// `watchLimit` stands in for the system's inotify watch limit in tests.
    init(
        root: URL, excluding excluded: [URL], method requested: WatchMethod, pollInterval: Duration,
        quietPeriod: Duration = .milliseconds(10), watchLimit: Int = .max, log: @escaping @Sendable (String) -> Void
    ) throws {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wake = (pipeEnds[0], pipeEnds[1])
        let rootPath = root.standardizedFileURL.path
        let excludedPaths = excluded.map { $0.standardizedFileURL.path }
        poller = SiteWatcher(paths: SiteWatcher.sourceNames.map { URL(fileURLWithPath: rootPath + "/" + $0) }, excluded: excludedPaths)
        self.pollInterval = pollInterval
        self.quietPeriod = quietPeriod
        self.log = log

        #if canImport(Glibc)
            if requested == .automatic {
                do {
                    let inotify = try InotifyWatcher(root: rootPath, excluding: excludedPaths, watchLimit: watchLimit)
                    methodText = "inotify"
                    start { self.watch(with: inotify) }
                    return
                } catch {
                    log("quire serve: \(error); polling for changes instead")
                }
            }
        #endif
        let snapshot = poller.snapshot()
        describePolling()
        start { self.pollForChanges(from: snapshot) }
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    /// The next batch of changed paths, sorted; nil once stopped (or the task
    /// waiting for it is cancelled).
    func next() async -> [String]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                lock.lock()
                if stopped || !pending.isEmpty {
                    let batch = stopped ? nil : pending.sorted()
                    pending = []
                    lock.unlock()
                    continuation.resume(returning: batch)
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            stop()
        }
    }

    /// For tests: whether `next()` is waiting for a batch.
    var isWaiting: Bool { lock.withLock { waiter != nil } }

    func stop() {
        let waiting: CheckedContinuation<[String]?, Never>? = lock.withLock {
            guard !stopped else { return nil }
            stopped = true
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: nil)
    }

    private func post(_ paths: some Sequence<String>) {
        let handOver: (CheckedContinuation<[String]?, Never>, [String])? = lock.withLock {
            pending.formUnion(paths)
            guard let waiting = waiter, !pending.isEmpty else { return nil }
            defer {
                waiter = nil
                pending = []
            }
            return (waiting, pending.sorted())
        }
        if let (waiting, batch) = handOver { waiting.resume(returning: batch) }
    }

    private func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = "quire-watch"
        thread.stackSize = 512 * 1024
        thread.start()
    }

    private func describePolling() {
        methodText = String(format: "polling every %.2f s", pollInterval.seconds)
    }

    /// Waits up to `timeout` (forever when nil) for the kernel's events or for
    /// `stop()`; true when stopped.
    private func wait(on descriptor: Int32?, timeout: Duration?) -> (stopped: Bool, ready: Bool) {
        var descriptors = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        if let descriptor { descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = timeout.map { Int32($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? -1
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || descriptors[0].revents != 0 { return (true, false) }
            return (false, ready > 0)
        }
    }

    private func pollForChanges(from start: SiteWatcher.Snapshot) {
        var snapshot = start
        while !wait(on: nil, timeout: pollInterval).stopped {
            let next = poller.snapshot()
            let changed = SiteWatcher.changes(from: snapshot, to: next)
            guard !changed.isEmpty else { continue }
            snapshot = next
            post(changed)
        }
    }

    #if canImport(Glibc)
        private func watch(with inotify: InotifyWatcher) {
            while true {
                guard !wait(on: inotify.descriptor, timeout: nil).stopped else { return }
                var changes = InotifyWatcher.Changes()
                do {
                    try inotify.drain(into: &changes)
                    let first = ContinuousClock.now
                    while ContinuousClock.now - first < Self.longestWait {
                        let (stopped, ready) = wait(on: inotify.descriptor, timeout: quietPeriod)
                        if stopped { return }
                        if !ready { break }
                        try inotify.drain(into: &changes)
                    }
                    if changes.overflowed {
                        log("quire serve: the inotify queue overflowed; rescanning every source")
                        try inotify.watchEverything()
                        changes.paths.insert(Self.everything)
                    }
                } catch {
                    // Out of watches mid-run (a big folder was added): poll from now
                    // on, and rebuild once, since the poller starts from what is there now.
                    log("quire serve: \(error); polling for changes instead")
                    let snapshot = poller.snapshot()
                    lock.withLock { describePolling() }
                    post(changes.paths.isEmpty ? [Self.everything] : changes.paths)
                    pollForChanges(from: snapshot)
                    return
                }
                if !changes.paths.isEmpty { post(changes.paths) }
            }
        }
    #endif
}
