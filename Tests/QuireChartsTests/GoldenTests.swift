import Foundation
import Testing

@testable import QuireCharts

/// One chart per mark, compared byte for byte with a reviewed file in Golden/.
/// After an intended change, regenerate with QUIRE_UPDATE_GOLDEN=1, look at
/// the files (QUIRE_CHART_PREVIEW renders them for a browser) and commit.
@Suite struct GoldenTests {
    static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: Gallery.charts.map(\.0))
    func chartMatchesItsGoldenFile(_ name: String) throws {
        let yaml = try #require(Gallery.charts.first { $0.0 == name }?.1)
        let svg = try Fixtures.render(yaml, prefix: "g-\(name)").standaloneSVG
        if ProcessInfo.processInfo.environment["QUIRE_UPDATE_GOLDEN"] != nil {
            try svg.write(to: Self.sourceFolder.appendingPathComponent("\(name).svg"), atomically: true, encoding: .utf8)
            return
        }
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "svg", subdirectory: "Golden"), "no golden file for \(name)")
        let golden = try String(contentsOf: url, encoding: .utf8)
        if svg != golden {
            let common = zip(svg, golden).prefix { $0 == $1 }.count
            let context = String(svg.dropFirst(max(0, common - 40)).prefix(120))
            Issue.record("\(name).svg differs from its golden file at character \(common): …\(context)…")
        }
    }
}
