import QuireData

/// The chart's data as RFC 4180 CSV: a header row, CRLF line ends, fields
/// with a comma, quote or line break quoted and inner quotes doubled.
public enum CSVWriter {
    public static func csv(_ table: Table) -> String {
        var out = table.columnNames.map(field).joined(separator: ",") + "\r\n"
        for row in 0..<table.rowCount {
            out += table.columns.map { field($0.values[row].text) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// One table whole; several (layers over different data) stacked with a `layer` column.
    static func csv(for spec: ChartSpec, tables: [String: Table]) -> String {
        let names = spec.tableNames
        if names.count == 1, let table = tables[names[0]] { return csv(table) }
        var columns: [String] = []
        for name in names { for column in tables[name]?.columnNames ?? [] where !columns.contains(column) { columns.append(column) } }
        var out = (["layer"] + columns).map(field).joined(separator: ",") + "\r\n"
        for name in names {
            guard let table = tables[name] else { continue }
            for row in 0..<table.rowCount {
                let cells = columns.map { table.column(named: $0).map { $0.values[row].text } ?? "" }
                out += ([name] + cells).map(field).joined(separator: ",") + "\r\n"
            }
        }
        return out
    }

    static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
