import Foundation
import QuireData
import Testing

@testable import QuireCharts

/// Large inputs stay small on the page and say what was thinned.
@Suite struct BigDataTests {
    static func randomWalk(_ count: Int) -> Table {
        var generator = SeededGenerator(seed: 7)
        var value = 0.0
        let ys: [Double?] = (0..<count).map { _ in
            value += Double(generator.next() % 2001) / 1000 - 1
            return value
        }
        return Table(columns: [Column(name: "step", integers: (0..<count).map { Int64($0) }), Column(name: "loss", doubles: ys)])
    }

    static func cloud(_ count: Int) -> Table {
        var generator = SeededGenerator(seed: 11)
        func unit() -> Double { Double(generator.next() % 1_000_000) / 1_000_000 }
        var xs: [Double?] = []
        var ys: [Double?] = []
        var cs: [Double?] = []
        for _ in 0..<count {
            // Box–Muller for a normal-looking blob.
            let r = (-2 * log(max(unit(), 1e-9))).squareRoot()
            let t = 2 * Double.pi * unit()
            xs.append(r * cos(t))
            ys.append(r * sin(t))
            cs.append(t)
        }
        return Table(columns: [Column(name: "x", doubles: xs), Column(name: "y", doubles: ys), Column(name: "c", doubles: cs)])
    }

    @Test func longLineIsThinnedToTwoPointsPerPixelAndUnder30kB() throws {
        let yaml = "data: walk\nmark: line\nx: step\ny: loss\n"
        let tables = ["walk": Self.randomWalk(20_000)]
        let chart = try Fixtures.render(yaml, tables: tables)
        let svg = try SVGInspector(chart.svg)
        let path = try #require(try svg.elements("//*[@class='line']").first)
        let points = SVGInspector.points(SVGInspector.attribute(path, "d") ?? "").flatMap { $0 }
        let plotWidth = try svg.ticks("x-axis").map(\.pixel).max() ?? 0
        #expect(points.count > Int(plotWidth * 1.5) && points.count < Int(plotWidth * 2.5) + 40)
        #expect(chart.svg.utf8.count < 30_000)
        #expect(chart.notes.first?.hasPrefix("Lines drawn with") == true)
        #expect(chart.description.contains("of 20,000 points"))
        #expect(CSVWriter.csv(for: try Fixtures.spec(yaml), tables: tables).split(separator: "\r\n").count == 20_001)
    }

    @Test func denseScatterIsSampledAndUnder300kB() throws {
        let yaml = "data: cloud\nmark: point\nx: x\ny: y\ncolor: c\n"
        let tables = ["cloud": Self.cloud(50_000)]
        let chart = try Fixtures.render(yaml, tables: tables)
        #expect(chart.svg.utf8.count < 300_000)
        #expect(chart.notes == ["Showing a fixed sample of 10,000 of 50,000 points; the CSV has them all."])
        let svg = try SVGInspector(chart.svg)
        // A pixel drawn twice in one colour is drawn once.
        let dots = try svg.elements("//*[@class='points']").reduce(0) {
            $0 + SVGInspector.dots(SVGInspector.attribute($1, "d") ?? "").count
        }
        #expect(dots > 8_000 && dots <= 10_000)
        #expect(CSVWriter.csv(for: try Fixtures.spec(yaml), tables: tables).split(separator: "\r\n").count == 50_001)
    }

    @Test func outputIsByteForByteDeterministic() throws {
        for (_, yaml) in Gallery.charts {
            #expect(try Fixtures.render(yaml) == Fixtures.render(yaml))
        }
    }

    @Test func everyIdCarriesThePrefix() throws {
        for (name, yaml) in Gallery.charts {
            let chart = try Fixtures.render(yaml, prefix: "p\(name)")
            let ids = chart.svg.matches(of: try Regex(#" id="([^"]+)""#)).map { String(chart.svg[$0.range]) }
            #expect(!ids.isEmpty)
            for id in ids { #expect(id.hasPrefix(" id=\"p\(name)-")) }
            let references = chart.svg.matches(of: try Regex(#"url\(#([^)]+)\)"#)).map { String(chart.svg[$0.range]) }
            for reference in references { #expect(reference.hasPrefix("url(#p\(name)-")) }
        }
    }
}
