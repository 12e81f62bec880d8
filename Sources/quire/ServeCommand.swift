import ArgumentParser
import Foundation
import QuireServe
import QuireSite

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve on 127.0.0.1, rebuild on every edit and reload the browser.")

    @OptionGroup var source: SourceOption
    @Option(help: "The port to listen on (0: any free port).") var port: UInt16 = 1313
    @Flag(help: "Include drafts.") var drafts = false
    @Flag(help: "Print where each rebuild's time went.") var timings = false
    @Flag(help: "Poll for edits even where inotify works (it is the fallback elsewhere).") var poll = false

    func run() async throws {
        let options = BuildOptions(root: source.root, includeDrafts: drafts)
        let server = DevServer(options: options, port: port, watching: poll ? .polling : .automatic, showTimings: timings) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        try await server.run()
    }
}
