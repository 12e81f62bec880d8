import ArgumentParser
import Foundation
import QuireSite

@main
struct Quire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quire", abstract: "Build a static site of Markdown posts whose figures are computed from their data.",
        version: QuireVersion.text,
        subcommands: [Build.self, Serve.self, Check.self, Init.self, New.self, Import.self])

    static func main() async {
        growHeapsInLargerSteps()
        await main(nil)
    }

    /// glibc grows each thread's heap by what one allocation needs, each
    /// time with an `mprotect`, which holds every thread's page faults up:
    /// 640 of them in a 1,000-post build. With 16 MiB more at each step, 20;
    /// memory only counts once it is touched, so the peak stays the same.
    /// Setting that also fixes the size above which blocks get their own
    /// `mmap` at its first 128 KiB, where glibc would raise it as big blocks
    /// are freed (a 10,000-post build took 1.07 of the time, every tag
    /// page's and listing's buffer mapped and faulted in afresh): it is set
    /// to the 32 MiB glibc raises it to at most. (`mallopt` is looked up, as
    /// Swift's Glibc module leaves out `malloc.h`.)
    private static func growHeapsInLargerSteps() {
        #if os(Linux)
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
            let topPad: Int32 = -2  // M_TOP_PAD in malloc.h
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            _ = mallopt(topPad, 16 << 20)
            _ = mallopt(mmapThreshold, 32 << 20)
        #endif
    }
}

struct SourceOption: ParsableArguments {
    @Option(name: .customLong("source"), help: "The site's folder (default: the current folder).")
    var source: String?

    var root: URL {
        URL(fileURLWithPath: source ?? FileManager.default.currentDirectoryPath).standardizedFileURL
    }
}
