import Foundation
import QuireSite
#if canImport(Glibc)
import Glibc
#endif

/// Notices edits under the watched paths by polling modification times and
/// sizes: portable, needs no inotify limits, and a few thousand stats take
/// well under a millisecond each poll.
struct SiteWatcher: Sendable {
    let paths: [URL]

    typealias Snapshot = [String: FileStamp]

    struct FileStamp: Equatable, Sendable {
        var size: Int
        var modified: Int
    }

    /// Size and modification time of every file, read with plain readdir and
    /// lstat: a poll of a thousand posts costs a few milliseconds.
    func snapshot() -> Snapshot {
        var stamps: Snapshot = [:]
        for path in paths {
            var info = stat()
            guard lstat(path.path, &info) == 0 else { continue }
            let entries = info.st_mode & S_IFMT == S_IFDIR
                ? FastFiles.walk(path.path)
                : [FastFiles.Entry(path: path.path, size: Int(info.st_size),
                                   modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))]
            for entry in entries { stamps[entry.path] = FileStamp(size: entry.size, modified: entry.modified) }
        }
        return stamps
    }

    /// Paths added, removed or changed between two snapshots, sorted.
    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed.sorted()
    }
}
