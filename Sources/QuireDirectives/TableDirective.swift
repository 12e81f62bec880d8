import QuireData
import QuireDiagnostics
import QuireMarkdown

/// ```table — PRODUCT §3: `data`, `columns`, `format`, `limit` → an HTML table.
struct TableDirective: Directive {
    public let name = "table"
    /// Rows shown when the author gives no `limit`; a note says how many exist.
    static let defaultLimit = 100

    public init() {}

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        let parameters = try DirectiveParameters(yaml: block.body, at: block.bodyLocation)
        try parameters.requireOnly(["data", "columns", "format", "limit", "caption", "id"], for: "the table directive")
        let dataName = try parameters.requiredString("data", for: "the table directive")
        let table = try context.scope.table(named: dataName, at: parameters.location(of: "data"))
        let names = try parameters.strings("columns") ?? table.columnNames
        var columns: [Column] = []
        for name in names {
            guard let column = table.column(named: name) else {
                throw Diagnostic.error(
                    at: parameters.location(of: "columns", value: name), "no column '\(name)' in table '\(dataName)'",
                    hint: Suggestions.didYouMean(name, in: table.columnNames) ?? "columns: \(table.columnNames.joined(separator: ", "))")
            }
            columns.append(column)
        }
        var formats: [String: NumberFormat] = [:]
        for (column, specifier) in try parameters.stringMap("format") ?? [] {
            guard names.contains(column) else {
                throw Diagnostic.error(
                    at: parameters.location(of: "format"), "'format' names column '\(column)', which the table does not show",
                    hint: Suggestions.didYouMean(column, in: names))
            }
            do { formats[column] = try NumberFormat(specifier) } catch {
                throw Diagnostic.error(
                    at: parameters.location(of: "format"), "'\(specifier)' is not a d3-format specifier",
                    hint: "for example ',.0f', '.1%', '.3s', '.2e' or 'd'")
            }
        }
        let limit = try parameters.int("limit") ?? Self.defaultLimit
        guard limit >= 0 else { throw parameters.mistyped("limit", "zero or more") }
        let caption = try parameters.string("caption")
        let numbering = try FigureNumbering(
            kind: .table, number: block.number, id: parameters.string("id"),
            idLocation: parameters.location(of: "id"), block: block)
        return DirectiveOutput(
            html: TableHTML.render(
                columns: columns, rowCount: table.rowCount, formats: formats, limit: limit, caption: caption,
                numbering: numbering),
            label: numbering?.target)
    }
}

/// The HTML of a data table. Every value from data is escaped.
enum TableHTML {
    static let defaultReal = try? NumberFormat(".6~g")

    static func render(
        columns: [Column], rowCount: Int, formats: [String: NumberFormat], limit: Int, caption: String?,
        numbering: FigureNumbering? = nil
    ) -> String {
        var html =
            "<div class=\"table-wrap\"" + (numbering.map { " id=\"\(HTMLText.escape($0.anchor))\"" } ?? "")
            + "><table class=\"data-table\">"
        let shown = min(rowCount, limit)
        var note = caption.map(HTMLText.escape) ?? ""
        if shown < rowCount {
            let count = "first \(shown) of \(rowCount) rows"
            note += note.isEmpty ? count.prefix(1).uppercased() + count.dropFirst() : " (\(count))"
        }
        if let numbering { note = numbering.captionLead + (note.isEmpty ? "" : " " + note) }
        if !note.isEmpty { html += "<caption>\(note)</caption>" }
        html += "<thead><tr>"
        for column in columns {
            html += column.type.isNumeric ? "<th class=\"num\">" : "<th>"
            html += HTMLText.escape(column.name) + "</th>"
        }
        html += "</tr></thead><tbody>"
        for row in 0..<shown {
            html += "<tr>"
            for column in columns {
                html += column.type.isNumeric ? "<td class=\"num\">" : "<td>"
                html += HTMLText.escape(cellText(column.values[row], format: formats[column.name]))
                html += "</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func cellText(_ value: Value, format: NumberFormat?) -> String {
        switch value {
        case .null: return ""
        case .integer(let i): return format.map { $0.format(Double(i)) } ?? String(i)
        case .real(let d): return (format ?? defaultReal).map { $0.format(d) } ?? value.text
        default: return value.text
        }
    }
}
