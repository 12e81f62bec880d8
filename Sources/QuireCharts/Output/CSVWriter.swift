import QuireData

/// The chart's data as RFC 4180 CSV: a header row, CRLF line ends, fields
/// with a comma, quote or line break quoted and inner quotes doubled, and
/// formula-like text defused.
package enum CSVWriter {
    package static func csv(_ table: Table) -> String {
        var out = ""
        out.reserveCapacity(table.rowCount * max(1, table.columns.count) * 10 + 64)
        out += table.columnNames.map { field(defused($0)) }.joined(separator: ",") + "\r\n"
        for row in 0..<table.rowCount {
            for (index, column) in table.columns.enumerated() {
                if index > 0 { out += "," }
                append(column.values, row: row, to: &out)
            }
            out += "\r\n"
        }
        return out
    }

    /// One cell without going through `Value`, which costs an allocation per cell.
    static func append(_ values: ColumnValues, row: Int, to out: inout String) {
        switch values {
        case .real(let v): if let d = v[row] { out += number(d) }
        case .integer(let v): if let i = v[row] { out += String(i) }
        case .text(let v): if let s = v[row] { out += field(defused(s)) }
        case .boolean(let v): if let b = v[row] { out += b ? "true" : "false" }
        }
    }

    /// As `Value.text`: whole numbers without ".0", others in shortest round-trip form.
    static func number(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// One table whole; several (layers over different data) stacked with a `layer` column.
    package static func csv(for spec: ChartSpec, tables: [String: Table]) -> String {
        let names = spec.tableNames
        if names.count == 1, let table = tables[names[0]] { return csv(table) }
        var columns: [String] = []
        for name in names { for column in tables[name]?.columnNames ?? [] where !columns.contains(column) { columns.append(column) } }
        var out = (["layer"] + columns).map { field(defused($0)) }.joined(separator: ",") + "\r\n"
        for name in names {
            guard let table = tables[name] else { continue }
            for row in 0..<table.rowCount {
                let cells = columns.map { column -> String in
                    guard let value = table.column(named: column)?.values[row] else { return "" }
                    if case .text(let text) = value { return defused(text) }
                    return value.text
                }
                out += ([defused(name)] + cells).map(field).joined(separator: ",") + "\r\n"
            }
        }
        return out
    }

    /// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
    /// first) gets a leading `'`, which spreadsheets read as "this is text"
    /// (OWASP, CSV injection). Only text cells: numbers are written as numbers.
    static func defused(_ text: String) -> String {
        guard let first = text.utf8.first else { return text }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: return "'" + text
        default: return text
        }
    }

    static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
