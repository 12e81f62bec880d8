import ArgumentParser
import Foundation
import QuireDiagnostics
import QuireSite

/// What the command line prints: diagnostics to stderr, a status line to stdout.
enum Terminal {
    static func printDiagnostics(_ diagnostics: [Diagnostic], root: URL) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(DiagnosticRenderer(root: root).render(diagnostics).utf8))
    }

    /// A problem that is not in any file (a folder, an argument): `error: MESSAGE` and its hint.
    static func error(_ message: String, hint: String? = nil) {
        FileHandle.standardError.write(Data(("error: \(message)\n" + (hint.map { "hint: \($0)\n" } ?? "")).utf8))
    }

    /// Errors from setting up files: diagnostics without a location line, or the system's reason.
    static func printErrors(_ error: Error) {
        guard error is Diagnostic || error is DiagnosticList else {
            Self.error(error.localizedDescription)
            return
        }
        for diagnostic in error.diagnostics(orAt: .init(path: ".")) {
            Self.error(diagnostic.message, hint: diagnostic.hint)
        }
    }

    static func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
            ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs a build with progress, prints its diagnostics, and exits 1 if it failed.
    static func build(_ options: BuildOptions, progress: BuildProgress?) async throws -> BuildReport {
        var options = options
        options.progress = progress
        let report = await SiteBuilder.build(options)
        clearProgress()
        printDiagnostics(report.diagnostics, root: options.root)
        guard report.succeeded else {
            printFailure(report)
            throw ExitCode(1)
        }
        return report
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

    /// Progress shows only on an interactive terminal, never in a pipe or on CI.
    static var showsProgress: Bool {
        isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    /// A progress line that rewrites itself, or nil when it should stay quiet.
    static func progress() -> BuildProgress? {
        guard showsProgress else { return nil }
        return BuildProgress { snapshot in
            // Redraw at most every 1% so a thousand posts do not flood the terminal.
            let step = max(1, snapshot.itemsTotal / 100)
            guard snapshot.itemsDone % step == 0 || snapshot.itemsDone == snapshot.itemsTotal else { return }
            let line =
                "\r\u{1B}[2Krendering \(snapshot.itemsDone)/\(snapshot.itemsTotal) posts and pages, \(snapshot.directivesRun) directives run"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    static func clearProgress() {
        if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    static func display(_ url: URL, root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) + "/" : path
    }
}
