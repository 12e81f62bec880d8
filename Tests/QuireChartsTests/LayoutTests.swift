import Foundation
import QuireData
import Testing

@testable import QuireCharts

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct LayoutTests {
    static func labels(_ count: Int, _ make: (Int) -> String) -> Table {
        Table(columns: [
            Column(name: "name", strings: (0..<count).map(make)), Column(name: "v", doubles: (0..<count).map { Double($0 % 7) }),
        ])
    }

    /// Horizontal x labels never overlap (by the same width estimate the layout uses).
    @Test(arguments: [3, 12, 40, 150])
    func bandLabelsAreThinnedOrTurned(_ count: Int) throws {
        for make in [{ (i: Int) in "c\(i)" }, { (i: Int) in "a rather long category \(i)" }] {
            let chart = try Fixtures.render("data: t\nmark: bar\nx: name\ny: v\n", tables: ["t": Self.labels(count, make)])
            let svg = try SVGInspector(chart.svg)
            let texts = try svg.elements("(//*[@class='panel'])[1]/*[@class='x-axis']/*[local-name()='text']")
            let rotated = texts.contains { SVGInspector.attribute($0, "transform") != nil }
            let positions = texts.compactMap { SVGInspector.attribute($0, "x").flatMap(Double.init) }
            let widths = texts.map { TextMetrics.width($0.stringValue ?? "") }
            #expect(!texts.isEmpty)
            for index in positions.indices.dropFirst() {
                let gap = positions[index] - positions[index - 1]
                if rotated {
                    #expect(gap >= 14, "rotated labels closer than a line: \(count)")
                } else {
                    #expect(gap >= (widths[index] + widths[index - 1]) / 2, "labels overlap with \(count) categories")
                }
            }
        }
    }

    @Test func legendSitsAboveThePlotAndNeverOnIt() throws {
        let names = (0..<9).map { "series number \($0)" }
        var runs: [String?] = []
        var xs: [Double?] = []
        var ys: [Double?] = []
        for (index, name) in names.enumerated() {
            for step in 0..<10 {
                runs.append(name)
                xs.append(Double(step))
                ys.append(Double(index * step))
            }
        }
        let table = Table(columns: [Column(name: "run", strings: runs), Column(name: "x", doubles: xs), Column(name: "y", doubles: ys)])
        let chart = try Fixtures.render("data: t\nmark: line\nx: x\ny: y\ncolor: run\n", tables: ["t": table])
        let svg = try SVGInspector(chart.svg)
        let dashes = try svg.elements("//*[@class='line']").map { SVGInspector.attribute($0, "stroke-dasharray") }
        #expect(dashes == Array(repeating: nil, count: 8) + ["5 3"])
        let legendTexts = try svg.elements("//*[@class='legend']/*[local-name()='text']")
        #expect(legendTexts.count == 10)
        let panel = try #require(try svg.elements("//*[@class='panel']").first)
        let transform = SVGInspector.attribute(panel, "transform") ?? ""
        let plotTop = Double(transform.split(separator: " ").last?.dropLast() ?? "") ?? 0
        for text in legendTexts {
            #expect((Double(SVGInspector.attribute(text, "y") ?? "") ?? .infinity) < plotTop)
        }
    }

    /// Ranges checked in Python: min/max of s*(0.3+3*exp(-500i/6000))+0.05*sin(i), s in (1, 0.8), i < 60 → 0.21454…, 3.3.
    @Test func descriptionSaysWhatTheChartShows() throws {
        let chart = try Fixtures.render(
            "data: losses\nmark: line\nx: step\ny: loss\ncolor: run\nannotations:\n  - {x: 12000, label: warmup ends}\n")
        #expect(
            chart.description
                == "A line chart of loss against step. step ranges from 0 to 29,500. loss ranges from 0.2145 to 3.3. 2 series: base and wide. 120 data rows. Marked at x = 12,000: warmup ends."
        )
        let alt = try Fixtures.render(
            "data: losses\nmark: line\nx: step\ny: loss\nalt: Loss falls.\ntitle: \"**Loss** of `loss_ewm`, see [log](x.html)\"\n")
        #expect(alt.title == "Loss of loss_ewm, see log")
        #expect(alt.description == "Loss falls.")
        #expect(alt.svg.contains("<desc id=\"t-desc\">Loss falls.</desc>"))
    }

    @Test func layersShareAxesAndTheCSVHoldsBothTables() throws {
        let yaml = """
            x: step
            layers:
              - {data: losses, mark: line, y: loss, color: run}
              - {data: marks, mark: rule, y: level, x: null}
            """
        let tables = ["losses": Fixtures.losses, "marks": Table(columns: [Column(name: "level", doubles: [0.5])])]
        let chart = try Fixtures.render(yaml, tables: tables)
        let svg = try SVGInspector(chart.svg)
        #expect(try svg.elements("//*[@class='line']").count == 2)
        #expect(try svg.elements("//*[@class='rule']").count == 1)
        let lines = CSVWriter.csv(for: try Fixtures.spec(yaml), tables: tables).split(separator: "\r\n")
        #expect(lines.first == "layer,step,loss,run,level")
        #expect(lines.count == 1 + 120 + 1)
        #expect(lines.last == "marks,,,,0.5")
    }

    @Test func facetsGetOnePanelPerValueInOrder() throws {
        let chart = try Fixtures.render("data: losses\nmark: line\nx: step\ny: loss\nfacet: {field: run, columns: 1}\n")
        let svg = try SVGInspector(chart.svg)
        #expect(try svg.elements("//*[@class='panel-title']").map { $0.stringValue ?? "" } == ["run = base", "run = wide"])
    }

    @Test func nearbyAnnotationLabelsStepDown() throws {
        let chart = try Fixtures.render(
            "data: losses\nmark: line\nx: step\ny: loss\nannotations:\n  - {x: 12000, label: first off-cycle}\n  - {x: 12500, label: second off-cycle}\n  - {x: 25000, label: far}\n"
        )
        let svg = try SVGInspector(chart.svg)
        let ys = try svg.elements("//*[@class='annotations']/*[local-name()='text']").compactMap {
            SVGInspector.attribute($0, "y").flatMap(Double.init)
        }
        #expect(ys == [10, 22, 10])
    }

    @Test func numericColourOnLinesIsSequentialWithAColourBar() throws {
        var layer: [Int64?] = []
        var x: [Double?] = []
        var y: [Double?] = []
        for l in 0..<4 {
            for step in 0..<5 {
                layer.append(Int64(l))
                x.append(Double(step))
                y.append(Double(l + step))
            }
        }
        let table = Table(columns: [Column(name: "layer", integers: layer), Column(name: "x", doubles: x), Column(name: "y", doubles: y)])
        let chart = try Fixtures.render("data: t\nmark: line\nx: x\ny: y\ncolor: layer\n", tables: ["t": table])
        let svg = try SVGInspector(chart.svg)
        let strokes = try svg.elements("//*[@class='line']").compactMap { SVGInspector.attribute($0, "stroke") }
        // Viridis at 0 and 1 (matplotlib's published end colours).
        #expect(strokes.count == 4 && strokes.first == "#440154" && strokes.last == "#fde725")
        #expect(try svg.elements("//*[@class='legend colorbar']").count == 1)
    }

    @Test func aLayerWithoutTheFacetColumnRepeatsInEveryPanel() throws {
        let tables = ["losses": Fixtures.losses, "target": Table(columns: [Column(name: "level", doubles: [0.5])])]
        let chart = try Fixtures.render(
            """
            x: step
            facet: run
            layers:
              - {data: losses, mark: line, y: loss}
              - {data: target, mark: rule, y: level, x: null}
            """, tables: tables)
        let svg = try SVGInspector(chart.svg)
        #expect(try svg.elements("//*[@class='panel']").count == 2)
        #expect(try svg.elements("//*[@class='rule']").count == 2)
    }

    @Test func tallHeatmapLabelsEveryFewRows() throws {
        var rows: [String?] = []
        var columns: [String?] = []
        var values: [Double?] = []
        for r in 0..<120 {
            for c in 0..<3 {
                rows.append("row \(r)")
                columns.append("c\(c)")
                values.append(Double(r * c))
            }
        }
        let table = Table(columns: [
            Column(name: "r", strings: rows), Column(name: "c", strings: columns), Column(name: "v", doubles: values),
        ])
        let chart = try Fixtures.render("data: t\nmark: rect\nx: c\ny: r\ncolor: v\n", tables: ["t": table])
        let ys = try SVGInspector(chart.svg).ticks("y-axis").map(\.pixel)
        #expect(ys.count > 5 && ys.count < 120)
        for index in ys.indices.dropFirst() { #expect(ys[index] - ys[index - 1] >= 12) }
    }

    @Test func axisTitlesAndFormatsComeFromTheLayerThatHasTheAxis() throws {
        let tables = ["losses": Fixtures.losses, "target": Table(columns: [Column(name: "level", doubles: [0.5])])]
        let chart = try Fixtures.render(
            """
            layers:
              - {data: target, mark: rule, y: level}
              - {data: losses, mark: line, x: {field: step, title: Training step}, y: loss}
            """, tables: tables)
        let svg = try SVGInspector(chart.svg)
        #expect(try svg.elements("//*[@class='x-title']").first?.stringValue == "Training step")
        #expect(try svg.ticks("x-axis").last?.label == "30k")
    }
}
