import QuireData
import QuireDiagnostics
import Testing

@testable import QuireCharts

/// Broken specs first: each problem must point at its own line and column.
@Suite struct SpecParserErrorTests {
    // Body line n sits at post line 10 + n - 1.
    @Test func unknownKeyIsLocatedAndListsAcceptedKeys() {
        let problems = Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\ncolour: run\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message == "unknown key 'colour' in the chart")
        #expect(problems.first?.location == SourceLocation(path: Fixtures.body.path, line: 14, column: 1))
        #expect(problems.first?.hint == "did you mean 'color'?")

        let far = Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\nzzqqxx: 3\n")
        #expect(far.first?.hint?.hasPrefix("accepted keys: data, mark, x, y, color") == true)
    }

    @Test func unknownMarkSuggestsTheNearestOne() {
        let problems = Fixtures.problems("data: losses\nmark: lines\nx: step\ny: loss\n")
        #expect(problems.map(\.message) == ["unknown mark 'lines'"])
        #expect(problems.first?.hint == "did you mean 'line'?")
        #expect(problems.first?.location.line == 11)
        #expect(problems.first?.location.column == 7)
    }

    @Test func unknownColumnsAreAllReportedWithDidYouMean() {
        let problems = Fixtures.problems("data: losses\nmark: line\nx: stepp\ny: [loss, lss]\ncolor: runn\n")
        #expect(
            problems.map(\.message) == [
                "no column 'lss' in table 'losses'",
                "no column 'stepp' in table 'losses'",
                "no column 'runn' in table 'losses'",
            ])
        #expect(problems.map(\.hint) == ["did you mean 'loss'?", "did you mean 'step'?", "did you mean 'run'?"])
        #expect(problems.map(\.location.line) == [13, 12, 14])
        #expect(problems[0].location.column == 11)
    }

    @Test func wrongTypesSayWhatIsExpected() {
        let problems = Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\nwidth: wide\nstack: maybe\nmax_points: 2.5\n")
        #expect(
            problems.map(\.message) == ["'width' must be a number", "'stack' must be true or false", "'max_points' must be a whole number"])
        #expect(problems.map(\.location.line) == [14, 15, 16])
    }

    @Test func textWhereNumbersAreNeeded() {
        let problems = Fixtures.problems("data: losses\nmark: line\nx: step\ny: run\n")
        #expect(problems.first?.message == "column 'run' of 'losses' holds text, but a line needs numbers here")
        #expect(problems.first?.location.line == 13)
    }

    @Test func invalidYAMLIsLocated() {
        let problems = Fixtures.problems("data: losses\nmark: [line\nx: step\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("invalid YAML: ") == true)
        #expect((problems.first?.location.line ?? 0) >= 11)
    }

    @Test func missingPartsAndShapes() {
        #expect(Fixtures.problems("").first?.message == "the chart is empty")
        #expect(Fixtures.problems("- a\n- b\n").first?.message == "the chart must be a mapping of keys to values")
        #expect(Fixtures.problems("mark: line\nx: step\ny: loss\n").first?.message == "the chart needs 'data': the name of a table")
        #expect(Fixtures.problems("data: losses\nx: step\ny: loss\n").first?.message == "the chart needs 'mark'")
        #expect(Fixtures.problems("data: losses\nmark: line\ny: loss\n").first?.message == "a line chart needs 'x'")
        #expect(
            Fixtures.problems("data: losses\nmark: text\nx: step\ny: loss\n").first?.message
                == "a text mark needs 'text': the column holding the labels")
        #expect(
            Fixtures.problems("data: losses\nmark: line\nx: {scale: log}\ny: loss\n").first?.message
                == "'x' needs 'field': the column to show")
        #expect(
            Fixtures.problems("data: losses\nmark: line\nx: {field: step, scale: logarithmic}\ny: loss\n").first?.hint
                == "one of: linear, log, time, band")
        #expect(
            Fixtures.problems("data: losses\nmark: line\nx: step\ny: {field: loss, format: \"%%q\"}\n").first?.message
                == "'%%q' is not a number format")
        #expect(
            Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\nannotations: {x: 3}\n").first?.message.hasPrefix(
                "'annotations' must be a list") == true)
        #expect(Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\nannotations:\n  - {label: hi}\n").first?.location.line == 15)
        #expect(
            Fixtures.problems("data: losses\nmark: line\nx: step\ny: loss\nlayers: []\n").first?.message.hasPrefix(
                "'layers' must be a list") == true)
    }

    @Test func logScaleRejectsValuesAtOrBelowZero() {
        let table = Table(columns: [Column(name: "a", doubles: [1, 2, 3]), Column(name: "b", doubles: [1, 0, 5])])
        let problems = Fixtures.problems("data: t\nmark: point\nx: a\ny: {field: b, scale: log}\n", tables: ["t": table])
        #expect(problems.first?.message == "a log scale needs values above 0, but 'b' has 0 or less")
        #expect(problems.first?.location.line == 13)
    }

    @Test func cyclicColourNeedsNumbers() {
        let problems = Fixtures.problems("data: losses\nmark: point\nx: step\ny: loss\ncolor: {field: run, scheme: cyclic}\n")
        #expect(problems.first?.message == "a cyclic colour scheme needs a numeric column; 'run' holds text")
    }
}

@Suite struct SpecParserTests {
    @Test func readsEveryKey() throws {
        let spec = try Fixtures.spec(
            """
            data: losses
            mark: line
            x: {field: step, title: Step, scale: log, format: ".2s"}
            y: [loss, loss_ewm]
            color: {field: phase, scheme: cyclic}
            size: n
            stack: true
            facet: {field: layer, columns: 4}
            annotations:
              - {x: 28_000, label: "first architecture talk"}
              - {y: 0.5}
            title: Loss
            caption: "*all* runs"
            width: 500
            aspect: 2
            alt: Words
            max_points: 5000
            """)
        let layer = try #require(spec.layers.first)
        #expect(layer.mark == .line)
        #expect(layer.x?.field == "step" && layer.x?.scale == .log && layer.x?.title == "Step" && layer.x?.format == ".2s")
        #expect(layer.y.map(\.field) == ["loss", "loss_ewm"])
        #expect(layer.color?.scheme == .cyclic && layer.color?.field.field == "phase")
        #expect(layer.size?.field == "n" && layer.stack)
        #expect(spec.facet?.columns == 4 && spec.facet?.field.field == "layer")
        #expect(spec.annotations.map(\.x) == [.number(28000), nil])
        #expect(spec.annotations.map(\.y) == [nil, .number(0.5)])
        #expect(spec.annotations.first?.label == "first architecture talk")
        #expect(spec.title == "Loss" && spec.caption == "*all* runs" && spec.alt == "Words")
        #expect(spec.width == 500 && spec.height == 250 && spec.maxPoints == 5000)
    }

    @Test func layersInheritTheChartsEncodings() throws {
        let spec = try Fixtures.spec(
            """
            data: losses
            x: step
            y: loss
            layers:
              - {mark: line}
              - {mark: point, y: loss, color: run}
              - {mark: rule, data: fruit, y: sold, x: null}
            """)
        #expect(spec.layers.map(\.mark) == [.line, .point, .rule])
        #expect(spec.layers.map(\.data) == ["losses", "losses", "fruit"])
        #expect(spec.layers[1].color?.field.field == "run")
        #expect(spec.tableNames == ["losses", "fruit"])
    }

    @Test func typeMapsToScale() throws {
        let spec = try Fixtures.spec("data: t\nmark: point\nx: {field: day, type: temporal}\ny: {field: v, type: ordinal}\n")
        #expect(spec.layers[0].x?.scale == .time)
        #expect(spec.layers[0].y.first?.scale == .band)
    }
}

/// Chart bodies follow the one YAML policy (see YAMLNode), like every other body.
@Suite struct ChartYAMLPolicyTests {
    let base = "data: losses\nmark: line\nx: step\ny: loss\n"

    @Test func plainBooleanWordsOnlyQuotedIsText() throws {
        #expect(try Fixtures.spec("data: losses\nmark: bar\nx: run\ny: loss\nstack: yes\n").layers.first?.stack == true)
        #expect(try Fixtures.spec("data: losses\nmark: bar\nx: run\ny: loss\nstack: OFF\n").layers.first?.stack == false)
        // Before: any quoted word was read as a boolean too.
        let quoted = Fixtures.problems("data: losses\nmark: bar\nx: run\ny: loss\nstack: \"true\"\n")
        #expect(quoted.first?.message == "'stack' must be true or false")
        #expect(quoted.first?.location == SourceLocation(path: Fixtures.body.path, line: 14, column: 8))
    }

    @Test func decimalNumbersOnly() throws {
        #expect(try Fixtures.spec(base + "width: 1e3\n").width == 1000)
        #expect(try Fixtures.spec(base + "width: \"500\"\n").width == 500)
        #expect(try Fixtures.spec(base + "max_points: 1_000\n").maxPoints == 1000)
        // Before: Swift's Double read `0x10` as 16.
        #expect(Fixtures.problems(base + "width: 0x10\n").first?.message == "'width' must be a number")
        #expect(Fixtures.problems(base + "max_points: 1e3\n").first?.message == "'max_points' must be a whole number")
    }

    @Test func nullIsNoValueAndTabsAreLocated() throws {
        #expect(Fixtures.problems(base + "title: ~\n").first?.message == "'title' must be a single value, not a list or mapping")
        #expect(try Fixtures.spec(base + "title: 2026-01-01\n").title == "2026-01-01")
        let tab = Fixtures.problems(base + "\ttitle: x\n")
        #expect(tab.first?.message.hasPrefix("invalid YAML: ") == true)
        #expect(tab.first?.location.line == 14)
        let twice = Fixtures.problems(base + "mark: bar\n")
        #expect(twice.first?.message == "invalid YAML: key 'mark' appears twice in the same mapping")
        #expect(twice.first?.location == SourceLocation(path: Fixtures.body.path, line: 11, column: 1))
    }
}
