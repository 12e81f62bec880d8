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
            // Hidden files are never built; skipping them keeps an editor's swap
            // file or an atomic save's temporary (".dat.nosync…") from starting
            // a rebuild of its own, named after the temporary.
            for entry in entries where !Self.isHidden(entry.path, below: path.path) {
                stamps[entry.path] = FileStamp(size: entry.size, modified: entry.modified)
            }
        }
        return stamps
    }

    static func isHidden(_ path: String, below root: String) -> Bool {
        path.dropFirst(root.count).split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// Paths added, removed or changed between two snapshots, sorted.
    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed.sorted()
    }
}
