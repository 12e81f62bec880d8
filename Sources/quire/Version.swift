import CCmarkGFM
import CSQLite

/// What `quire --version` prints.
enum QuireVersion {
    /// quire's version: the one place it is written.
    static let number = "0.1.0"

    /// quire's own version, the commit it was built from when known, and
    /// the versions of the C libraries it is running with (asked at run
    /// time, as a different Debian package may be installed than the one
    /// quire was built against).
    static var text: String {
        var lines = ["quire \(number)" + (BuildCommit.hash.map { " (commit \($0))" } ?? "")]
        lines.append("cmark-gfm \(String(cString: cmark_version_string()))")
        lines.append("SQLite \(String(cString: sqlite3_libversion()))")
        return lines.joined(separator: "\n")
    }
}
