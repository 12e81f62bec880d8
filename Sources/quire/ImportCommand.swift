import ArgumentParser
import Foundation
import QuireDiagnostics
import QuireImport
import QuireSite

extension SiteImporter.Generator: ExpressibleByArgument {}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Turn a Jekyll or Hugo blog into a quire site that keeps every post's old address.",
        discussion: "SRC is only read. DEST must be new or empty (default: SRC's name + '-quire' in the current folder). "
            + "Prints what was translated and what was not, then checks the new site; exits 1 if it does not build.")

    @Argument(help: "The old site's generator: jekyll or hugo.") var generator: SiteImporter.Generator
    @Argument(help: "The old site's folder.") var source: String
    @Argument(help: "The folder for the new quire site.") var destination: String?

    func run() async throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let sourceURL = URL(fileURLWithPath: source, relativeTo: here).standardizedFileURL
        let destinationURL =
            destination.map { URL(fileURLWithPath: $0, relativeTo: here).standardizedFileURL }
            ?? SiteImporter.defaultDestination(for: sourceURL, in: here)
        var report: ImportReport
        let build: BuildReport
        do {
            report = try SiteImporter.run(generator, source: sourceURL, destination: destinationURL)
            build = try await SiteImporter.checkUnlinkingBrokenLinks(destinationURL, report: &report)
        } catch {
            Terminal.printDiagnostics(error.diagnostics(orAt: SourceLocation(path: sourceURL.path)), root: here)
            throw ExitCode(1)
        }
        Terminal.status(report.text)
        Terminal.printDiagnostics(build.diagnostics, root: destinationURL)
        guard build.succeeded else {
            FileHandle.standardError.write(
                Data("the imported site does not build yet: \(build.errors.count) error\(build.errors.count == 1 ? "" : "s") above\n".utf8))
            throw ExitCode(1)
        }
        Terminal.status(
            "the imported site builds: \(build.postCount) posts, \(build.pageCount) pages — run `quire build --source \(Terminal.display(destinationURL, root: here))`"
        )
    }
}
