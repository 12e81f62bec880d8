import ArgumentParser
import Foundation
import QuireSite

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into site/ (or --output).")

    @OptionGroup var source: SourceOption
    @Flag(help: "Include posts and pages marked draft: true.") var drafts = false
    @Option(help: "Write the site here instead of site/.") var output: String?
    @Option(name: .customLong("base-url"), help: "Override quire.yaml's base_url (e.g. for a preview host).") var baseURL: String?
    @Flag(name: .customLong("no-cache"), help: "Run every directive again, ignoring .quire-cache/.") var noCache = false
    @Flag(help: "Print where the time went, by stage, and the slowest directives.") var timings = false

    func run() async throws {
        let root = source.root
        let started = Date()
        var options = BuildOptions(
            root: root, output: output.map { URL(fileURLWithPath: $0).standardizedFileURL },
            includeDrafts: drafts, baseURL: baseURL, useCache: !noCache)
        options.leavesMemoryToExit = true
        let report = try await Terminal.build(options, progress: Terminal.progress() ?? (timings ? BuildProgress() : nil))
        let seconds = Date().timeIntervalSince(started)
        if timings { Terminal.status(report.timings.report) }
        if report.upToDate {
            Terminal.status(
                String(
                    format: "%@ is up to date (%d posts, %d pages; nothing changed) — %.3f s",
                    Terminal.display(report.output, root: root), report.postCount, report.pageCount, Date().timeIntervalSince(started)))
            return
        }
        var line = String(
            format: "built %d posts and %d pages into %@ (%d files) in %.2f s",
            report.postCount, report.pageCount, Terminal.display(report.output, root: root), report.filesWritten, seconds)
        if report.cacheHits > 0 { line += " (\(report.cacheHits) directive results from .quire-cache)" }
        Terminal.status(line)
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check everything build checks, without writing output.")

    @OptionGroup var source: SourceOption
    @Flag(help: "Include drafts.") var drafts = false

    func run() async throws {
        let root = source.root
        let report = try await Terminal.build(
            BuildOptions(root: root, includeDrafts: drafts, writeOutput: false), progress: Terminal.progress())
        Terminal.status("no problems in \(report.postCount) posts and \(report.pageCount) pages")
    }
}
