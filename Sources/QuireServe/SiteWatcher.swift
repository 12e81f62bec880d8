import Foundation

/// Notices edits under the watched paths by polling modification times and
/// sizes: portable, needs no inotify limits, and a few thousand stats take
/// well under a millisecond each poll.
struct SiteWatcher: Sendable {
    let paths: [URL]

    typealias Snapshot = [String: FileStamp]

    struct FileStamp: Equatable, Sendable {
        var size: Int
        var modified: TimeInterval
    }

    func snapshot() -> Snapshot {
        var stamps: Snapshot = [:]
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder) else { continue }
            let files: [URL]
            if isFolder.boolValue {
                let walker = FileManager.default.enumerator(at: path, includingPropertiesForKeys: keys)
                files = (walker?.allObjects as? [URL]) ?? []
            } else {
                files = [path]
            }
            for file in files {
                guard let values = try? file.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                stamps[file.path] = FileStamp(size: values.fileSize ?? 0, modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0)
            }
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
