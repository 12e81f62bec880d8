import Foundation

/// Formats diagnostics the way compilers do:
///
///     content/posts/a.md:12:5: error: no column 'phse' in table 'tokens'
///        12 | color: phse
///           |     ^
///     hint: did you mean 'phase'?
package struct DiagnosticRenderer: Sendable {
    /// Folder that `SourceLocation.path` is relative to.
    public var root: URL

    public init(root: URL) { self.root = root }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        if let line = sourceLine(diagnostic.location) {
            let number = String(diagnostic.location.line)
            let gutter = String(repeating: " ", count: number.count)
            out += " \(number) | \(line)\n"
            let caretColumn = min(diagnostic.location.column - 1, line.utf8.count)
            let prefix = String(decoding: line.utf8.prefix(caretColumn), as: UTF8.self)
            // Keep tabs so the caret lines up under the same character.
            let padding = prefix.map { $0 == "\t" ? "\t" : " " }.joined()
            out += " \(gutter) | \(padding)^\n"
        }
        if let hint = diagnostic.hint {
            out += "hint: \(hint)\n"
        }
        return out
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    private func sourceLine(_ location: SourceLocation) -> String? {
        // A whole file (`SourceLocation.file`) has no line to show.
        guard location.line > 0 else { return nil }
        let url = location.path.hasPrefix("/") ? URL(fileURLWithPath: location.path) : root.appendingPathComponent(location.path)
        guard let data = try? Data(contentsOf: url), data.count < 64 << 20, !Self.isBinary(data) else { return nil }
        var lineNumber = 1
        var start = data.startIndex
        for index in data.indices where data[index] == UInt8(ascii: "\n") {
            if lineNumber == location.line {
                return printable(data[start..<index])
            }
            lineNumber += 1
            start = data.index(after: index)
        }
        return lineNumber == location.line && start < data.endIndex ? printable(data[start...]) : nil
    }

    /// A database, event file or array has no lines to quote: its location is
    /// the file (and the message says where in it). A NUL byte near the
    /// start tells, as it does for git.
    static func isBinary(_ data: Data) -> Bool {
        data.prefix(8000).contains(0)
    }

    private func printable(_ bytes: Data) -> String {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
