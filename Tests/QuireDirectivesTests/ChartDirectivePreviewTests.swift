import Foundation
import QuireData
import Testing

@testable import QuireDirectives

/// With QUIRE_CHART_PREVIEW=DIR set, writes a page of several chart figures
/// (and the feed variant) as the directive emits them, for a browser or an
/// HTML validator; the .svg and .csv files go beside them.
/// Without it the test is skipped, and says so, rather than passing unrun.
@Suite struct ChartDirectivePreviewTests {
    static let directory = ProcessInfo.processInfo.environment["QUIRE_CHART_PREVIEW"]

    @Test(.enabled(if: directory != nil, "set QUIRE_CHART_PREVIEW=DIR to write the preview page"))
    func writePageWhenAsked() throws {
        let directory = try #require(Self.directory)
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let context = try ChartDirectiveTests.context(["runs": ChartDirectiveTests.runs])
        let bodies = [
            ChartDirectiveTests.body,
            ChartDirectiveTests.body,
            "data: runs\nmark: point\nx: step\ny: loss\ncolor: loss\nmax_points: 10\n",
        ]
        var page = ""
        var feed = ""
        for body in bodies {
            let output = try ChartDirective().run(ChartDirectiveTests.block(body), in: context)
            page += output.html + "\n"
            feed += output.feedHTML + "\n"
            for (name, data) in output.files { try data.write(to: folder.appendingPathComponent(name)) }
        }
        func document(_ body: String) -> String {
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>charts</title></head><body>\n\(body)</body></html>\n"
        }
        try document(page).write(to: folder.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)
        try document(feed).write(to: folder.appendingPathComponent("feed.html"), atomically: true, encoding: .utf8)
        #expect(page.components(separatedBy: "<figure").count == bodies.count + 1, "one figure per chart")
        #expect(feed.components(separatedBy: "<svg").count == bodies.count + 1, "the feed keeps every chart")
    }
}
