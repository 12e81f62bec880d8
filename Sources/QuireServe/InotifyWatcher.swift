#if canImport(Glibc)
    import Foundation
    import Glibc
    import QuireDiagnostics

    /// Linux's inotify over the site's sources: one watch on the site's root (for
    /// `quire.yaml` and the source folders coming and going) and one on every folder
    /// below `content/` and `templates/`, added as folders
    /// appear. The kernel queues events while nothing runs, so an idle server costs
    /// no CPU at all (the poller stats every file ten times a second). Used by one
    /// thread at a time: made by the server, then handed to the watching thread.
    final class InotifyWatcher: @unchecked Sendable {
        /// inotify cannot be used here (no instance or no watch left); the server
        /// polls instead and says why once.
        struct Unavailable: Error, CustomStringConvertible {
            var description: String
        }

        /// What one `drain` saw.
        struct Changes {
            var paths = Set<String>()
            /// The kernel's queue overflowed and events were lost: every source may
            /// have changed, and folders made meanwhile are not yet watched.
            var overflowed = false
        }

        let descriptor: Int32
        private let root: String
        private let excluded: SiteWatcher
        private let watchLimit: Int
        /// Watch descriptor → the folder it watches.
        private var folders: [Int32: String] = [:]
        private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        private static let folderEvents =
            UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)
            | UInt32(IN_ONLYDIR) | UInt32(IN_EXCL_UNLINK)

        /// `watchLimit` stands in for the system's watch limit in tests.
        init(root: String, excluding excluded: [String], watchLimit: Int = .max) throws(Unavailable) {
            self.root = root
            self.excluded = SiteWatcher(paths: [], excluded: excluded)
            self.watchLimit = watchLimit
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else {
                throw Unavailable(
                    description: "cannot start inotify (\(String(cString: strerror(errno)))); see fs.inotify.max_user_instances")
            }
            // No close here when this throws: every stored property is set by
            // now, so deinit runs and closes the descriptor. Closing it twice
            // once closed another thread's freshly opened descriptor (another
            // feed's wake pipe), which then stopped watching for good.
            try watchEverything()
        }

        deinit { close(descriptor) }

        var watchCount: Int { folders.count }

        /// Watches the root and every source folder not yet watched, and forgets
        /// folders that are gone: the start, and the way back after an overflow.
        func watchEverything() throws(Unavailable) {
            for (watch, folder) in folders where !Self.isFolder(folder) {
                inotify_rm_watch(descriptor, watch)
                folders[watch] = nil
            }
            try watch(root)
            // A source folder may be a link to one elsewhere (stat, not lstat).
            for name in SiteWatcher.sourceNames where Self.isFolder(root + "/" + name, following: true) {
                _ = try watchTree(root + "/" + name)
            }
        }

        /// Reads every queued event (never blocks); folders that appeared are
        /// watched at once, and the files already in them count as changed.
        func drain(into changes: inout Changes) throws(Unavailable) {
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return  // EAGAIN: the queue is empty
                }
                guard count > 0 else { return }
                var events: [(watch: Int32, mask: UInt32, name: String)] = []
                buffer.withUnsafeBytes { bytes in
                    var offset = 0
                    // struct inotify_event: wd, mask, cookie, len, then len bytes of NUL-padded name.
                    while offset + 16 <= count {
                        let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                        let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                        let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                        let name = String(decoding: bytes[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }, as: UTF8.self)
                        events.append((watch, mask, name))
                        offset += 16 + length
                    }
                }
                for event in events { try handle(event.watch, event.mask, event.name, into: &changes) }
            }
        }

        private func handle(_ watch: Int32, _ mask: UInt32, _ name: String, into changes: inout Changes) throws(Unavailable) {
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                changes.overflowed = true
                return
            }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[watch] = nil
                return
            }
            guard let folder = folders[watch], !name.isEmpty, !SiteWatcher.isScratch(Substring(name)) else { return }
            if folder == root && !SiteWatcher.sourceNames.contains(name) { return }
            let path = folder + "/" + name
            guard !excluded.isExcluded(path) else { return }
            let isFolder = mask & UInt32(IN_ISDIR) != 0
            if isFolder && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                changes.paths.formUnion(try watchTree(path))
            } else if isFolder && mask & UInt32(IN_MOVED_FROM) != 0 {
                // Moved away: its watches would go on reporting under the old name.
                for (watch, watched) in folders where watched == path || watched.hasPrefix(path + "/") {
                    inotify_rm_watch(descriptor, watch)
                    folders[watch] = nil
                }
            } else if !isFolder && mask & UInt32(IN_CREATE) != 0 && !Self.isSymbolicLink(path) {
                // A new file is written and closed next (IN_CLOSE_WRITE); rebuilding
                // now would read it half-written. Only a new link is complete at once.
                return
            }
            changes.paths.insert(path)
        }

        private func watch(_ folder: String) throws(Unavailable) {
            guard folders.count < watchLimit else { throw Self.limitReached() }
            let watch = inotify_add_watch(descriptor, folder, Self.folderEvents)
            if watch >= 0 {
                folders[watch] = folder
            } else if errno == ENOSPC {
                throw Self.limitReached()
            }
            // Otherwise the folder vanished or cannot be read: nothing to build there.
        }

        /// Watches `folder` and every folder below it; returns the files found, so
        /// files written before their folder's watch existed still count.
        private func watchTree(_ folder: String) throws(Unavailable) -> [String] {
            try watch(folder)
            var files: [String] = []
            for entry in FileSystem.entries(in: folder) where !SiteWatcher.isScratch(Substring(entry.name)) {
                let path = folder + "/" + entry.name
                if excluded.isExcluded(path) { continue }
                if entry.kind == .folder || (entry.kind == nil && FileSystem.status(of: path)?.kind == .folder) {
                    files += try watchTree(path)
                } else {
                    files.append(path)
                }
            }
            return files
        }

        private static func limitReached() -> Unavailable {
            let limit =
                (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_user_watches", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            return Unavailable(description: "the inotify watch limit is reached (fs.inotify.max_user_watches = \(limit))")
        }

        private static func isFolder(_ path: String, following: Bool = false) -> Bool {
            FileSystem.status(of: path, followingLinks: following)?.kind == .folder
        }

        private static func isSymbolicLink(_ path: String) -> Bool {
            FileSystem.status(of: path)?.kind == .link
        }
    }
#endif
