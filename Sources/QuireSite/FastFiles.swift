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
        guard let status = FileSystem.status(of: path) else { return }
        if status.kind == .folder {
            for entry in FileSystem.entries(in: path) { removeTree(path + "/" + entry.name) }
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
        var entries: [Entry] = []
        var subfolders: [String] = []
        for entry in FileSystem.entries(in: path) {
            let child = path + "/" + entry.name
            // The directory entry already says what folders and links are: no stat needed.
            if entry.kind == .folder {
                subfolders.append(child)
                continue
            }
            if entry.kind == .link { continue }
            guard let status = FileSystem.status(of: child) else { continue }
            switch status.kind {
            case .folder: subfolders.append(child)
            case .file: entries.append(Entry(path: child, size: status.size, modified: status.modified))
            case .link, .other: continue
            }
        }
        if subfolders.count >= 16 {
            entries += subfolders.parallelMap(walkFolder).joined()
        } else {
            for subfolder in subfolders { entries += walkFolder(subfolder) }
        }
        return entries
    }
}
