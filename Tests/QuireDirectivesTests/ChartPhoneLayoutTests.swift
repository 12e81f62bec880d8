import Foundation
import QuireData
import Testing

@testable import QuireCharts
@testable import QuireDirectives

/// A wide chart carries a second layout for phones; charts.css shows one.
@Suite struct ChartPhoneLayoutTests {
    static func run(_ body: String) throws -> (html: String, feed: String, files: [String]) {
        let output = try ChartDirective().run(
            ChartDirectiveTests.block(body), in: try ChartDirectiveTests.context(["runs": ChartDirectiveTests.runs]))
        return (output.html, output.feedHTML, output.files.keys.sorted())
    }

    static func svgTags(_ html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map { String($0.prefix { $0 != ">" }) }
    }

    @Test func wideChartCarriesAPhoneLayoutHiddenByDefault() throws {
        let output = try Self.run("data: runs\nmark: line\nx: step\ny: loss\ncolor: run\n")
        let tags = Self.svgTags(output.html)
        #expect(tags.count == 2)
        #expect(tags[0].contains("viewBox=\"0 0 640 400\"") && tags[0].contains("class=\"chart-svg chart-wide\""))
        #expect(tags[1].contains("viewBox=\"0 0 360 313\"") && tags[1].contains("class=\"chart-svg chart-narrow\""))
        #expect(tags[1].contains("style=\"max-width:100%;height:auto;display:none\""))
        #expect(!tags[0].contains("display:none"))
        // Ids stay unique on the page: the phone layout has its own prefix.
        let ids = output.html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(ids).count == ids.count)
        // Feeds and files keep the one wide drawing.
        #expect(Self.svgTags(output.feed).isEmpty && output.feed.contains("<img src=\"chart-"))
        #expect(output.files.count == 2)
    }

    @Test func narrowChartsAndWordChartsHaveOneLayout() throws {
        let narrow = Self.svgTags(try Self.run("data: runs\nmark: line\nx: step\ny: loss\nwidth: 400\n").html)
        #expect(narrow.count == 1 && narrow[0].contains("class=\"chart-svg\""))
        let words = Self.svgTags(try Self.run("data: runs\nmark: text\nx: step\ny: loss\ntext: run\n").html)
        #expect(words.count == 1 && words[0].contains("class=\"chart-svg chart-scroll\""))
    }

    @Test func phoneOnlyMarkerKeyIsMarkedForPhones() throws {
        let labels = [
            "the learning rate was halved after warm-up", "the data mix was changed to more code", "an evaluation was added for arithmetic",
        ]
        let marks = zip([100, 110, 120], labels).map { "  - {x: \($0), label: \"\($1)\"}\n" }.joined()
        let output = try Self.run("data: runs\nmark: line\nx: step\ny: loss\nannotations:\n" + marks)
        let key =
            "Marked: 1 the learning rate was halved after warm-up; 2 the data mix was changed to more code; 3 an evaluation was added for arithmetic."
        #expect(output.html.contains("<span class=\"chart-note chart-narrow-note\">\(key)</span>"))
        // The wide layout has room for the words, so the feed (wide only) has no key.
        #expect(!output.feed.contains("Marked:"))
        #expect(output.html.components(separatedBy: "Marked:").count == 2)
    }

    @Test func eachLayoutThinsToItsOwnAreaAndSaysSo() throws {
        let count = 3000
        let table = Table(columns: [
            Column(name: "x", doubles: (0..<count).map { Double($0 % 97) }),
            Column(name: "y", doubles: (0..<count).map { Double($0 % 89) }),
        ])
        let output = try ChartDirective().run(
            ChartDirectiveTests.block("data: cloud\nmark: point\nx: x\ny: y\nmax_points: 2000\n"),
            in: try ChartDirectiveTests.context(["cloud": table]))
        // 360 × 313 against 640 × 400: 44% of the area, so 880 of the 2,000 points.
        #expect(ChartSpec.narrowWidth == 360)
        #expect(
            output.html.contains(
                "<span class=\"chart-note chart-wide-note\">Showing a fixed sample of 2,000 of 3,000 points; the CSV has them all.</span>"))
        #expect(
            output.html.contains(
                "<span class=\"chart-note chart-narrow-note\">Showing a fixed sample of 880 of 3,000 points; the CSV has them all.</span>"))
        #expect(!output.feedHTML.contains("chart-narrow-note") && !output.feedHTML.contains("chart-wide-note"))
        #expect(output.feedHTML.contains("Showing a fixed sample of 2,000 of 3,000 points"))
    }

    /// The stylesheet switches on the same class names the SVG carries.
    @Test func stylesheetSwitchesTheLayouts() throws {
        let css = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../templates/static/charts.css"), encoding: .utf8)
        #expect(css.contains("figure.chart svg.chart-wide { display: none !important; }"))
        #expect(css.contains("figure.chart svg.chart-narrow { display: block !important; }"))
        #expect(css.contains("svg.chart-scroll"))
        #expect(css.contains("figure.chart .chart-narrow-note { display: none; }"))
        #expect(css.contains("figure.chart .chart-narrow-note { display: inline; }"))
        #expect(css.contains("figure.chart .chart-wide-note { display: none; }"))
    }
}
