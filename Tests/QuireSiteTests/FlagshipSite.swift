import Foundation
import QuireSite

/// The repository's own site, built once per test run into a temporary folder
/// and read back the way a reader (or a reviewer with a spreadsheet) would:
/// the HTML of a post and the CSV behind each of its charts.
actor FlagshipSite {
    static let shared = FlagshipSite()

    struct Built: Sendable {
        let output: URL
        let errors: [String]
    }

    private var built: Built?

    func build() async -> Built {
        if let built { return built }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("quire-flagship-\(UUID().uuidString)")
        // No cache: the numbers must come from the data, not from an earlier build.
        let report = await SiteBuilder.build(BuildOptions(root: SiteFixture.repositoryRoot, output: output, useCache: false))
        let result = Built(output: output, errors: report.errors.map { "\($0)" })
        built = result
        return result
    }
}

/// One chart of a built post: its title and the rows of its CSV.
struct BuiltChart {
    let title: String
    let header: [String]
    let rows: [[String]]

    func column(_ name: String) -> [String]? {
        guard let index = header.firstIndex(of: name) else { return nil }
        return rows.map { index < $0.count ? $0[index] : "" }
    }

    func numbers(_ name: String) -> [Double]? {
        column(name)?.map { Double($0) ?? .nan }
    }

    /// The charts of a post, in page order, found by their "data (CSV)" links.
    static func all(inPost slug: String, of output: URL) throws -> [BuiltChart] {
        let folder = output.appendingPathComponent("posts/\(slug)")
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        return try html.components(separatedBy: "<figure").dropFirst().compactMap { figure in
            guard let end = figure.range(of: "</figure>") else { return nil }
            let body = String(figure[..<end.lowerBound])
            guard let csv = body.firstMatch(of: /href="(chart-[0-9a-f]+\.csv)"/)?.1 else { return nil }
            let title = body.firstMatch(of: /class="chart-title">([^<]*)</)?.1 ?? ""
            let text = try String(contentsOf: folder.appendingPathComponent(String(csv)), encoding: .utf8)
            let lines = CSVLines.parse(text)
            guard let header = lines.first else { return nil }
            return BuiltChart(title: String(title), header: header, rows: Array(lines.dropFirst()))
        }
    }
}

/// RFC 4180 rows, enough for the chart CSVs (quoted cells may hold commas).
enum CSVLines {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var previousWasQuote = false
        for character in text {
            if quoted {
                if character == "\"" {
                    quoted = false
                    previousWasQuote = true
                } else {
                    cell.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                // A doubled quote inside a quoted cell is one literal quote.
                if previousWasQuote { cell.append("\"") }
                quoted = true
            case ",":
                row.append(cell)
                cell = ""
            case "\n", "\r\n":
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            default: cell.append(character)
            }
            previousWasQuote = false
        }
        if !cell.isEmpty || !row.isEmpty {
            row.append(cell)
            rows.append(row)
        }
        return rows
    }
}
