import ArgumentParser
import Foundation
import QuireSite

@main
struct Quire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quire", abstract: "Build a static site of Markdown posts whose figures are computed from their data.",
        version: QuireVersion.text,
        subcommands: [Build.self, Serve.self, Check.self, Init.self, New.self, Import.self])
}

struct SourceOption: ParsableArguments {
    @Option(name: .customLong("source"), help: "The site's folder (default: the current folder).")
    var source: String?

    var root: URL {
        URL(fileURLWithPath: source ?? FileManager.default.currentDirectoryPath).standardizedFileURL
    }
}
