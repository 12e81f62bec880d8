import Foundation
import QuireCharts
import QuireData

/// Times quire's chart renderer on the benchmark data (the same formulas as
/// bench.py uses for matplotlib) and prints one line per chart:
///
///     quire scatter render_ms=12.3 csv_ms=20.1 svg_bytes=201234 wide_bytes=… phone_bytes=… standalone_bytes=… points=50000
///
/// `svg_bytes` is every inline layout together (wide + phone), as a page carries them.
///
/// `quire-chart-bench [scatter|line|all] [--repeat N] [--write DIR]`
@main
struct ChartBench {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var repeats = 5
        var output: URL?
        if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count {
            repeats = max(1, Int(arguments[index + 1]) ?? 5)
            arguments.removeSubrange(index...(index + 1))
        }
        if let index = arguments.firstIndex(of: "--write"), index + 1 < arguments.count {
            output = URL(fileURLWithPath: arguments[index + 1])
            arguments.removeSubrange(index...(index + 1))
        }
        let which = arguments.first ?? "all"
        let cases: [(String, String, Table)] = [
            (
                "scatter", "data: cloud\nmark: point\nx: x\ny: y\ncolor: {field: c, scheme: cyclic}\nmax_points: 50000\n",
                BenchData.scatter(50_000)
            ),
            ("line", "data: walk\nmark: line\nx: step\ny: value\n", BenchData.line(20_000)),
        ].filter { which == "all" || $0.0 == which }
        for (name, yaml, table) in cases {
            let spec = try ChartSpecParser.parse(yaml, at: .init(path: "bench.md"))
            let tables = [spec.tableNames[0]: table]
            // Every layout a page carries, as the chart directive renders them:
            // the wide drawing and, for a wide chart, the phone's.
            var times: [Double] = []
            var chart: RenderedChart?
            var phone: RenderedChart?
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                let narrowSpec = spec.narrowLayout
                chart = try ChartRenderer(idPrefix: "bench", variant: narrowSpec != nil ? .wide : .only).render(spec, tables: tables)
                phone = try narrowSpec.map { try ChartRenderer(idPrefix: "benchn", variant: .narrow).render($0, tables: tables) }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            guard let chart else { continue }
            let wideBytes = chart.svg.utf8.count
            let phoneBytes = phone?.svg.utf8.count ?? 0
            let median = times.sorted()[times.count / 2]
            // The CSV beside the chart is written once per build, apart from the SVG.
            var csvTimes: [Double] = []
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = CSVWriter.csv(for: spec, tables: tables)
                csvTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            let csvMedian = csvTimes.sorted()[csvTimes.count / 2]
            print(
                "quire \(name) render_ms=\(String(format: "%.1f", median)) csv_ms=\(String(format: "%.1f", csvMedian)) svg_bytes=\(wideBytes + phoneBytes)"
                    + " wide_bytes=\(wideBytes) phone_bytes=\(phoneBytes) standalone_bytes=\(chart.standaloneSVG.utf8.count) points=\(table.rowCount)"
            )
            if let output {
                try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
                try chart.standaloneSVG.write(to: output.appendingPathComponent("quire-\(name).svg"), atomically: true, encoding: .utf8)
                // The inline layouts as a page shows them, both themes in one file.
                let page =
                    "<!doctype html><meta charset=utf-8><meta name=viewport content=\"width=device-width\"><title>\(name)</title>"
                    + "<style>:root{color-scheme:light dark}body{font:14px system-ui;margin:8px}"
                    + "@media (max-width:600px){.chart-wide{display:none}.chart-narrow{display:block!important}}</style>\n"
                    + chart.svg + "\n" + (phone?.svg ?? "")
                try page.write(to: output.appendingPathComponent("quire-\(name).html"), atomically: true, encoding: .utf8)
            }
        }
    }
}

/// Deterministic data with no random generator, so Python builds the same
/// points: a low-discrepancy sequence shaped into a Gaussian blob, and a
/// sum of waves for the line.
enum BenchData {
    static func fraction(_ value: Double) -> Double { value - value.rounded(.down) }

    static func scatter(_ count: Int) -> Table {
        var xs: [Double?] = []
        var ys: [Double?] = []
        var cs: [Double?] = []
        for i in 0..<count {
            let u = fraction(0.5 + Double(i) * 0.7548776662466927)
            let v = fraction(0.5 + Double(i) * 0.5698402909980532)
            let r = (-2 * log(max(u, 1e-12))).squareRoot()
            let angle = 2 * Double.pi * v
            xs.append(r * cos(angle))
            ys.append(r * sin(angle) * 0.6 + 0.3 * r * cos(angle))
            cs.append(angle)
        }
        return Table(columns: [Column(name: "x", doubles: xs), Column(name: "y", doubles: ys), Column(name: "c", doubles: cs)])
    }

    static func line(_ count: Int) -> Table {
        let values: [Double?] = (0..<count).map { i in
            let t = Double(i)
            return sin(t / 300) + 0.3 * sin(t / 17) + 0.15 * fraction(t * 0.6180339887498949) + t / 20_000
        }
        return Table(columns: [Column(name: "step", integers: (0..<count).map { Int64($0) }), Column(name: "value", doubles: values)])
    }
}
