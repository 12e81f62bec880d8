import Foundation
import QuireData
import Testing

@testable import QuireCharts

/// Odd data must give a chart or a located error, never a crash or a hang.
@Suite struct EdgeCaseTests {
    static let oddTables: [(String, Table)] = [
        ("empty", Table(columns: [Column(name: "a", doubles: []), Column(name: "b", doubles: []), Column(name: "c", strings: [])])),
        (
            "nulls",
            Table(columns: [
                Column(name: "a", doubles: [nil, nil]), Column(name: "b", doubles: [nil, 1]), Column(name: "c", strings: [nil, nil]),
            ])
        ),
        ("one", Table(columns: [Column(name: "a", doubles: [3]), Column(name: "b", doubles: [3]), Column(name: "c", strings: ["x"])])),
        (
            "flat",
            Table(columns: [
                Column(name: "a", doubles: [1, 2, 3]), Column(name: "b", doubles: [0, 0, 0]), Column(name: "c", strings: ["x", "y", "x"]),
            ])
        ),
        (
            "wild",
            Table(columns: [
                Column(name: "a", doubles: [-1e300, .nan, 1e300, .infinity]),
                Column(name: "b", doubles: [1e-300, -.infinity, .leastNonzeroMagnitude, 1]),
                Column(name: "c", strings: ["", "\u{0}", "&", "<"]),
            ])
        ),
        (
            "tiny",
            Table(columns: [
                Column(name: "a", doubles: [1e-9, 2e-9]), Column(name: "b", doubles: [0.0001, 0.0002]),
                Column(name: "c", strings: ["p", "q"]),
            ])
        ),
    ]

    @Test(arguments: MarkKind.allCases)
    func everyMarkSurvivesOddData(_ mark: MarkKind) throws {
        for (name, table) in Self.oddTables {
            let extra = mark == .text ? "text: c\n" : ""
            for color in ["", "color: c\n", "color: b\n", "color: {field: b, scheme: cyclic}\n"] {
                let yaml = "data: t\nmark: \(mark.rawValue)\nx: a\ny: b\n\(extra)\(color)facet: c\nannotations:\n  - {x: 2, label: here}\n"
                do {
                    let chart = try Fixtures.render(yaml, tables: ["t": table])
                    _ = try SVGInspector(chart.svg)
                    _ = try SVGInspector(chart.standaloneSVG)
                } catch let error as NSError where error.domain.contains("XML") {
                    Issue.record("\(mark) on \(name) with '\(color)' gave SVG that does not parse: \(error)")
                } catch {
                    // A diagnostic is an acceptable answer; check that it is one.
                    let diagnostics = error.diagnostics(orAt: Fixtures.body)
                    #expect(diagnostics.allSatisfy { $0.location.path == Fixtures.body.path }, "\(mark) \(name): \(error)")
                }
            }
        }
    }

    @Test func tinySizesAndTimeAxes() throws {
        let table = Table(columns: [
            Column(name: "day", strings: ["2024-01-01", "2024-02-15", "2024-06-30", nil]),
            Column(name: "v", doubles: [1, 3, 2, 4]),
        ])
        let chart = try Fixtures.render("data: t\nmark: line\nx: day\ny: v\nwidth: 40\nheight: 30\n", tables: ["t": table])
        _ = try SVGInspector(chart.svg)
        let wide = try Fixtures.render("data: t\nmark: line\nx: day\ny: v\n", tables: ["t": table])
        #expect(try SVGInspector(wide.svg).ticks("x-axis").map(\.label) == ["Jan 2024", "Feb", "Mar", "Apr", "May", "Jun"])
        #expect(wide.description.contains("day runs from 2024-01-01 to 2024-06-30."))
    }

    /// 2024-02-31 once rolled over to 2 March and 2023-02-29 to 1 March; "soon"
    /// on an axis declared temporal vanished. Each is now the chart's error.
    @Test func impossibleDatesOnATimeAxisAreErrorsNamingTheCell() {
        let table = Table(columns: [
            Column(name: "day", strings: ["2024-01-01", "2024-02-31", "2024-03-01", "2023-02-29", nil]),
            Column(name: "when", strings: ["2024-01-01", "soon", "2024-03-01", "2024-04-01", "2024-05-01"]),
            Column(name: "v", doubles: [1, 2, 3, 4, 5]),
        ])
        let problems = Fixtures.problems("data: t\nmark: line\nx: day\ny: v\n", tables: ["t": table])
        #expect(
            problems.map(\.message) == [
                "column 'day' of 't', row 2: '2024-02-31' is not a real date (February 2024 has 29 days) (and 1 more)"
            ])
        #expect(problems.first?.location.line == 12, "the line of `x: day`: the body starts at line 10")
        let declared = Fixtures.problems("data: t\nmark: line\nx: {field: when, scale: time}\ny: v\n", tables: ["t": table])
        #expect(declared.map(\.message) == ["column 'when' of 't', row 2: 'soon' is not an ISO 8601 date"])
        let clean = Table(columns: [Column(name: "day", strings: ["2024-01-01", "2024-06-01"]), Column(name: "v", doubles: [1, 2])])
        let annotated = Fixtures.problems(
            "data: t\nmark: line\nx: day\ny: v\nannotations:\n  - {x: \"2024-04-31\", label: launch}\n", tables: ["t": clean])
        #expect(annotated.map(\.message) == ["annotation position '2024-04-31' is not a real date (April 2024 has 30 days)"])
    }

    @Test func tooManyColourCategoriesIsAnError() {
        let count = 500
        let table = Table(columns: [
            Column(name: "x", doubles: (0..<count).map(Double.init)), Column(name: "id", strings: (0..<count).map { "id\($0)" }),
        ])
        let problems = Fixtures.problems("data: t\nmark: line\nx: x\ny: x\ncolor: id\n", tables: ["t": table])
        #expect(problems.first?.message == "colour column 'id' has 500 different values; at most 100 categories can be told apart")
    }
}
