import Foundation
import QuireDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// What `quire serve` watches and what it ignores, shared by both ways of
/// noticing edits (inotify where there is one, polling elsewhere), and the
/// polling way itself: modification times and sizes, portable, needs no inotify
/// limits, and a few thousand stats take well under a millisecond each poll.
struct SiteWatcher: Sendable {
    /// What a build reads, relative to the site's root (site-wide data and
    /// static files live in `content/`), and so all that is watched.
    static let sourceNames = ["content", "templates", "quire.yaml"]

    let paths: [URL]
    /// The output folder (when it lies inside a watched folder): the build's own
    /// writes are never edits.
    var excluded: [String] = []

    typealias Snapshot = [String: FileStamp]

    struct FileStamp: Equatable, Sendable {
        var size: Int
        var modified: Int
    }

    /// Size and modification time of every file: a poll of a thousand posts
    /// costs a few milliseconds.
    func snapshot() -> Snapshot {
        var stamps: Snapshot = [:]
        for path in paths {
            let entries = FileSystem.files(under: path.path)
            for entry in entries where !Self.isIgnored(entry.path, below: path.path) && !isExcluded(entry.path) {
                stamps[entry.path] = FileStamp(size: entry.size, modified: entry.modified)
            }
        }
        return stamps
    }

    func isExcluded(_ path: String) -> Bool {
        excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// Hidden files are never built; skipping them, and editors' scratch files,
    /// keeps a swap file or an atomic save's temporary (".dat.nosync…") from
    /// starting a rebuild of its own, named after the temporary.
    static func isIgnored(_ path: String, below root: String) -> Bool {
        path.dropFirst(root.count).split(separator: "/").contains { isScratch($0) }
    }

    /// One path component that no build reads: hidden (".x.swp", ".#x",
    /// ".goutputstream-…"), a backup ("x~"), Emacs's autosave ("#x#"), or the
    /// file Vim creates to test whether a folder is writable ("4913").
    static func isScratch(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#")) || name == "4913"
    }

    /// Paths added, removed or changed between two snapshots, sorted.
    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed.sorted()
    }
}
