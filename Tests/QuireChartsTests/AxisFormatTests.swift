import Foundation
import QuireData
import Testing

@testable import QuireCharts

/// Every d3-format specifier reaches an axis through the one formatter
/// (QuireData's `NumberFormat`), with a missing precision filled in from the
/// tick step. Expected labels come from d3-scale itself: Debian's
/// node-d3-scale 2.2.2 (`scaleLinear().domain(D).tickFormat(count, S)`, run in
/// the test), whose d3-format 1.4.1 writes a hyphen for the minus sign where
/// d3-format 2+ and quire write U+2212.
@Suite struct AxisFormatTests {
    static let specifiers = [
        ".2f", ".1%", ",d", ".3s", "$,.2f", "e", "+.1f", ",f", "s", "%", ".2e", ".3g", ".2r", "", ".1", "08.1f", "(,.1f", "~s", ".2~f", "x",
    ]
    static let domains: [(Double, Double)] = [(-2000, 6000), (0, 1), (0, 2_500_000), (-0.0003, 0.0012), (1.5, 4.25)]
    static let count = 5

    @Test func everySpecifierReadsAsD3ScaleWritesIt() throws {
        var cases: [[String: Any]] = []
        for domain in Self.domains {
            for specifier in Self.specifiers {
                cases.append(["domain": [domain.0, domain.1], "specifier": specifier])
            }
        }
        let script = """
            const scale = require("d3-scale");
            const cases = JSON.parse(process.argv[1]);
            console.log(JSON.stringify(cases.map(c => {
                const x = scale.scaleLinear().domain(c.domain);
                const ticks = x.ticks(\(Self.count));
                return {ticks, labels: ticks.map(x.tickFormat(\(Self.count), c.specifier))};
            })));
            """
        let oracle = try NodeOracle.run(
            script, argument: String(decoding: try JSONSerialization.data(withJSONObject: cases), as: UTF8.self))
        try #require(oracle.count == cases.count)
        var index = 0
        for domain in Self.domains {
            for specifier in Self.specifiers {
                let expected = oracle[index]
                index += 1
                let format = try NumberFormat(specifier)
                let scale = ContinuousScale(kind: .linear, domain: domain, range: (0, 500), format: format)
                let ticks = scale.ticks(count: Self.count)
                #expect(ticks.map(\.value) == expected.ticks, "ticks of \(domain)")
                let modern = zip(expected.ticks, expected.labels).map { tick, label in
                    NodeOracle.modern(label, value: tick, explicitPlus: specifier.hasPrefix("+"))
                }
                #expect(ticks.map(\.label) == modern, "'\(specifier)' on \(domain)")
            }
        }
    }

    /// From the spec's `format:` key to the SVG's tick text.
    @Test func aChartsFormatKeyReachesItsTickLabels() throws {
        let table = Table(columns: [Column(name: "a", doubles: [0, 1, 2]), Column(name: "b", doubles: [-1500, 200, 5800])])
        func labels(_ format: String?) throws -> [String] {
            let y = format.map { "{field: b, format: \"\($0)\", domain: [-2000, 6000]}" } ?? "{field: b, domain: [-2000, 6000]}"
            let chart = try Fixtures.render("data: t\nmark: point\nx: a\ny: \(y)\n", tables: ["t": table])
            return try SVGInspector(chart.svg).ticks("y-axis").map(\.label)
        }
        // Ticks 1000 apart from −2000 to 6000 at this chart's height; by hand:
        // the default needs no decimals; $,.2f puts the currency symbol after
        // the sign; s takes one prefix (k, of 6000) and the decimals a 1000 step
        // needs at it, none; .1% multiplies by 100 and keeps one decimal.
        let thousands = (-2...6).map { $0 }
        func signed(_ n: Int, _ text: String) -> String { (n < 0 ? "−" : "") + text }
        func grouped(_ n: Int) -> String { abs(n) >= 1 ? "\(abs(n)),000" : "0" }
        #expect(try labels(nil) == thousands.map { signed($0, "\(abs($0) * 1000)") })
        #expect(try labels("$,.2f") == thousands.map { signed($0, "$" + grouped($0) + ".00") })
        #expect(try labels("s") == thousands.map { signed($0, "\(abs($0))k") })
        #expect(try labels(".1%") == thousands.map { signed($0, "\(abs($0) * 100_000).0%") })
    }

    /// Table and inline-value formats the old axis formatter refused.
    @Test func specifiersOnlyTablesTookBeforeParseOnAnAxis() throws {
        for specifier in ["$,.2f", "+.1f", "08.1f", "(,.1f", ".2r", "x", ",.3~s"] {
            let problems = Fixtures.problems("data: fruit\nmark: bar\nx: fruit\ny: {field: sold, format: \"\(specifier)\"}\n")
            #expect(problems.isEmpty, "\(specifier): \(problems)")
        }
        let problems = Fixtures.problems("data: fruit\nmark: bar\nx: fruit\ny: {field: sold, format: \".2q\"}\n")
        #expect(problems.map(\.message) == ["'.2q' is not a number format"])
    }
}

/// Runs a node script with Debian's d3 packages on the module path and
/// decodes the ticks and labels it prints. A missing node or node-d3-scale is
/// a failure naming what to install, never a skip.
enum NodeOracle {
    struct Answer: Decodable {
        var ticks: [Double]
        var labels: [String]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ script: String, argument: String) throws -> [Answer] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", "-e", script, argument]
        var environment = ProcessInfo.processInfo.environment
        environment["NODE_PATH"] = "/usr/share/nodejs"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { throw Failure(description: "cannot start node (\(error)); run scripts/install-deps --test") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "node or node-d3-scale is missing (status \(process.terminationStatus)); run scripts/install-deps --test")
        }
        return try JSONDecoder().decode([Answer].self, from: data)
    }

    /// A d3-format 1.x label as d3-format 2+ writes it: the minus sign is
    /// U+2212 (the exponent's sign, `2e-4`, stays a hyphen), and `+` keeps
    /// the minus of a negative value that rounds to zero (`+.1f` of −0.0002
    /// is "−0.0", where 1.x wrote "+0.0").
    static func modern(_ label: String, value: Double, explicitPlus: Bool) -> String {
        if explicitPlus, value < 0, label.hasPrefix("+") { return "\u{2212}" + label.dropFirst() }
        // The sign comes first, or after the padding spaces (zero padding follows it).
        guard let index = label.firstIndex(where: { $0 != " " }), label[index] == "-" else { return label }
        var out = label
        out.replaceSubrange(index...index, with: "\u{2212}")
        return out
    }
}
