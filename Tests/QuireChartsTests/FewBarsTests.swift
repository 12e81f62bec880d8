import Foundation
import QuireData
import Testing

@testable import QuireCharts

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A bar chart of a handful of categories, as the built-in theme shows it.
@Suite struct FewBarsTests {
    static let sizes = Table(columns: [Column(name: "size", doubles: [2000, 12000, 20000]), Column(name: "count", doubles: [14, 9, 3])])

    @Test func numericCategoriesAreGroupedLikeTheAxes() throws {
        let chart = try Fixtures.render("data: t\nmark: bar\nx: size\ny: count\n", tables: ["t": Self.sizes])
        let svg = try SVGInspector(chart.svg)
        let labels = try svg.elements("//*[@class='x-axis']/*[local-name()='text']").map { $0.stringValue ?? "" }
        #expect(labels == ["2,000", "12,000", "20,000"])
        // The author's format wins; years (four digits, none longer) stay as written.
        #expect(ChartLayout.bandLabels(["2000", "12000"], format: try NumberFormat(".2s")) == ["2.0k", "12k"])
        #expect(ChartLayout.bandLabels(["2019", "2020", "2021"], format: nil) == ["2019", "2020", "2021"])
        #expect(ChartLayout.bandLabels(["small", "12000"], format: nil) == ["small", "12000"])
        #expect(ChartLayout.bandLabels(["0.5", "12000"], format: nil) == ["0.5", "12000"], "fractions are left as written")
        #expect(ChartLayout.bandLabels(["\u{2212}15000", "3"], format: nil) == ["\u{2212}15,000", "3"])
    }

    @Test func theTallestBarLeavesRoomAboveIt() throws {
        let chart = try Fixtures.render("data: t\nmark: bar\nx: size\ny: count\n", tables: ["t": Self.sizes])
        let svg = try SVGInspector(chart.svg)
        let tops = try svg.elements("//*[@class='bars']/*[local-name()='rect']").compactMap {
            SVGInspector.attribute($0, "y").flatMap(Double.init)
        }
        #expect(tops.count == 3)
        // The plot's top is y = 0 in the panel; 14 must not reach it (its axis now ends at 16).
        #expect((tops.min() ?? 0) > 10, "\(tops)")
        let ticks = try svg.elements("//*[@class='y-axis']/*[local-name()='text']").map { $0.stringValue ?? "" }
        #expect(ticks.last == "16", "\(ticks)")
        // An author's domain is kept as given.
        let bounded = try Fixtures.render("data: t\nmark: bar\nx: size\ny: {field: count, domain: [0, 14]}\n", tables: ["t": Self.sizes])
        let boundedTicks = try SVGInspector(bounded.svg).elements("//*[@class='y-axis']/*[local-name()='text']").map {
            $0.stringValue ?? ""
        }
        #expect(boundedTicks.last == "14")
    }

    @Test func aFewBarsGetAChartTheirSize() throws {
        let tables = ["t": Self.sizes]
        let three = try Fixtures.spec("data: t\nmark: bar\nx: size\ny: count\n").sizedForData(tables)
        // 200 + 80 per bar, at the default aspect 1.6.
        #expect(three.width == 440 && three.height == 275)
        let many = Table(columns: [
            Column(name: "size", doubles: (0..<12).map(Double.init)), Column(name: "count", doubles: (0..<12).map(Double.init)),
        ])
        #expect(try Fixtures.spec("data: t\nmark: bar\nx: size\ny: count\n").sizedForData(["t": many]).width == 640)
        // Any size the author gives is kept.
        for size in ["width: 600", "height: 300", "aspect: 2"] {
            let spec = try Fixtures.spec("data: t\nmark: bar\nx: size\ny: count\n\(size)\n")
            #expect(spec.sizedForData(tables) == spec, "\(size)")
        }
        let lines = try Fixtures.spec("data: t\nmark: line\nx: size\ny: count\n")
        #expect(lines.sizedForData(tables) == lines)
    }
}
