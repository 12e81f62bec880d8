import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import QuireData
import Testing
@testable import QuireCharts

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
}
