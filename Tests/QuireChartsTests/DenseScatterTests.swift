import Foundation
import QuireData
import Testing

@testable import QuireCharts

/// A 50,000-point coloured scatter drawn whole: every layout a page carries
/// stays under 300 kB, and the drawing still inverts to the data within a pixel.
@Suite struct DenseScatterTests {
    static let yaml = "data: cloud\nmark: point\nx: x\ny: y\ncolor: {field: c, scheme: cyclic}\nmax_points: 50000\n"
    static let cloud = BigDataTests.cloud(50_000)

    /// The wide and the phone layout, as the chart directive renders them.
    static func layouts() throws -> (wide: RenderedChart, phone: RenderedChart) {
        let spec = try Fixtures.spec(yaml)
        let tables = ["cloud": cloud]
        let narrow = try #require(spec.narrowLayout)
        return (
            try ChartRenderer(idPrefix: "w", variant: .wide).render(spec, tables: tables),
            try ChartRenderer(idPrefix: "n", variant: .narrow).render(narrow, tables: tables)
        )
    }

    /// Whole pixels as one integer, for sets of positions.
    static func cell(_ x: Int, _ y: Int) -> Int { (y + 100_000) * 1_000_000 + x + 100_000 }

    /// Checks one layout: each drawn dot lies within a pixel of a data point of
    /// its colour; with `everyRowDrawn`, each data point has such a dot too.
    /// Scales come from the tick labels only; colours from the stroke each path has.
    func checkInversion(_ chart: RenderedChart, everyRowDrawn: Bool) throws -> Int {
        let svg = try SVGInspector(chart.svg)
        let toX = try svg.forward("x-axis")
        let toY = try svg.forward("y-axis")
        let xs = Self.cloud.column(named: "x")?.doubles ?? []
        let ys = Self.cloud.column(named: "y")?.doubles ?? []
        let cs = Self.cloud.column(named: "c")?.doubles ?? []
        // Data points in pixels, bucketed by their whole pixel, per colour drawn for them.
        let colorOf = { (row: Int) in ChartColors.quantised(cs[row] ?? 0, scheme: .cyclic, low: 0, high: 2 * .pi).color.hex }
        var dataPixels: [String: [Int: [(Double, Double)]]] = [:]
        for row in xs.indices {
            let (px, py) = (toX(xs[row] ?? .nan), toY(ys[row] ?? .nan))
            dataPixels[colorOf(row), default: [:]][Self.cell(Int(px.rounded()), Int(py.rounded())), default: []].append((px, py))
        }
        var drawn: [String: Set<Int>] = [:]
        var count = 0
        for path in try svg.elements("//*[@class='points']") {
            let color = SVGInspector.attribute(path, "stroke") ?? ""
            let near = try #require(dataPixels[color], "a path in a colour no data point has: \(color)")
            for dot in SVGInspector.dots(SVGInspector.attribute(path, "d") ?? "") {
                count += 1
                let (x, y) = (Int(dot.0.rounded()), Int(dot.1.rounded()))
                drawn[color, default: []].insert(Self.cell(x, y))
                var best = Double.infinity
                for dx in -1...1 {
                    for dy in -1...1 {
                        for point in near[Self.cell(x + dx, y + dy)] ?? [] { best = min(best, hypot(point.0 - dot.0, point.1 - dot.1)) }
                    }
                }
                #expect(best <= 1, "dot at \(dot) is \(best) px from the nearest data point of its colour")
                if best > 1 { return count }
            }
        }
        if everyRowDrawn {
            var missing = 0
            for (color, cells) in dataPixels {
                for (_, points) in cells {
                    for point in points {
                        let (x, y) = (Int(point.0.rounded()), Int(point.1.rounded()))
                        let found = (-1...1).contains { dx in
                            (-1...1).contains { dy in
                                drawn[color]?.contains(Self.cell(x + dx, y + dy)) == true
                                    && hypot(Double(x + dx) - point.0, Double(y + dy) - point.1) <= 1
                            }
                        }
                        if !found { missing += 1 }
                    }
                }
            }
            #expect(missing == 0, "\(missing) data points have no dot of their colour within a pixel")
        }
        return count
    }

    @Test func allLayoutsTogetherAreUnder300kB() throws {
        let (wide, phone) = try Self.layouts()
        let bytes = wide.svg.utf8.count + phone.svg.utf8.count
        #expect(bytes <= 300_000, "wide \(wide.svg.utf8.count) + phone \(phone.svg.utf8.count) bytes")
        // Drawn whole on the wide layout; the phone's is a sample of the same points.
        #expect(wide.notes.isEmpty)
        #expect(phone.notes.first?.hasPrefix("Showing a fixed sample of") == true)
        // Still an accessible figure: title and description on both.
        for chart in [wide, phone] {
            let svg = try SVGInspector(chart.svg)
            #expect(try svg.elements("//*[local-name()='title']").first?.stringValue?.isEmpty == false)
            #expect(try svg.elements("//*[local-name()='desc']").first?.stringValue?.contains("50,000") == true)
        }
    }

    @Test func wideLayoutInvertsToEveryRow() throws {
        let drawn = try checkInversion(try Self.layouts().wide, everyRowDrawn: true)
        // Pixels shared within a colour are drawn once, yet most points keep their own.
        #expect(drawn > 20_000 && drawn <= 50_000)
    }

    @Test func phoneLayoutInvertsToTheData() throws {
        let drawn = try checkInversion(try Self.layouts().phone, everyRowDrawn: false)
        #expect(drawn > 5_000)
    }

    /// The sample on a phone is a subset of a larger one: both are the first
    /// slots of one seeded shuffle.
    @Test func smallerSamplesAreSubsetsOfLargerOnes() {
        let wide = Set(PointSampler.indices(count: 50_000, limit: 30_000))
        let phone = PointSampler.indices(count: 50_000, limit: 12_000)
        #expect(phone.allSatisfy(wide.contains))
    }
}
