#if canImport(Glibc)
import Glibc
#endif

/// The one way quire lists a folder and reads a file's size and modification
/// time: readdir and lstat, because on trees of thousands of small files
/// Foundation's per-entry checks cost more than the work itself.
public enum FileSystem {
    public enum Kind: Sendable, Equatable {
        case file, folder, link, other
    }

    public struct Status: Sendable, Equatable {
        public var kind: Kind
        public var size: Int
        /// Nanoseconds since 1970.
        public var modified: Int
    }

    /// What is at `path`, or nil if nothing is; `followingLinks: false`
    /// describes a symbolic link itself rather than what it names.
    public static func status(of path: String, followingLinks: Bool = false) -> Status? {
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
            modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
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
}
