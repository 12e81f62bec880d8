import ArgumentParser
import Foundation
import QuireServe
import QuireSite

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build, serve on 127.0.0.1, rebuild on every edit and reload the browser.")

    @OptionGroup var source: SourceOption
    @Option(help: "The port to listen on.") var port: UInt16 = 1313
    @Flag(help: "Include drafts.") var drafts = false
    @Flag(help: "Print where each rebuild's time went.") var timings = false

    func run() async throws {
        let options = BuildOptions(root: source.root, includeDrafts: drafts)
        let server = DevServer(options: options, port: port, showTimings: timings) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        try await server.run()
    }
}
