import Foundation
import QuireData
import Testing

@testable import QuireCharts

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parse each chart's SVG, rebuild its scales from the tick labels alone, and
/// map the drawn marks back to the data they came from.
@Suite struct SVGInversionTests {
    @Test func lineVerticesInvertToTheRows() throws {
        let chart = try Fixtures.render("data: losses\nmark: line\nx: step\ny: loss\ncolor: run\n")
        let svg = try SVGInspector(chart.svg)
        let toStep = try svg.inverse("x-axis")
        let toLoss = try svg.inverse("y-axis")
        let paths = try svg.elements("//*[@class='line']")
        #expect(paths.map { SVGInspector.attribute($0, "data-series") } == ["base", "wide"])
        let table = Fixtures.losses
        let steps = table.column(named: "step")?.doubles ?? []
        let losses = table.column(named: "loss")?.doubles ?? []
        for (seriesIndex, path) in paths.enumerated() {
            let points = SVGInspector.points(SVGInspector.attribute(path, "d") ?? "").flatMap { $0 }
            #expect(points.count == 60)
            for (index, point) in points.enumerated() {
                let row = seriesIndex * 60 + index
                // 0.1 px of rounding is 0.1 / pixels-per-unit in data units.
                #expect(abs(toStep(point.0) - (steps[row] ?? 0)) < 30)
                #expect(abs(toLoss(point.1) - (losses[row] ?? 0)) < 0.01)
            }
        }
    }

    @Test func pointsInvertToTheRows() throws {
        let table = Fixtures.spiral(200)
        let chart = try Fixtures.render("data: spiral\nmark: point\nx: x\ny: y\n", tables: ["spiral": table])
        let svg = try SVGInspector(chart.svg)
        let toX = try svg.inverse("x-axis")
        let toY = try svg.inverse("y-axis")
        let dots = try svg.elements("//*[@class='points']").flatMap { SVGInspector.dots(SVGInspector.attribute($0, "d") ?? "") }
        let xs = table.column(named: "x")?.doubles ?? []
        let ys = table.column(named: "y")?.doubles ?? []
        // Dots sit on whole pixels: half a pixel is about 0.05 in data units here.
        #expect(dots.count <= 200 && dots.count > 150)
        for dot in dots {
            #expect(xs.indices.contains { abs(toX(dot.0) - (xs[$0] ?? 0)) < 0.06 && abs(toY(dot.1) - (ys[$0] ?? 0)) < 0.06 })
        }
        for row in xs.indices {
            #expect(dots.contains { abs(toX($0.0) - (xs[row] ?? 0)) < 0.06 && abs(toY($0.1) - (ys[row] ?? 0)) < 0.06 })
        }
    }

    @Test func groupedBarsInvertToValuesAndCategories() throws {
        let chart = try Fixtures.render("data: fruit\nmark: bar\nx: fruit\ny: sold\ncolor: year\n")
        let svg = try SVGInspector(chart.svg)
        let toSold = try svg.inverse("y-axis")
        let xTicks = try svg.ticks("x-axis")
        #expect(xTicks.map(\.label) == ["apple", "pear", "plum"])
        var found: [String: Double] = [:]
        for group in try svg.elements("//*[@class='bars']") {
            let year = SVGInspector.attribute(group, "data-series") ?? ""
            for rect in try group.nodes(forXPath: "*").compactMap({ $0 as? XMLElement }) {
                let x = Double(SVGInspector.attribute(rect, "x") ?? "") ?? .nan
                let width = Double(SVGInspector.attribute(rect, "width") ?? "") ?? .nan
                let top = Double(SVGInspector.attribute(rect, "y") ?? "") ?? .nan
                // The bar belongs to the category whose tick is nearest its centre.
                let fruit = xTicks.min { abs($0.pixel - (x + width / 2)) < abs($1.pixel - (x + width / 2)) }?.label ?? ""
                found["\(fruit) \(year)"] = toSold(top)
            }
        }
        let expected = ["apple 2023": 12.0, "pear 2023": 30, "plum 2023": 7, "apple 2024": 18, "pear 2024": 25, "plum 2024": 11]
        #expect(found.keys.sorted() == expected.keys.sorted())
        for (key, value) in expected { #expect(abs((found[key] ?? .nan) - value) < 0.05) }
    }

    @Test func stackedBarsSitOnEachOther() throws {
        let chart = try Fixtures.render("data: fruit\nmark: bar\nx: fruit\ny: sold\ncolor: year\nstack: true\n")
        let svg = try SVGInspector(chart.svg)
        let toSold = try svg.inverse("y-axis")
        let tops = try svg.elements("//*[@class='bars']/*").map { toSold(Double(SVGInspector.attribute($0, "y") ?? "") ?? .nan) }
        // 2023 bars first (12, 30, 7), then 2024 on top of them (12+18, 30+25, 7+11).
        let expected = [12.0, 30, 7, 30, 55, 18]
        #expect(tops.count == 6)
        for (top, value) in zip(tops, expected) { #expect(abs(top - value) < 0.1) }
    }

    @Test func sidewaysBarsInvertToValuesAndCategories() throws {
        let chart = try Fixtures.render("data: fruit\nmark: bar\nx: sold\ny: fruit\ncolor: year\nstack: true\n")
        let svg = try SVGInspector(chart.svg)
        let toSold = try svg.inverse("x-axis")
        let yTicks = try svg.ticks("y-axis")
        #expect(yTicks.map(\.label) == ["apple", "pear", "plum"])
        var ends: [String: Double] = [:]
        for group in try svg.elements("//*[@class='bars']") {
            let year = SVGInspector.attribute(group, "data-series") ?? ""
            for rect in try group.nodes(forXPath: "*").compactMap({ $0 as? XMLElement }) {
                let number = { (name: String) in Double(SVGInspector.attribute(rect, name) ?? "") ?? .nan }
                let middle = number("y") + number("height") / 2
                let fruit = yTicks.min { abs($0.pixel - middle) < abs($1.pixel - middle) }?.label ?? ""
                ends["\(fruit) \(year)"] = toSold(number("x") + number("width"))
            }
        }
        // 2024 stacked on 2023: ends at the running totals.
        let expected = ["apple 2023": 12.0, "pear 2023": 30, "plum 2023": 7, "apple 2024": 30, "pear 2024": 55, "plum 2024": 18]
        #expect(ends.keys.sorted() == expected.keys.sorted())
        for (key, value) in expected { #expect(abs((ends[key] ?? .nan) - value) < 0.1) }
    }

    @Test func stackedAreaTopsInvertToRunningTotals() throws {
        let chart = try Fixtures.render("data: losses\nmark: area\nx: step\ny: loss\ncolor: run\nstack: true\n")
        let svg = try SVGInspector(chart.svg)
        let toStep = try svg.inverse("x-axis")
        let toLoss = try svg.inverse("y-axis")
        let lines = try svg.elements("//*[@class='line']").map { SVGInspector.points(SVGInspector.attribute($0, "d") ?? "").flatMap { $0 } }
        let loss = Fixtures.losses.column(named: "loss")?.doubles ?? []
        #expect(lines.count == 2 && lines.allSatisfy { $0.count == 60 })
        for index in 0..<60 {
            #expect(abs(toStep(lines[1][index].0) - Double(index * 500)) < 30)
            // The second run's line is drawn at the sum of both runs.
            #expect(abs(toLoss(lines[1][index].1) - ((loss[index] ?? 0) + (loss[60 + index] ?? 0))) < 0.02)
        }
        #expect(try svg.elements("//*[@class='area']").count == 2)
    }

    @Test func textLabelsSitAtTheirValues() throws {
        let chart = try Fixtures.render("data: fruit\nmark: text\nx: year\ny: sold\ntext: fruit\n")
        let svg = try SVGInspector(chart.svg)
        let toSold = try svg.inverse("y-axis")
        let years = try svg.ticks("x-axis")
        let placed = try svg.elements("//*[@class='texts']/*").map { text -> String in
            let x = Double(SVGInspector.attribute(text, "x") ?? "") ?? .nan
            let y = Double(SVGInspector.attribute(text, "y") ?? "") ?? .nan
            let year = years.min { abs($0.pixel - x) < abs($1.pixel - x) }?.label ?? ""
            return "\(text.stringValue ?? "") \(year) \(Int(toSold(y).rounded()))"
        }
        #expect(placed == ["apple 2023 12", "pear 2023 30", "plum 2023 7", "apple 2024 18", "pear 2024 25", "plum 2024 11"])
    }

    @Test func logAxisInvertsInLogSpace() throws {
        let table = Table(columns: [Column(name: "n", doubles: [1, 2, 3, 4]), Column(name: "v", doubles: [0.01, 0.3, 7, 90])])
        let chart = try Fixtures.render("data: t\nmark: point\nx: n\ny: {field: v, scale: log}\n", tables: ["t": table])
        let svg = try SVGInspector(chart.svg)
        let ticks = try svg.ticks("y-axis")
        let first = try #require(ticks.first)
        let last = try #require(ticks.last)
        let (a, b) = (log10(SVGInspector.number(first.label) ?? .nan), log10(SVGInspector.number(last.label) ?? .nan))
        let dots = try svg.elements("//*[@class='points']").flatMap { SVGInspector.dots(SVGInspector.attribute($0, "d") ?? "") }
        let decadesPerPixel = abs((b - a) / (last.pixel - first.pixel))
        // Dots are drawn row by row, top first: the largest value comes first.
        let values = dots.map { a + ($0.1 - first.pixel) * (b - a) / (last.pixel - first.pixel) }.sorted()
        #expect(values.count == 4)
        for (value, expected) in zip(values, [0.01, 0.3, 7, 90]) { #expect(abs(value - log10(expected)) <= 0.5 * decadesPerPixel + 1e-3) }
    }

    @Test func heatmapHasOneCellPerRowOnItsBands() throws {
        let chart = try Fixtures.render("data: grid\nmark: rect\nx: head\ny: layer\ncolor: score\n")
        let svg = try SVGInspector(chart.svg)
        let xTicks = try svg.ticks("x-axis")
        let yTicks = try svg.ticks("y-axis")
        #expect(xTicks.map(\.label) == (0..<8).map { "h\($0)" })
        #expect(yTicks.map(\.label) == (0..<6).map { "L\($0)" })
        // Every cell is centred on one (x tick, y tick) pair, and every pair has a cell.
        var pairs: Set<String> = []
        for path in try svg.elements("//*[@class='cells']/*") {
            for cell in SVGInspector.points(SVGInspector.attribute(path, "d") ?? "") {
                let xs = cell.map(\.0)
                let ys = cell.map(\.1)
                let cx = ((xs.min() ?? 0) + (xs.max() ?? 0)) / 2
                let cy = ((ys.min() ?? 0) + (ys.max() ?? 0)) / 2
                let column = try #require(xTicks.first { abs($0.pixel - cx) < 0.2 }?.label)
                let row = try #require(yTicks.first { abs($0.pixel - cy) < 0.2 }?.label)
                pairs.insert("\(row) \(column)")
            }
        }
        #expect(pairs.count == 48)
        #expect(try svg.elements("//*[local-name()='linearGradient']").count == 1)
    }

    @Test func annotationSitsAtItsValue() throws {
        let chart = try Fixtures.render(
            "data: losses\nmark: line\nx: step\ny: loss\nannotations:\n  - {x: 12000, label: \"first off-cycle [brb]\"}\n  - {y: 1.5}\n")
        let svg = try SVGInspector(chart.svg)
        let toStep = try svg.inverse("x-axis")
        let toLoss = try svg.inverse("y-axis")
        let paths = try svg.elements("//*[@class='annotations']/*[local-name()='path']")
        #expect(paths.count == 2)
        let vertical = SVGInspector.points(SVGInspector.attribute(paths[0], "d") ?? "")[0]
        #expect(abs(toStep(vertical[0].0) - 12000) < 30)
        let horizontal = SVGInspector.points(SVGInspector.attribute(paths[1], "d") ?? "")[0]
        #expect(abs(toLoss(horizontal[0].1) - 1.5) < 0.01)
        #expect(try svg.elements("//*[@class='annotations']/*[local-name()='text']").first?.stringValue == "first off-cycle [brb]")
    }
}

@Suite struct TimeAxisInversionTests {
    /// Seconds since 1970 by Foundation's own Gregorian calendar, independent of the engine's date code.
    static func seconds(_ year: Int, _ month: Int, _ day: Int) throws -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let date = try #require(calendar.date(from: DateComponents(year: year, month: month, day: day)))
        return date.timeIntervalSince1970
    }

    @Test func dateVerticesInvertToTheirDays() throws {
        let days = [(2024, 1, 3), (2024, 2, 20), (2024, 4, 9), (2024, 6, 28)]
        let table = Table(columns: [
            Column(name: "day", strings: days.map { String(format: "%04d-%02d-%02d", $0.0, $0.1, $0.2) }),
            Column(name: "v", doubles: [1, 4, 2, 3]),
        ])
        let chart = try Fixtures.render("data: t\nmark: line\nx: day\ny: v\n", tables: ["t": table])
        let svg = try SVGInspector(chart.svg)
        let ticks = try svg.ticks("x-axis")
        // Month ticks fall on the first of each month.
        #expect(ticks.map(\.label) == ["Feb 2024", "Mar", "Apr", "May", "Jun"])
        let t0 = try Self.seconds(2024, 2, 1)
        let t1 = try Self.seconds(2024, 6, 1)
        let p0 = try #require(ticks.first?.pixel)
        let p1 = try #require(ticks.last?.pixel)
        let path = try #require(try svg.elements("//*[@class='line']").first)
        let points = SVGInspector.points(SVGInspector.attribute(path, "d") ?? "").flatMap { $0 }
        #expect(points.count == 4)
        for (point, day) in zip(points, days) {
            let seconds = t0 + (point.0 - p0) * (t1 - t0) / (p1 - p0)
            #expect(abs(seconds - (try Self.seconds(day.0, day.1, day.2))) < 86_400 / 2)
        }
    }
}
