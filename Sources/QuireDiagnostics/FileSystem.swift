#if canImport(Glibc)
    import Glibc
#endif

/// The one way quire lists a folder and reads a file's size, times and identity: readdir and lstat, because on trees of thousands of small files
/// Foundation's per-entry checks cost more than the work itself.
public enum FileSystem {
    public enum Kind: Sendable, Equatable {
        case file, folder, link, other
    }

    public struct Status: Sendable, Equatable {
        public var kind: Kind
        public var size: Int
        /// Nanoseconds since 1970.
        package var modified: Int
        /// Which file it is, and when its inode last changed (nanoseconds since
        /// 1970): a rename over it or a `touch` that sets the time back still
        /// changes these.
        package var device: UInt = 0
        package var inode: UInt = 0
        package var changed = 0
    }

    /// What is at `path`, or nil if nothing is; `followingLinks: false`
    /// describes a symbolic link itself rather than what it names.
    package static func status(of path: String, followingLinks: Bool = false) -> Status? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        let kind: Kind =
            switch info.st_mode & S_IFMT {
            case S_IFREG: .file
            case S_IFDIR: .folder
            case S_IFLNK: .link
            default: .other
            }
        return Status(
            kind: kind, size: Int(info.st_size),
            modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
            device: UInt(info.st_dev), inode: UInt(info.st_ino),
            changed: Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec))
    }

    public struct Entry: Sendable, Equatable {
        public var name: String
        /// What the directory entry says, which costs no stat; nil where the
        /// file system does not say, so the caller asks `status(of:)`.
        public var kind: Kind?
    }

    /// A folder's entries other than `.` and `..`, in the order the file
    /// system gives them; empty if the folder cannot be opened.
    public static func entries(in folder: String) -> [Entry] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind: Kind? =
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): .file
                case Int32(DT_DIR): .folder
                case Int32(DT_LNK): .link
                case Int32(DT_UNKNOWN): nil
                default: .other
                }
            entries.append(Entry(name: name, kind: kind))
        }
        return entries
    }

    /// A regular file found by `files(under:)`.
    public struct File: Sendable, Equatable {
        public var path: String
        public var size: Int
        /// Nanoseconds since 1970.
        package var modified: Int

        public init(path: String, size: Int, modified: Int) {
            self.path = path
            self.size = size
            self.modified = modified
        }
    }

    /// Every regular file under the folder `root` (following no links below
    /// it), sorted by path; `root` itself when it is not a folder.
    public static func files(under root: String) -> [File] {
        walk(root, sorted: true).files
    }

    /// What walking a folder found: its regular files, and the entries of
    /// each folder on the way, read once.
    public struct Walk: Sendable {
        /// Sorted by path when asked for, else in no fixed order.
        public var files: [File] = []
        /// Folder path → `entries(in:)` as the walk read them, when asked for.
        public var listings: [String: [Entry]] = [:]
    }

    /// `files(under:)` (sorted or not), with the folder listings it read along the way: a
    /// build that walks the content to see whether it changed goes on to
    /// load it from the same listings instead of reading every folder twice.
    public static func walk(_ root: String, sorted: Bool, keepingListings: Bool = false) -> Walk {
        guard let status = status(of: root) else { return Walk() }
        if status.kind == .folder || (status.kind == .link && self.status(of: root, followingLinks: true)?.kind == .folder) {
            let found = walkFolder(root)
            return Walk(
                files: sorted ? found.files.sorted { $0.path < $1.path } : found.files,
                listings: keepingListings ? Dictionary(found.listings.lazy.map { ($0.folder, $0.entries) }) { first, _ in first } : [:])
        }
        return Walk(files: [File(path: root, size: status.size, modified: status.modified)])
    }

    /// A folder's files, then its subfolders': on all cores when there are
    /// many of them (a folder of post bundles).
    private static func walkFolder(_ path: String) -> (files: [File], listings: [(folder: String, entries: [Entry])]) {
        var files: [File] = []
        var subfolders: [String] = []
        let entries = entries(in: path)
        var listings = [(folder: path, entries: entries)]
        for entry in entries {
            let child = path + "/" + entry.name
            // The directory entry already says what folders and links are: no stat needed.
            if entry.kind == .folder {
                subfolders.append(child)
                continue
            }
            if entry.kind == .link { continue }
            guard let status = status(of: child) else { continue }
            switch status.kind {
            case .folder: subfolders.append(child)
            case .file: files.append(File(path: child, size: status.size, modified: status.modified))
            case .link, .other: continue
            }
        }
        let below = subfolders.count >= 16 ? subfolders.parallelMap(walkFolder) : subfolders.map(walkFolder)
        for subfolder in below {
            files += subfolder.files
            listings += subfolder.listings
        }
        return (files, listings)
    }
}
