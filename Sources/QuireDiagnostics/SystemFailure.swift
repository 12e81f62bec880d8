#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure of the system rather than of an author's text — cannot write,
/// permission denied, disk full — reported at the file it concerns with the
/// system's own reason: `site/index.html: error: cannot write: No space left on device`.
package struct SystemFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was attempted: "write", "read", "create the lock file", …
    package var operation: String
    /// As shown: relative to the site's root when inside it.
    public var path: String
    package var reason: String

    public init(operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// With the reason `strerror` gives for `code` (an `errno`).
    public init(operation: String, path: String, code: Int32) {
        self.init(operation: operation, path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "\(path): cannot \(operation): \(reason)" }

    package var diagnostic: Diagnostic { .error(at: .file(path), "cannot \(operation): \(reason)") }

    /// The same failure shown at another path (a staging file at its place in
    /// the output, an absolute path relative to the site).
    package func shown(at path: String) -> SystemFailure {
        SystemFailure(operation: operation, path: path, reason: reason)
    }
}
