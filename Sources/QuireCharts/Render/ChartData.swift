import QuireData
import QuireDiagnostics

/// One point of a mark after columns were looked up: `x`/`y` positions in
/// data units, plus the optional colour, size and label values.
struct Datum: Sendable {
    var x: ChartValue
    var y: ChartValue
    /// Base of stacked bars and areas (0 otherwise).
    var base: Double = 0
    var color: Double?
    var size: Double?
    var label: String?
}

/// The points of one line, one bar colour, one group of dots.
struct Series: Sendable {
    var name: String
    /// Index into the categorical palette; nil when colour comes per point.
    var colorIndex: Int?
    var data: [Datum]
}

/// What a layer draws once its table is known.
struct LayerData: Sendable {
    var spec: LayerSpec
    var series: [Series]
    var rowCount: Int
}

/// How colour is decided for the whole chart.
enum ColorMode: Sendable, Equatable {
    case none
    case categorical(title: String, names: [String])
    case continuous(title: String, scheme: ColorSchemeKind, low: Double, high: Double)
}

/// Checks that the columns a chart names exist and have usable types.
enum ChartDataResolver {
    static func missingColumn(_ field: FieldSpec, in table: Table, named name: String) -> Diagnostic {
        .error(
            at: field.location, "no column '\(field.field)' in table '\(name)'",
            hint: Suggestions.didYouMean(field.field, in: table.columnNames)
                ?? "columns: \(table.columnNames.prefix(12).joined(separator: ", "))")
    }

    /// `labels:` may only name series the legend shows.
    static func checkLabels(_ spec: ChartSpec, color: ColorMode) throws {
        guard !spec.labels.isEmpty else { return }
        guard case .categorical(_, let names) = color, names.count > 1 else {
            throw Diagnostic.error(
                at: spec.labels[0].location, "'labels' renames legend entries, but this chart has no legend",
                hint: "a legend appears when 'color' or several 'y' columns make more than one series")
        }
        let problems = spec.labels.filter { !names.contains($0.series) }.map { label in
            Diagnostic.error(
                at: label.location, "no series '\(label.series)' in this chart's legend",
                hint: Suggestions.didYouMean(label.series, in: names) ?? "series: \(names.prefix(12).joined(separator: ", "))")
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    /// Every column the chart names must exist; reported all at once.
    static func checkColumns(_ spec: ChartSpec, tables: [String: Table]) throws {
        var problems: [Diagnostic] = []
        for (index, layer) in spec.layers.enumerated() {
            guard let table = tables[layer.data] else { continue }
            var fields = layer.y
            // Later layers without the facet column repeat in every panel (reference lines, say).
            let facet = index == 0 ? spec.facet?.field : nil
            for optional in [layer.x, layer.y2, layer.color?.field, layer.size, layer.text, facet] {
                if let optional { fields.append(optional) }
            }
            for field in fields where table.column(named: field.field) == nil {
                problems.append(missingColumn(field, in: table, named: layer.data))
            }
            // (Sideways bars never get here with text in y: they are checked after turning upright.)
            for field in layer.y + [layer.y2, layer.size].compactMap({ $0 }) where layer.mark != .rect && field.scale != .band {
                if let column = table.column(named: field.field), !column.type.isNumeric, column.type != .boolean {
                    problems.append(
                        .error(
                            at: field.location,
                            "column '\(field.field)' of '\(layer.data)' holds text, but a \(layer.mark.rawValue) needs numbers here",
                            hint: "pick a numeric column, or set {field: \(field.field), scale: band}"))
                }
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    /// Every text cell and annotation position on a time axis must be a real
    /// date: one that is not would otherwise vanish from the chart.
    static func checkDates(_ spec: ChartSpec, xKind: AxisKind, yKind: AxisKind, tables: [String: Table]) throws {
        var problems: [Diagnostic] = []
        for layer in spec.layers {
            guard let table = tables[layer.data] else { continue }
            var fields: [FieldSpec] = []
            if xKind == .time, let x = layer.x { fields.append(x) }
            if yKind == .time { fields += layer.y + [layer.y2].compactMap { $0 } }
            for field in fields {
                guard let column = table.column(named: field.field), case .text(let values) = column.values else { continue }
                let bad = values.indices.lazy.compactMap { row in
                    values[row].flatMap { text in Self.dateProblem(text).map { (row, text, $0) } }
                }
                guard let (row, text, reason) = bad.first else { continue }
                let others = bad.count - 1
                problems.append(
                    .error(
                        at: field.location,
                        "column '\(field.field)' of '\(layer.data)', row \(row + 1): '\(text)' \(reason)"
                            + (others > 0 ? " (and \(others) more)" : ""),
                        hint: "time axes read ISO 8601 dates such as 2024-01-31 or 2024-01-31T14:05:00Z"))
            }
        }
        for annotation in spec.annotations {
            for (position, kind) in [(annotation.x, xKind), (annotation.y, yKind)] where kind == .time {
                guard case .text(let text)? = position, let reason = dateProblem(text) else { continue }
                problems.append(
                    .error(
                        at: annotation.location, "annotation position '\(text)' \(reason)",
                        hint: "time axes read ISO 8601 dates such as 2024-01-31 or 2024-01-31T14:05:00Z"))
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    static func dateProblem(_ text: String) -> String? {
        switch ISODateTime.read(text) {
        case .valid: nil
        case .impossible(let reason): "is not a real date (\(reason))"
        case .malformed: "is not an ISO 8601 date"
        }
    }
}

/// Reads a column as chart values of one kind.
enum ColumnReading {
    static func times(_ column: Column) -> [Double?] {
        switch column.values {
        case .text(let values): values.map { $0.flatMap(CivilTime.parse) }
        default: column.doubles
        }
    }

    static func labels(_ column: Column) -> [String?] {
        (0..<column.count).map { row in
            let value = column.values[row]
            return value.isNull ? nil : ChartValue.fromCell(value).label
        }
    }

    /// True when every non-empty text cell is shaped like an ISO 8601 date;
    /// one naming a day that does not exist (2024-02-31) still counts, so it
    /// is reported on the time axis rather than turning the axis into labels.
    static func looksTemporal(_ column: Column) -> Bool {
        guard case .text(let values) = column.values else { return false }
        var seen = 0
        for value in values {
            guard let value else { continue }
            guard ISODateTime.read(value) != .malformed else { return false }
            seen += 1
            if seen >= 200 { break }
        }
        return seen > 0
    }
}

extension ChartValue {
    static func fromCell(_ value: Value) -> ChartValue {
        switch value {
        case .text(let text): .text(text)
        case .boolean(let flag): .text(flag ? "true" : "false")
        default: .number(value.double ?? 0)
        }
    }
}
