import Foundation
import QuireDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One build at a time per output folder: an exclusive `flock` on a file
/// beside it (`.site.lock` next to `site/`). The kernel drops the lock when
/// the process dies, so a killed build never leaves the folder locked; the
/// file holds the owner's process id so a waiting build can say whom it waits for.
/// Sendable: `descriptor` is set once in `init`; `release` only closes it.
final class OutputFolderLock: @unchecked Sendable {
    let path: String
    private var descriptor: Int32

    /// Blocks until the lock is ours; `waiting` hears once who holds it.
    init(beside destination: URL, waiting: (String) -> Void = OutputFolderLock.tellTerminal) throws {
        path = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputTree.Failure(operation: "create the lock file", path: path, code: errno) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let code = errno
                close(descriptor)
                throw OutputTree.Failure(operation: "lock", path: path, code: code)
            }
            let holder = Self.readHolder(descriptor)
            waiting(
                "waiting for the build in process \(holder.map(String.init) ?? "(unknown)") to finish with \(destination.lastPathComponent)/ (\(path))"
            )
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let code = errno
                    close(descriptor)
                    throw OutputTree.Failure(operation: "lock", path: path, code: code)
                }
            }
        }
        let mine = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = mine.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    func release() {
        guard descriptor >= 0 else { return }
        // The file stays: removing it would let a waiter lock a deleted inode
        // while a third build locks a fresh file of the same name.
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    private static func readHolder(_ descriptor: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func tellTerminal(_ message: String) {
        FileHandle.standardError.write(Data("quire: \(message)\n".utf8))
    }
}

/// Puts a finished build in place of the old one in a single step.
enum OutputSwap {
    /// Linux: `renameat2(RENAME_EXCHANGE)` swaps the two folders atomically, so
    /// a kill at any instant leaves `destination` whole, old or new; `staging`
    /// then holds the old build. Glibc declares it only under _GNU_SOURCE,
    /// which Swift's Glibc module does not set, so it is looked up by name.
    /// Elsewhere (macOS, or a file system that refuses the flag) the fallback
    /// is two renames — old aside, new in — with a moment between them when
    /// `destination` is missing; the old build then survives under `retired`.
    static func exchange(_ staging: String, with destination: String, retired: String) throws {
        if let exchange = renameExchange {
            if exchange(AT_FDCWD, staging, AT_FDCWD, destination, renameExchangeFlag) == 0 { return }
            let code = errno
            guard code == EINVAL || code == ENOSYS || code == ENOTSUP else {
                throw OutputTree.Failure(operation: "swap in", path: destination, code: code)
            }
        }
        guard rename(destination, retired) == 0 else { throw OutputTree.Failure(operation: "move aside", path: destination, code: errno) }
        guard rename(staging, destination) == 0 else {
            let code = errno
            _ = rename(retired, destination)
            throw OutputTree.Failure(operation: "move into place", path: destination, code: code)
        }
        guard rename(retired, staging) == 0 else { return }
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// linux/fs.h: `#define RENAME_EXCHANGE (1 << 1)`.
    private static let renameExchangeFlag: UInt32 = 1 << 1

    private static let renameExchange: RenameAt2? = {
        #if os(Linux)
            guard let symbol = dlsym(nil, "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
            return nil
        #endif
    }()
}
