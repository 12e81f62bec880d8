import Foundation
import QuireData
import QuireDiagnostics

@testable import QuireCharts

/// Small, fixed tables and a one-call renderer for tests.
enum Fixtures {
    static let body = SourceLocation(path: "content/posts/run/index.md", line: 10, column: 1)

    /// A training log: two runs, loss decaying with a fixed wobble.
    static var losses: Table {
        var steps: [Int64?] = []
        var loss: [Double?] = []
        var runs: [String?] = []
        for run in ["base", "wide"] {
            for index in 0..<60 {
                let step = Double(index * 500)
                steps.append(Int64(step))
                let scale = run == "base" ? 1.0 : 0.8
                loss.append(scale * (0.3 + 3 * exp(-step / 6000)) + 0.05 * sin(Double(index)))
                runs.append(run)
            }
        }
        return Table(columns: [
            Column(name: "step", integers: steps), Column(name: "loss", doubles: loss), Column(name: "run", strings: runs),
        ])
    }

    static var fruit: Table {
        Table(columns: [
            Column(name: "fruit", strings: ["apple", "pear", "plum", "apple", "pear", "plum"]),
            Column(name: "year", strings: ["2023", "2023", "2023", "2024", "2024", "2024"]),
            Column(name: "sold", doubles: [12, 30, 7, 18, 25, 11]),
        ])
    }

    /// Points on a deterministic spiral with a phase in radians.
    static func spiral(_ count: Int) -> Table {
        var x: [Double?] = []
        var y: [Double?] = []
        var phase: [Double?] = []
        var size: [Double?] = []
        for index in 0..<count {
            let t = Double(index) / Double(max(count - 1, 1))
            let angle = t * 6 * .pi
            x.append(t * cos(angle) * 10)
            y.append(t * sin(angle) * 10)
            phase.append(angle.truncatingRemainder(dividingBy: 2 * .pi))
            size.append(1 + Double(index % 5))
        }
        return Table(columns: [
            Column(name: "x", doubles: x), Column(name: "y", doubles: y),
            Column(name: "phase", doubles: phase), Column(name: "n", doubles: size),
        ])
    }

    static var grid: Table {
        var row: [String?] = []
        var col: [String?] = []
        var value: [Double?] = []
        for r in 0..<6 {
            for c in 0..<8 {
                row.append("L\(r)")
                col.append("h\(c)")
                value.append(sin(Double(r)) * cos(Double(c) / 2))
            }
        }
        return Table(columns: [
            Column(name: "layer", strings: row), Column(name: "head", strings: col), Column(name: "score", doubles: value),
        ])
    }

    /// Long category names that cannot sit side by side.
    static var checkpoints: Table {
        let names = (0..<14).map { "checkpoint-\(1000 * ($0 + 1))-final" }
        return Table(columns: [
            Column(name: "checkpoint", strings: names), Column(name: "accuracy", doubles: (0..<14).map { 0.5 + 0.03 * Double($0) }),
        ])
    }

    static var tables: [String: Table] {
        ["losses": losses, "fruit": fruit, "spiral": spiral(300), "grid": grid, "checkpoints": checkpoints]
    }

    static func spec(_ yaml: String) throws -> ChartSpec {
        try ChartSpecParser.parse(yaml, at: body)
    }

    static func render(_ yaml: String, tables: [String: Table] = tables, prefix: String = "t") throws -> RenderedChart {
        try ChartRenderer(idPrefix: prefix).render(spec(yaml), tables: tables)
    }

    /// Diagnostics a bad spec produces (empty when it renders).
    static func problems(_ yaml: String, tables: [String: Table] = tables) -> [Diagnostic] {
        do {
            _ = try render(yaml, tables: tables)
            return []
        } catch {
            return error.diagnostics(orAt: body)
        }
    }
}
