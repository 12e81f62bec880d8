import ArgumentParser
import QuireSite

@main
struct Quire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build a static site of Markdown posts whose figures are computed from their data.")
}
