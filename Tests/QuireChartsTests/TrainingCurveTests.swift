import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireCharts

/// The keys training curves need (PRODUCT §3 ```chart: opacity, strokeDash,
/// y2, labels, log bounds, series colours), broken cases first.
@Suite struct TrainingCurveKeyTests {
    /// Loss with a band around it: loss_min = loss − 0.5, loss_max = loss + 0.5, by hand.
    static var banded: Table {
        let steps: [Int64?] = [0, 100, 200, 300]
        let loss: [Double?] = [4, 3, 2.5, 2]
        return Table(columns: [
            Column(name: "step", integers: steps), Column(name: "loss", doubles: loss),
            Column(name: "loss_min", doubles: loss.map { $0.map { $0 - 0.5 } }),
            Column(name: "loss_max", doubles: loss.map { $0.map { $0 + 0.5 } }),
        ])
    }

    static var tables: [String: Table] { Fixtures.tables.merging(["banded": banded]) { $1 } }

    // MARK: broken first

    @Test func opacityOutsideZeroToOneIsLocated() {
        let problems = Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\nopacity: 1.5\n")
        #expect(problems.map(\.message) == ["'opacity' must be between 0 and 1"])
        #expect(problems.first?.location == SourceLocation(path: Fixtures.body.path, line: 14, column: 10))
    }

    @Test func strokeDashOnBarsIsAnError() {
        let problems = Fixtures.problems("data: fruit\nmark: bar\nx: fruit\ny: sold\nstrokeDash: [4, 2]\n")
        #expect(problems.map(\.message) == ["'strokeDash' applies to lines and rules, not to a bar mark"])
        #expect(problems.first?.location.line == 14)
        let words = Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\nstrokeDash: [4, a]\n")
        #expect(words.map(\.message) == ["'strokeDash' must be a number"])
        #expect(words.first?.location.column == 17)
    }

    @Test func y2OutsideAnAreaIsAnError() {
        let problems = Fixtures.problems("data: banded\nmark: point\nx: step\ny: loss\ny2: loss_max\n", tables: Self.tables)
        #expect(problems.map(\.message) == ["'y2' draws a band and applies only to mark: area, not to a point mark"])
        #expect(problems.first?.location == SourceLocation(path: Fixtures.body.path, line: 14, column: 5))
        let missing = Fixtures.problems("data: banded\nmark: area\nx: step\ny: loss_min\ny2: loss_mx\n", tables: Self.tables)
        #expect(missing.map(\.message) == ["no column 'loss_mx' in table 'banded'"])
        #expect(missing.first?.hint == "did you mean 'loss_max'?")
    }

    @Test func unknownLabelIsLocatedWithTheSeriesNames() {
        let problems = Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\ncolor: run\nlabels: {bsae: \"base run\"}\n")
        #expect(problems.map(\.message) == ["no series 'bsae' in this chart's legend"])
        #expect(problems.first?.hint == "did you mean 'base'?")
        #expect(problems.first?.location == SourceLocation(path: Fixtures.body.path, line: 15, column: 10))
    }

    @Test func topLevelKeysThatLayersCannotUseAreErrors() {
        // strokeDash written beside layers reaches a bar layer that cannot use it.
        let problems = Fixtures.problems("strokeDash: [2, 2]\nlayers:\n  - {data: fruit, mark: bar, x: fruit, y: sold}\n")
        #expect(problems.map(\.message) == ["'strokeDash' applies to lines and rules, not to a bar mark"])
        #expect(problems.first?.location.line == 10)
    }

    // MARK: working

    @Test func opacityFadesTheLayerItIsWrittenOn() throws {
        let svg = try Fixtures.render(
            """
            data: losses
            x: step
            y: loss
            layers:
              - {mark: line, opacity: 0.3}
              - {mark: line, strokeDash: [4, 2]}
            """
        ).svg
        let inspector = try SVGInspector(svg)
        let faded = try inspector.elements("//*[@class='marks']/*[local-name()='g'][@opacity]")
        #expect(faded.map { SVGInspector.attribute($0, "opacity") } == ["0.3"])
        #expect(try inspector.elements("//*[@class='marks']/*[local-name()='g'][@opacity]/*[@class='line']").count == 1)
        let lines = try inspector.elements("//*[local-name()='path'][@class='line']")
        #expect(lines.map { SVGInspector.attribute($0, "stroke-dasharray") } == [nil, "4 2"])
    }

    @Test func chartOpacityReachesEveryLayer() throws {
        let svg = try Fixtures.render("data: losses\nmark: line\nx: step\ny: loss\nopacity: 0.5\n").svg
        let groups = try SVGInspector(svg).elements("//*[@class='marks']/*[local-name()='g'][@opacity]")
        #expect(groups.map { SVGInspector.attribute($0, "opacity") } == ["0.5"])
    }

    @Test func y2ShadesTheBandBetweenTwoColumns() throws {
        let svg = try Fixtures.render("data: banded\nmark: area\nx: step\ny: loss_min\ny2: loss_max\n", tables: Self.tables).svg
        let inspector = try SVGInspector(svg)
        let area = try #require(try inspector.elements("//*[local-name()='path'][@class='area']").first)
        let outline = try #require(SVGInspector.points(SVGInspector.attribute(area, "d") ?? "").first)
        let toY = try inspector.inverse("y-axis")
        let values = outline.map { toY($0.1) }
        // From loss_max at step 0, out along loss_min, back along loss_max reversed (the table above).
        let expected = [4.5, 3.5, 2.5, 2, 1.5, 2.5, 3, 3.5, 4.5]
        #expect(values.count == expected.count)
        for (value, want) in zip(values, expected) { #expect(abs(value - want) < 0.02) }
        // The band does not stretch the axis to zero as a plain area would.
        let ticks = try inspector.ticks("y-axis").compactMap { SVGInspector.number($0.label) }
        #expect((ticks.min() ?? 0) >= 1)
    }

    @Test func labelsRenameLegendEntriesOnly() throws {
        let svg = try Fixtures.render("data: losses\nmark: line\nx: step\ny: loss\ncolor: run\nlabels: {base: \"base run\"}\n").svg
        let inspector = try SVGInspector(svg)
        let legend = try inspector.elements("//*[contains(@class,'legend')]//*[local-name()='text']").map { $0.stringValue ?? "" }
        #expect(legend.contains("base run"))
        #expect(legend.contains("wide"))
        #expect(!legend.contains("base"))
    }

    /// Data 2.2–10.6: the nearest 1-2-5 values outside are 2 and 20 (PRODUCT §3's own example).
    @Test func logAxisBoundsHugTheData() throws {
        let table = Table(columns: [Column(name: "x", doubles: [1, 2, 3]), Column(name: "v", doubles: [2.2, 5, 10.6])])
        let svg = try Fixtures.render("data: t\nmark: line\nx: x\ny: {field: v, scale: log}\n", tables: ["t": table]).svg
        let labels = try SVGInspector(svg).ticks("y-axis").map(\.label)
        #expect(labels == ["2", "5", "10", "20"])
        #expect(ContinuousScale.niceDomain(kind: .log, 2.2, 10.6, count: 5) == (2, 20))
        #expect(ContinuousScale.niceDomain(kind: .log, 0.013, 0.04, count: 5) == (0.01, 0.05))
        #expect(ContinuousScale.niceDomain(kind: .log, 3, 3, count: 5) == (2, 5))
    }

    @Test func topLevelDomainIsHonouredByLayers() throws {
        let svg = try Fixtures.render(
            """
            data: losses
            x: step
            y: {field: loss, domain: [0, 10]}
            layers:
              - {mark: line, y: loss}
              - {mark: point}
            """
        ).svg
        let labels = try SVGInspector(svg).ticks("y-axis").compactMap { SVGInspector.number($0.label) }
        #expect(labels.first == 0)
        #expect(labels.last == 10)
    }

    @Test func aSeriesKeepsItsColourAcrossChartsOfAPost() throws {
        let runs = Table(columns: [
            Column(name: "step", integers: [0, 1, 0, 1, 0, 1]), Column(name: "v", doubles: [1, 2, 3, 4, 5, 6]),
            Column(name: "run", strings: ["a", "a", "lr3e-4", "lr3e-4", "c", "c"]),
        ])
        let few = Table(columns: [
            Column(name: "step", integers: [0, 1, 0, 1]), Column(name: "v", doubles: [1, 2, 3, 4]),
            Column(name: "run", strings: ["lr3e-4", "lr3e-4", "d", "d"]),
        ])
        let palette = SeriesPalette()
        func colours(_ table: Table) throws -> [String: String] {
            let spec = try Fixtures.spec("data: t\nmark: line\nx: step\ny: v\ncolor: run\n")
            let svg = try ChartRenderer(idPrefix: "p", palette: palette).render(spec, tables: ["t": table]).svg
            var result: [String: String] = [:]
            for line in try SVGInspector(svg).elements("//*[local-name()='path'][@class='line']") {
                result[SVGInspector.attribute(line, "data-series") ?? ""] = SVGInspector.attribute(line, "stroke")
            }
            return result
        }
        let first = try colours(runs)
        let second = try colours(few)
        #expect(first["lr3e-4"] == ChartColors.series(1))
        #expect(second["lr3e-4"] == first["lr3e-4"])
        // A name first seen in the second chart takes the next free slot.
        #expect(second["d"] == ChartColors.series(3))
    }
}
