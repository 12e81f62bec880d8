import Foundation
import QuireData

/// Loads the `runs` table of the benchmark site's bundle as a post's
/// directive would, and prints one line:
///
///     quire rows=10000000 load_s=12.3
///
/// `tfevents-bench SITE` where SITE/content/posts/bench/runs/… holds the event files.
@main
struct TFEventsBench {
    static func main() throws {
        let site = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? ".")
        let content = site.appendingPathComponent("content")
        let start = Date()
        let scope = try DataScope(
            siteRoot: site, contentRoot: content,
            bundleDirectory: content.appendingPathComponent("posts/bench"), siteDataDirectory: nil)
        let table = try scope.table(named: "runs", at: .init(path: "bench.md"))
        let seconds = Date().timeIntervalSince(start)
        // Peak memory is measured from outside, by run.py (the child's ru_maxrss).
        print(String(format: "quire rows=%d load_s=%.2f", table.rowCount, seconds))
    }
}
