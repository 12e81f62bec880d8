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
public enum OutputTree {
    typealias Failure = SystemFailure

    /// With `makingFolders`, the parent folder and any missing above it are
    /// made first (safe when several threads write into the same new folder):
    /// in a new output tree most pages are the first file of their folder, and
    /// an open that fails first costs a whole path lookup more.
    static func write(_ data: Data, to path: String, makingFolders: Bool = false) throws {
        try write(data, to: path, in: AT_FDCWD, shownAs: path, makingFolders: makingFolders)
    }

    /// Writes `path`, relative to the open folder `folder` (or, with
    /// `AT_FDCWD`, as given); `shown` names the file in failures. Relative to
    /// an open folder, the kernel does not walk the folder's own path again
    /// for every page's `mkdir` and `open`.
    static func write(_ data: Data, to path: String, in folder: Int32, shownAs shown: String, makingFolders: Bool) throws {
        if makingFolders { try makeFolder(parent(of: path), in: folder, shownAs: parent(of: shown)) }
        let descriptor = openat(folder, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(operation: "create", path: shown, code: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Failure(operation: "write", path: shown, code: errno)
                }
                offset += written
            }
        }
    }

    /// The folder holding `path` (paths here are absolute and have no trailing slash).
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates `path` and any missing parents.
    static func makeFolder(_ path: String) throws {
        try makeFolder(path, in: AT_FDCWD, shownAs: path)
    }

    /// Creates `path`, relative to the open folder `folder`, and any missing
    /// parents below it; `.` (the folder itself) exists.
    static func makeFolder(_ path: String, in folder: Int32, shownAs shown: String) throws {
        if path == "." || mkdirat(folder, path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw Failure(operation: "create folder", path: shown, code: errno) }
        try makeFolder(parent(of: path), in: folder, shownAs: parent(of: shown))
        if mkdirat(folder, path, 0o755) != 0, errno != EEXIST { throw Failure(operation: "create folder", path: shown, code: errno) }
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
