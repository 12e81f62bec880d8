/// A place in a file an author can open: 1-based line and column (columns count
/// bytes of UTF-8, as cmark does). `path` is relative to the site's root so
/// messages read the same on every machine.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// A whole file, for failures of the system rather than of its text:
    /// shown as `PATH`, with no line to point at.
    public static func file(_ path: String) -> SourceLocation {
        var location = SourceLocation(path: path)
        (location.line, location.column) = (0, 0)
        return location
    }

    /// The same file, `lines` further down (for positions relative to a block).
    public func advanced(lines: Int, column: Int? = nil) -> SourceLocation {
        SourceLocation(path: path, line: line + lines, column: column ?? self.column)
    }

    public var description: String { line == 0 ? path : "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}
