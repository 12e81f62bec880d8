import Foundation

import QuireSite
import QuireDiagnostics

/// What the command line prints: diagnostics to stderr, a status line to stdout.
enum Terminal {
    static func printDiagnostics(_ diagnostics: [Diagnostic], root: URL) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(DiagnosticRenderer(root: root).render(diagnostics).utf8))
    }

    static func printFailure(_ report: BuildReport) {
        let errors = report.errors.count
        let warnings = report.warnings.count
        var line = "build failed: \(errors) error\(errors == 1 ? "" : "s")"
        if warnings > 0 { line += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
        FileHandle.standardError.write(Data((line + "; the previous output was left as it was\n").utf8))
    }

    static func status(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func display(_ url: URL, root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) + "/" : path
    }
}
