import Foundation
import QuireDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain POSIX file operations for the output tree: thousands of small files
/// are written and removed per build, and Foundation's FileManager spends more
/// time checking than writing.
public enum FastFiles {
    typealias Failure = SystemFailure

    /// With `makingFolders`, missing parent folders are made first (safe
    /// when several threads write into the same new folder).
    static func write(_ data: Data, to path: String, makingFolders: Bool = false) throws {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT, makingFolders {
            try makeFolder((path as NSString).deletingLastPathComponent)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw Failure(operation: "create", path: path, code: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Failure(operation: "write", path: path, code: errno)
                }
                offset += written
            }
        }
    }

    /// Creates `path` and any missing parents.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw Failure(operation: "create folder", path: path, code: errno) }
        try makeFolder((path as NSString).deletingLastPathComponent)
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw Failure(operation: "create folder", path: path, code: errno) }
    }

    /// Removes a whole tree, never following symbolic links out of it.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            if let folder = opendir(path) {
                while let entry = readdir(folder) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    if name == "." || name == ".." { continue }
                    removeTree(path + "/" + name)
                }
                closedir(folder)
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

extension FastFiles {
    public struct Entry: Equatable, Sendable {
        public var path: String
        public var size: Int
        /// Nanoseconds since 1970.
        public var modified: Int

        public init(path: String, size: Int, modified: Int) {
            self.path = path
            self.size = size
            self.modified = modified
        }
    }

    /// Every regular file under `root` (not following links), sorted by path.
    public static func walk(_ root: String) -> [Entry] {
        walkFolder(root).sorted { $0.path < $1.path }
    }

    /// A folder's files, then its subfolders': on all cores when there are
    /// many of them (a folder of post bundles).
    private static func walkFolder(_ path: String) -> [Entry] {
        guard let folder = opendir(path) else { return [] }
        var entries: [Entry] = []
        var subfolders: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            // The directory entry already says what folders are: no stat needed.
            if entry.pointee.d_type == UInt8(DT_DIR) {
                subfolders.append(child)
                continue
            }
            if entry.pointee.d_type == UInt8(DT_LNK) { continue }
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: subfolders.append(child)
            case S_IFREG:
                entries.append(Entry(path: child, size: Int(info.st_size),
                                     modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)))
            default: continue
            }
        }
        closedir(folder)
        if subfolders.count >= 16 {
            entries += subfolders.parallelMap(walkFolder).joined()
        } else {
            for subfolder in subfolders { entries += walkFolder(subfolder) }
        }
        return entries
    }
}
