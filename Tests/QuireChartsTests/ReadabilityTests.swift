import Foundation
import QuireData
import Testing

@testable import QuireCharts

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Follow-ups the flagship site found: colours, labels and text that must
/// stay readable on both themes and on a phone.
@Suite struct ReadabilityTests {
    static var words: Table {
        let names = ["test", "step", "this", "could", "model", "explain", "gradient", "value"]
        return Table(columns: [
            Column(name: "word", strings: names),
            Column(name: "position", doubles: names.indices.map { Double($0) }),
            Column(name: "line", doubles: names.indices.map { Double($0 % 2) }),
            Column(name: "phase", doubles: names.indices.map { Double($0) / Double(names.count) }),
        ])
    }

    @Test func cyclicWordsCarryALightAndADarkTone() throws {
        let yaml = "data: words\nmark: text\nx: position\ny: line\ntext: word\ncolor: {field: phase, scheme: cyclic, domain: [0, 1]}\n"
        let chart = try Fixtures.render(yaml, tables: ["words": Self.words], prefix: "w")
        for svg in [chart.svg, chart.standaloneSVG] {
            let inspector = try SVGInspector(svg)
            let texts = try inspector.elements("//*[@class='texts']/*[local-name()='text']")
            #expect(texts.count == 8)
            for (index, text) in texts.enumerated() {
                let t = Double(index) / 8
                #expect(SVGInspector.attribute(text, "class") == "tone")
                #expect(SVGInspector.attribute(text, "fill") == Palettes.cyclicText(t, dark: false).hex)
                #expect(SVGInspector.attribute(text, "style") == "--chart-dark-fill:\(Palettes.cyclicText(t, dark: true).hex)")
            }
            #expect(svg.contains("@media (prefers-color-scheme: dark){#w-svg .tone{fill:var(--chart-dark-fill)}}"))
        }
    }

    @Test func chartsWithoutTonedMarksCarryNoToneRule() throws {
        let chart = try Fixtures.render("data: spiral\nmark: point\nx: x\ny: y\ncolor: {field: phase, scheme: cyclic}\n")
        #expect(!chart.svg.contains("<style>"))
        #expect(!chart.standaloneSVG.contains(".tone"))
    }

    /// Annotation label boxes from the drawn SVG: (left, baseline, width) in panel pixels.
    static func annotationBoxes(_ svg: String) throws -> [(left: Double, y: Double, width: Double, text: String)] {
        let inspector = try SVGInspector(svg)
        return try inspector.elements("(//*[@class='panel'])[1]/*[@class='annotations']/*[local-name()='text']").map { text in
            let label = text.stringValue ?? ""
            let width = TextMetrics.width(label, size: 10)
            let x = SVGInspector.attribute(text, "x").flatMap(Double.init) ?? .nan
            let left = SVGInspector.attribute(text, "text-anchor") == "end" ? x - width : x
            return (left, SVGInspector.attribute(text, "y").flatMap(Double.init) ?? .nan, width, label)
        }
    }

    static func panelSize(_ svg: String) throws -> (width: Double, height: Double) {
        let inspector = try SVGInspector(svg)
        let rect = try #require(try inspector.elements("//*[local-name()='clipPath']/*[local-name()='rect']").first)
        return (
            (SVGInspector.attribute(rect, "width").flatMap(Double.init) ?? 0) - 8,
            (SVGInspector.attribute(rect, "height").flatMap(Double.init) ?? 0) - 8
        )
    }

    static func annotated(_ marks: [(Double, String)], width: Int = 640) -> String {
        "data: losses\nmark: line\nx: step\ny: loss\nwidth: \(width)\nannotations:\n"
            + marks.map { "  - {x: \(Int($0.0)), label: \"\($0.1)\"}\n" }.joined()
    }

    @Test(arguments: [
        [(17000.0, "cadence every 250 steps"), (17600, "first off-cycle brb"), (18200, "first concise reply")],
        [(28000.0, "near the right edge of the plot"), (28500, "and another one"), (29000, "third")],
        [(0.0, "at the very start"), (300, "right after it"), (600, "and again")],
        [(10000.0, "a"), (10001, "b"), (10002, "c"), (10003, "d"), (10004, "e"), (10005, "f"), (10006, "g")],
    ])
    func annotationLabelsNeverOverlapOrLeaveThePlot(_ marks: [(Double, String)]) throws {
        for width in [640, 320] {
            let chart = try Fixtures.render(Self.annotated(marks, width: width))
            let boxes = try Self.annotationBoxes(chart.svg)
            let panel = try Self.panelSize(chart.svg)
            #expect(!boxes.isEmpty)
            for (index, box) in boxes.enumerated() {
                #expect(box.left >= 0 && box.left + box.width <= panel.width + 0.01, "'\(box.text)' leaves the plot sideways at \(width)")
                #expect(box.y - 9 >= 0 && box.y <= panel.height, "'\(box.text)' leaves the plot vertically at \(width)")
                for other in boxes[..<index] {
                    let apart = abs(box.y - other.y) >= 11.5 || box.left >= other.left + other.width || other.left >= box.left + box.width
                    #expect(apart, "'\(box.text)' overprints '\(other.text)' at \(width)")
                }
            }
        }
    }

    @Test func crowdedLabelsBecomeNumbersListedInTheCaption() throws {
        let marks = (0..<10).map { (Double(10000 + $0), "event number \($0 + 1) with a long name") }
        let chart = try Fixtures.render(Self.annotated(marks))
        let boxes = try Self.annotationBoxes(chart.svg)
        #expect(boxes.map(\.text).allSatisfy { Int($0) != nil })
        #expect(chart.notes.last == "Marked: " + (1...10).map { "\($0) event number \($0) with a long name" }.joined(separator: "; ") + ".")
        // Spread-out labels keep their words and add no note.
        let spread = try Fixtures.render(Self.annotated([(5000, "warm-up ends"), (20000, "decay")]))
        #expect(try Self.annotationBoxes(spread.svg).map(\.text) == ["warm-up ends", "decay"])
        #expect(spread.notes.allSatisfy { !$0.hasPrefix("Marked") })
    }

    @Test(arguments: ["belief", "a much longer legend title", "W"])
    func legendTitleLeavesRoomBeforeItsFirstEntry(_ title: String) throws {
        let chart = try Fixtures.render("data: losses\nmark: line\nx: step\ny: loss\ncolor: {field: run, title: \"\(title)\"}\n")
        let inspector = try SVGInspector(chart.svg)
        let legend = try inspector.elements("//*[@class='legend']/*")
        let titleElement = try #require(legend.first { SVGInspector.attribute($0, "font-weight") == "600" })
        #expect(titleElement.stringValue == title)
        let titleLeft = try #require(SVGInspector.attribute(titleElement, "x").flatMap(Double.init))
        // The first swatch is a path "M<x> <y>h12" for lines.
        let swatch = try #require(legend.first { $0.name == "path" })
        let d = SVGInspector.attribute(swatch, "d") ?? ""
        let swatchLeft = try #require(Double(d.dropFirst().prefix { $0 != " " }))
        // Bold text measured 10% over the regular estimate, plus at least 14 px of air.
        #expect(swatchLeft - titleLeft >= TextMetrics.width(title) * 1.1 + 14)
    }

    static func runs(_ names: [String]) -> Table {
        var steps: [Double?] = []
        var loss: [Double?] = []
        var runs: [String?] = []
        for (index, run) in names.enumerated() {
            for step in 0..<20 {
                steps.append(Double(step * 100))
                loss.append(Double(index + 1) / Double(step + 1))
                runs.append(run)
            }
        }
        return Table(columns: [
            Column(name: "step", doubles: steps), Column(name: "loss", doubles: loss), Column(name: "run", strings: runs),
        ])
    }

    /// Panels that label x, in order; shared scales need labels only under each column's last panel.
    @Test(arguments: [
        (["a", "b", "c", "d"], 2, [false, false, true, true]),
        (["a", "b", "c"], 2, [false, true, true]),
        (["a", "b", "c", "d"], 4, [true, true, true, true]),
        (["a", "b", "c"], 1, [false, false, true]),
    ])
    func facetXLabelsOnlyOnTheBottomRow(_ runs: [String], _ columns: Int, _ expected: [Bool]) throws {
        let chart = try Fixtures.render(
            "data: runs\nmark: line\nx: step\ny: loss\nfacet: {field: run, columns: \(columns)}\n", tables: ["runs": Self.runs(runs)])
        let inspector = try SVGInspector(chart.svg)
        let panels = try inspector.elements("//*[@class='panel']")
        #expect(panels.count == runs.count)
        let labelled = try panels.indices.map { index in
            try !inspector.elements("(//*[@class='panel'])[\(index + 1)]/*[@class='x-axis']/*[local-name()='text']").isEmpty
        }
        #expect(labelled == expected)
        // Every panel still has its axis line and ticks.
        #expect(try inspector.elements("//*[@class='x-axis']/*[local-name()='path']").count == runs.count)
    }

    /// On the 360-unit phone layout the colour wheel must leave the plot most of the width.
    @Test func phoneLayoutWheelLeavesRoomForThePlot() throws {
        let spec = try Fixtures.spec("data: spiral\nmark: point\nx: x\ny: y\ncolor: {field: phase, scheme: cyclic}\n")
        let narrow = try #require(spec.narrowLayout)
        #expect(narrow.width == 360)
        let chart = try ChartRenderer(idPrefix: "p").render(narrow, tables: Fixtures.tables)
        let panel = try Self.panelSize(chart.svg)
        #expect(panel.width >= 0.5 * 360)  // 163 with the full-size wheel
        // The wheel's labels still fit inside the chart on the right.
        let inspector = try SVGInspector(chart.svg)
        let wheel = try #require(try inspector.elements("//*[@class='legend wheel']").first)
        let transform = SVGInspector.attribute(wheel, "transform") ?? ""
        let cx = try #require(Double(transform.dropFirst("translate(".count).prefix { $0 != " " }))
        let rightLabel = try #require(
            try inspector.elements("//*[@class='legend wheel']/*[local-name()='text'][@text-anchor='start']").first)
        let labelX = try #require(SVGInspector.attribute(rightLabel, "x").flatMap(Double.init))
        #expect(cx + labelX + TextMetrics.width(rightLabel.stringValue ?? "", size: 10) <= 360)
    }

    @Test(arguments: [640.0, 360.0])
    func colourBarTitleStaysInsideTheChart(_ width: Double) throws {
        var spec = try Fixtures.spec("data: grid\nmark: rect\nx: head\ny: layer\ncolor: {field: score, title: coherence}\n")
        spec.width = width
        let chart = try ChartRenderer(idPrefix: "b").render(spec, tables: Fixtures.tables)
        let inspector = try SVGInspector(chart.svg)
        let bar = try #require(try inspector.elements("//*[@class='legend colorbar']").first)
        let x = try #require(Double((SVGInspector.attribute(bar, "transform") ?? "").dropFirst("translate(".count).prefix { $0 != " " }))
        #expect(x + TextMetrics.width("coherence") * 1.1 <= width - 4)
    }

    @Test(arguments: [640.0, 360.0])
    func legendEntriesStayInsideTheChart(_ width: Double) throws {
        var spec = try Fixtures.spec("data: runs\nmark: line\nx: step\ny: loss\ncolor: {field: run, title: belief}\n")
        spec.width = width
        let names = ["you (p = 0.60)", "your colleague (p = 0.52)", "a third, more sceptical colleague"]
        // Growth rates as in the Kelly post: y labels like "−0.08" push the plot right.
        var steps: [Double?] = []
        var growth: [Double?] = []
        var runs: [String?] = []
        for (index, name) in names.enumerated() {
            for step in 0..<20 {
                steps.append(Double(step))
                growth.append(0.04 - 0.006 * Double(step * (index + 1)) / 3)
                runs.append(name)
            }
        }
        let table = Table(columns: [
            Column(name: "step", doubles: steps), Column(name: "loss", doubles: growth), Column(name: "run", strings: runs),
        ])
        let chart = try ChartRenderer(idPrefix: "l").render(spec, tables: ["runs": table])
        let inspector = try SVGInspector(chart.svg)
        let texts = try inspector.elements("//*[@class='legend']/*[local-name()='text'][not(@font-weight)]")
        #expect(texts.map(\.stringValue) == names)
        for text in texts {
            let x = try #require(SVGInspector.attribute(text, "x").flatMap(Double.init))
            #expect(
                x + TextMetrics.width(text.stringValue ?? "") <= width - 2, "'\(text.stringValue ?? "")' runs off a \(width)-wide chart")
        }
    }
}
