import Foundation
import Testing

/// The training-log series finds, in its stored logs, the anchors that
/// tools/training_log.py planted, and the chart annotations (the one place
/// a step number is written by hand) agree with them.
@Suite struct FlagshipTrainingLogTests {
    /// The generator's constants, read from the script so a regeneration with
    /// other anchors makes this test follow (or fail loudly).
    static func planted() throws -> [String: Int] {
        let script = try String(contentsOf: SiteFixture.repositoryRoot.appendingPathComponent("tools/training_log.py"), encoding: .utf8)
        var anchors: [String: Int] = [:]
        for match in script.matches(of: /(?m)^([A-Z]+)_STEP = ([0-9_]+)/) {
            anchors[String(match.1)] = Int(match.2.replacingOccurrences(of: "_", with: ""))
        }
        return anchors
    }

    static func page(_ slug: String) async throws -> String {
        let site = await FlagshipSite.shared.build()
        try #require(site.errors.isEmpty, "the example site does not build: \(site.errors)")
        let html = try String(contentsOf: site.output.appendingPathComponent("posts/\(slug)/index.html"), encoding: .utf8)
        // Prose wraps lines where the source does; compare words, not line breaks.
        return html.replacingOccurrences(of: "\n", with: " ")
    }

    static func grouped(_ step: Int) -> String {
        step.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    @Test func theGeneratorPlantsFourAnchors() throws {
        #expect(Set(try Self.planted().keys) == ["ARCHITECTURE", "CADENCE", "BRB", "CONCISE"])
    }

    @Test func partOneFindsTheFirstArchitectureTalk() async throws {
        let step = try #require(try Self.planted()["ARCHITECTURE"])
        let html = try await Self.page("training-log-20k-30k")
        #expect(html.contains("step \(Self.grouped(step)), the first entry about its own"))
    }

    @Test func partTwoFindsCadenceBrbAndConciseReply() async throws {
        let planted = try Self.planted()
        let html = try await Self.page("training-log-30k-40k")
        for name in ["CADENCE", "BRB", "CONCISE"] {
            let step = try #require(planted[name])
            #expect(html.contains("<td class=\"num\">\(Self.grouped(step))</td>"), "\(name) step \(step) missing from the timeline table")
        }
        #expect(html.contains("Loss flat since the cadence change"), "the first concise reply is quoted")
    }

    /// The loss chart shows the raw line faded under the smoothed one, over a min/max band (PRODUCT §3 chart keys).
    @Test func theLossChartFadesRawUnderSmoothedWithABand() async throws {
        let html = try await Self.page("training-log-30k-40k")
        let figure = try #require(
            html.range(of: "<figure class=\"chart\" id=\"fig-1\">").map { String(html[$0.lowerBound...].prefix(200_000)) })
        let chart = String(figure[..<(figure.range(of: "</figure>")?.lowerBound ?? figure.endIndex)])
        #expect(chart.contains("<path class=\"area\""), "the min/max band")
        #expect(chart.contains("opacity=\"0.35\""), "the faded raw line")
        #expect(chart.contains("smoothed (EWM 0.9)") && chart.contains("raw loss"), "legend names from labels")
    }

    @Test func annotationsMarkPlantedAnchors() throws {
        let anchors = Set(try Self.planted().values)
        for slug in ["training-log-20k-30k", "training-log-30k-40k"] {
            let source = try String(
                contentsOf: SiteFixture.repositoryRoot.appendingPathComponent("content/posts/\(slug)/index.md"), encoding: .utf8)
            let marked = source.matches(of: /\{x: ([0-9]+), label:/).compactMap { Int($0.1) }
            #expect(!marked.isEmpty, "\(slug) has no annotations")
            for x in marked { #expect(anchors.contains(x), "\(slug): annotation at \(x) is not an anchor of the data") }
        }
    }
}
