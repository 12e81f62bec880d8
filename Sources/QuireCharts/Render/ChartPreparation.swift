import QuireData
import QuireDiagnostics

/// How x (or y) values are read and placed.
enum AxisKind: Sendable, Equatable {
    case linear, log, time, band

    var continuousKind: ContinuousScale.Kind? {
        switch self {
        case .linear: .linear
        case .log: .log
        case .time: .time
        case .band: nil
        }
    }
}

/// The chart's data split into panels (one unless faceted), layers and series.
struct PreparedChart {
    var panels: [(title: String?, layers: [LayerData])]
    var xKind: AxisKind
    var yKind: AxisKind
    var color: ColorMode
    var xTitle: String?
    var yTitle: String?
    /// Band categories in display order, when an axis is a band.
    var xCategories: [String]
    var yCategories: [String]
    /// Bars drawn sideways: categories down the y axis, values along x.
    var horizontal = false
    /// Palette slot of each categorical series name (its legend order without a post's palette).
    var seriesSlots: [String: Int] = [:]
}

extension ChartRenderer {
    static func prepare(_ spec: ChartSpec, tables: [String: Table], palette: SeriesPalette? = nil) throws -> PreparedChart {
        // Sideways bars are prepared as upright ones and turned at the end.
        if let upright = uprightVersion(ofHorizontalBars: spec, tables: tables) {
            return transposed(try prepare(upright, tables: tables, palette: palette))
        }
        try ChartDataResolver.checkColumns(spec, tables: tables)
        let xKind = axisKind(spec, axis: .x, tables: tables)
        let yKind = axisKind(spec, axis: .y, tables: tables)
        try ChartDataResolver.checkDates(spec, xKind: xKind, yKind: yKind, tables: tables)
        let color = try colorMode(spec, tables: tables)
        let categoricalNames: [String]
        if case .categorical(_, let names) = color { categoricalNames = names } else { categoricalNames = [] }
        try ChartDataResolver.checkLabels(spec, color: color)
        let slots =
            palette?.slots(for: categoricalNames)
            ?? Dictionary(categoricalNames.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })

        // Facet values in a stable order: numbers ascending, text as first seen.
        var facetValues: [String?] = [nil]
        if let facet = spec.facet {
            var seen: [String] = []
            var numeric: [(Double, String)] = []
            for layer in spec.layers {
                guard let column = tables[layer.data]?.column(named: facet.field.field) else { continue }
                for row in 0..<column.count {
                    let value = column.values[row]
                    guard !value.isNull else { continue }
                    let label = ChartValue.fromCell(value).label
                    if !seen.contains(label) {
                        seen.append(label)
                        if let number = value.double, column.type.isNumeric { numeric.append((number, label)) }
                    }
                    if seen.count > 64 { break }
                }
            }
            guard seen.count <= 64 else {
                throw Diagnostic.error(
                    at: facet.field.location,
                    "facet column '\(facet.field.field)' has more than 64 values; small multiples would be unreadable")
            }
            facetValues = numeric.count == seen.count ? numeric.sorted { $0.0 < $1.0 }.map(\.1) : seen
            // A facet column with no values leaves one unsplit panel.
            if facetValues.isEmpty { facetValues = [nil] }
        }

        // Each layer's facet labels, computed once rather than once per panel.
        let facetLabels: [[String?]?] = spec.layers.map { layer in
            guard let facet = spec.facet, let column = tables[layer.data]?.column(named: facet.field.field) else { return nil }
            return ColumnReading.labels(column)
        }
        var panels: [(title: String?, layers: [LayerData])] = []
        for facetValue in facetValues {
            var layers: [LayerData] = []
            for (layerIndex, layer) in spec.layers.enumerated() {
                guard let table = tables[layer.data] else { continue }
                var rows = Array(0..<table.rowCount)
                if let facetValue, let labels = facetLabels[layerIndex] {
                    rows = rows.filter { labels[$0] == facetValue }
                }
                layers.append(layerData(layer, table: table, rows: rows, xKind: xKind, yKind: yKind, color: color, slots: slots))
            }
            if spec.layers.contains(where: { $0.stack }) { stack(&layers) }
            panels.append((facetValue, layers))
        }

        // Titles come from the first layer that has the axis (a rule layer may have only one).
        let xTitle = spec.layers.lazy.compactMap(\.x).first.map { $0.title ?? $0.field }
        let yFields = spec.layers.first { !$0.y.isEmpty }?.y ?? []
        let yTitle = yFields.first?.title ?? (yFields.count <= 2 && !yFields.isEmpty ? yFields.map(\.field).joined(separator: ", ") : nil)
        return PreparedChart(
            panels: panels, xKind: xKind, yKind: yKind, color: color, xTitle: xTitle, yTitle: yTitle,
            xCategories: xKind == .band ? categories(panels, axis: .x, spec: spec, tables: tables) : [],
            yCategories: yKind == .band ? categories(panels, axis: .y, spec: spec, tables: tables) : [],
            seriesSlots: slots)
    }

    enum Axis { case x, y }

    /// `mark: bar` with numbers on x and categories on y: the same chart with
    /// x and y swapped, or nil when the bars stand upright anyway.
    static func uprightVersion(ofHorizontalBars spec: ChartSpec, tables: [String: Table]) -> ChartSpec? {
        guard let first = spec.layers.first, first.mark == .bar, first.y.count == 1, let x = first.x, let y = first.y.first,
            let xColumn = tables[first.data]?.column(named: x.field), let yColumn = tables[first.data]?.column(named: y.field)
        else { return nil }
        let yIsCategory = y.scale == .band || (y.scale == nil && !yColumn.type.isNumeric)
        let xIsValue = x.scale != .band && x.scale != .time && xColumn.type.isNumeric
        guard yIsCategory, xIsValue else { return nil }
        var upright = spec
        for index in upright.layers.indices {
            guard let layerX = upright.layers[index].x, upright.layers[index].y.count == 1 else { continue }
            let layerY = upright.layers[index].y[0]
            upright.layers[index].x = layerY
            upright.layers[index].y = [layerX]
        }
        return upright
    }

    static func transposed(_ upright: PreparedChart) -> PreparedChart {
        var turned = upright
        for p in turned.panels.indices {
            for l in turned.panels[p].layers.indices {
                for s in turned.panels[p].layers[l].series.indices {
                    for d in turned.panels[p].layers[l].series[s].data.indices {
                        let datum = turned.panels[p].layers[l].series[s].data[d]
                        turned.panels[p].layers[l].series[s].data[d].x = datum.y
                        turned.panels[p].layers[l].series[s].data[d].y = datum.x
                    }
                }
            }
        }
        turned.xKind = upright.yKind
        turned.yKind = upright.xKind
        turned.xTitle = upright.yTitle
        turned.yTitle = upright.xTitle
        turned.xCategories = upright.yCategories
        turned.yCategories = upright.xCategories
        turned.horizontal = true
        return turned
    }

    static func axisKind(_ spec: ChartSpec, axis: Axis, tables: [String: Table]) -> AxisKind {
        for layer in spec.layers {
            guard let field = axis == .x ? layer.x : layer.y.first else { continue }
            if let scale = field.scale {
                switch scale {
                case .linear: return .linear
                case .log: return .log
                case .time: return .time
                case .band: return .band
                }
            }
            guard let column = tables[layer.data]?.column(named: field.field) else { continue }
            if !column.type.isNumeric {
                return ColumnReading.looksTemporal(column) ? .time : .band
            }
            if layer.mark == .rect || (axis == .x && layer.mark == .bar) { return .band }
            return .linear
        }
        return .linear
    }

    static func colorMode(_ spec: ChartSpec, tables: [String: Table]) throws -> ColorMode {
        if let layer = spec.layers.first(where: { $0.color != nil }), let colorSpec = layer.color,
            let column = tables[layer.data]?.column(named: colorSpec.field.field)
        {
            let title = colorSpec.field.title ?? colorSpec.field.field
            let seriesMarks: Set<MarkKind> = [.line, .area, .bar]
            let numeric = column.type.isNumeric
            let scheme = colorSpec.scheme ?? (numeric ? .sequential : .categorical)
            // Lines, areas and bars still split into one series per value; too many would be unreadable and slow.
            if numeric, seriesMarks.contains(layer.mark) {
                let distinct = Set(column.doubles.compactMap { $0 }).count
                if distinct > maxCategories {
                    throw Diagnostic.error(
                        at: colorSpec.field.location,
                        "colour column '\(colorSpec.field.field)' has \(distinct) different values, one \(layer.mark.rawValue) each; at most \(maxCategories) can be told apart",
                        hint: "use a point mark, or bin the column with an analysis first")
                }
            }
            if scheme != .categorical {
                guard numeric else {
                    throw Diagnostic.error(
                        at: colorSpec.field.location,
                        "a \(scheme.rawValue) colour scheme needs a numeric column; '\(colorSpec.field.field)' holds text",
                        hint: "leave out 'scheme' to colour by category")
                }
                let values = column.doubles.compactMap { $0 }.filter(\.isFinite)
                var low = values.min() ?? 0
                var high = values.max() ?? 1
                if let domain = colorSpec.field.domain {
                    (low, high) = (domain[0], domain[1])
                } else if scheme == .cyclic {
                    (low, high) = cyclicDomain(low, high)
                } else if scheme == .diverging {
                    let reach = max(abs(low), abs(high))
                    (low, high) = (-reach, reach)
                }
                if low == high { high = low + 1 }
                return .continuous(title: title, scheme: scheme, low: low, high: high)
            }
        }
        if let layer = spec.layers.first(where: { $0.color != nil }), let colorSpec = layer.color,
            let column = tables[layer.data]?.column(named: colorSpec.field.field)
        {
            // Only categorical colour comes here; count the categories before building series.
            let distinct = Set(ColumnReading.labels(column).compactMap { $0 }).count
            if distinct > maxCategories {
                throw Diagnostic.error(
                    at: colorSpec.field.location,
                    "colour column '\(colorSpec.field.field)' has \(distinct) different values; at most \(maxCategories) categories can be told apart",
                    hint: column.type.isNumeric
                        ? "use a point mark, which colours numbers on a continuous scale" : "group the rows with a query first")
            }
        }
        // Categories: one per series name, in the order series are built.
        var names: [String] = []
        for layer in spec.layers {
            guard let table = tables[layer.data] else { continue }
            for name in seriesNames(layer, table: table, rows: Array(0..<table.rowCount)).map(\.name) where !names.contains(name) {
                names.append(name)
            }
        }
        let title = spec.layers.first?.color.map { $0.field.title ?? $0.field.field } ?? ""
        return .categorical(title: title, names: names)
    }

    static let maxCategories = 100

    /// Angles in radians get a full turn as their domain; anything else its own range.
    static func cyclicDomain(_ low: Double, _ high: Double) -> (Double, Double) {
        let tolerance = 1e-6
        if low >= -Double.pi - tolerance, high <= Double.pi + tolerance, high - low > 1 { return (-Double.pi, Double.pi) }
        if low >= -tolerance, high <= 2 * Double.pi + tolerance, high - low > 1 { return (0, 2 * Double.pi) }
        if low >= 0, high <= 1 { return (0, 1) }
        return (low, high)
    }

    /// The series a layer splits into: y columns × colour categories.
    static func seriesNames(_ layer: LayerSpec, table: Table, rows: [Int]) -> [(name: String, yIndex: Int, category: String?)] {
        var categories: [String?] = [nil]
        let seriesMarks: Set<MarkKind> = [.line, .area, .bar]
        if let colorSpec = layer.color, let column = table.column(named: colorSpec.field.field),
            colorSpec.scheme == .categorical || !column.type.isNumeric || (seriesMarks.contains(layer.mark) && colorSpec.scheme == nil)
        {
            var seen: [String] = []
            var numeric: [(Double, String)] = []
            var set: Set<String> = []
            for row in rows {
                let value = column.values[row]
                guard !value.isNull else { continue }
                let label = ChartValue.fromCell(value).label
                if set.insert(label).inserted {
                    seen.append(label)
                    if let number = value.double, column.type.isNumeric { numeric.append((number, label)) }
                }
            }
            categories = numeric.count == seen.count ? numeric.sorted { $0.0 < $1.0 }.map(\.1) : seen
        }
        var names: [(String, Int, String?)] = []
        let fields = layer.y.isEmpty ? [FieldSpec(field: layer.x?.field ?? "", location: layer.markLocation)] : layer.y
        for (index, field) in fields.enumerated() {
            for category in categories {
                let name: String
                switch (fields.count > 1, category) {
                case (true, let category?): name = "\(field.field) · \(category)"
                case (false, let category?): name = category
                default: name = field.field
                }
                names.append((name, index, category))
            }
        }
        return names
    }

    static func layerData(
        _ layer: LayerSpec, table: Table, rows: [Int], xKind: AxisKind, yKind: AxisKind, color: ColorMode, slots: [String: Int]
    ) -> LayerData {
        func read(_ field: FieldSpec?, kind: AxisKind) -> [ChartValue?]? {
            guard let field, let column = table.column(named: field.field) else { return nil }
            switch kind {
            case .band: return ColumnReading.labels(column).map { $0.map(ChartValue.text) }
            case .time: return ColumnReading.times(column).map { $0.map(ChartValue.number) }
            case .linear, .log: return column.doubles.map { $0.flatMap { $0.isFinite ? ChartValue.number($0) : nil } }
            }
        }
        let xs = read(layer.x, kind: xKind)
        let bandEdges = read(layer.y2, kind: yKind)
        let colorColumn = layer.color.flatMap { table.column(named: $0.field.field) }
        let colorNumbers = colorColumn?.doubles
        let names = seriesNames(layer, table: table, rows: rows)
        // Category labels are only needed when colour splits the rows into series.
        let colorLabels = names.contains { $0.category != nil } ? colorColumn.map(ColumnReading.labels) : nil
        let sizes = layer.size.flatMap { table.column(named: $0.field) }?.doubles
        let texts = layer.mark == .text ? layer.text.flatMap { table.column(named: $0.field) }.map(ColumnReading.labels) : nil
        let continuousColor: Bool
        if case .continuous = color { continuousColor = true } else { continuousColor = false }

        var series: [Series] = []
        let fields = layer.y
        for (name, yIndex, category) in names {
            let ys = fields.indices.contains(yIndex) ? read(fields[yIndex], kind: yKind) : nil
            var data: [Datum] = []
            data.reserveCapacity(rows.count)
            for row in rows {
                if let category, colorLabels?[row] != category { continue }
                let x = xs?[row] ?? nil
                let y = ys?[row] ?? nil
                // Rules may give only x or only y; every other mark needs both.
                if layer.mark == .rule {
                    if x == nil, y == nil { continue }
                    if layer.x != nil, x == nil { continue }
                    if !fields.isEmpty, y == nil { continue }
                } else if x == nil || y == nil {
                    continue
                }
                var datum = Datum(x: x ?? .number(.nan), y: y ?? .number(.nan))
                if let bandEdges {
                    guard let edge = bandEdges[row]?.number else { continue }
                    datum.base = edge
                }
                if continuousColor { datum.color = colorNumbers?[row] ?? nil }
                datum.size = sizes?[row] ?? nil
                datum.label = texts?[row] ?? nil
                data.append(datum)
            }
            if layer.mark == .line || layer.mark == .area, xKind != .band {
                data = stableSorted(data)
            }
            let colorIndex = slots[name] ?? 0
            series.append(Series(name: name, colorIndex: continuousColor ? nil : colorIndex, data: data))
        }
        return LayerData(spec: layer, series: series, rowCount: rows.count)
    }

    private static func stableSorted(_ data: [Datum]) -> [Datum] {
        var sortedAlready = true
        for index in data.indices.dropFirst() where (data[index].x.number ?? 0) < (data[index - 1].x.number ?? 0) {
            sortedAlready = false
            break
        }
        if sortedAlready { return data }
        return data.enumerated().sorted { a, b in
            let (ax, bx) = (a.element.x.number ?? 0, b.element.x.number ?? 0)
            return ax != bx ? ax < bx : a.offset < b.offset
        }.map(\.element)
    }

    /// Stacks bars and areas of a layer: each series sits on the ones before it,
    /// positives upwards and negatives downwards.
    static func stack(_ layers: inout [LayerData]) {
        for index in layers.indices where layers[index].spec.stack && (layers[index].spec.mark == .bar || layers[index].spec.mark == .area)
        {
            var positive: [ChartValue: Double] = [:]
            var negative: [ChartValue: Double] = [:]
            for s in layers[index].series.indices {
                for d in layers[index].series[s].data.indices {
                    let datum = layers[index].series[s].data[d]
                    guard let value = datum.y.number else { continue }
                    let base = value >= 0 ? positive[datum.x, default: 0] : negative[datum.x, default: 0]
                    layers[index].series[s].data[d].base = base
                    layers[index].series[s].data[d].y = .number(base + value)
                    if value >= 0 { positive[datum.x] = base + value } else { negative[datum.x] = base + value }
                }
            }
        }
    }

    static func categories(_ panels: [(title: String?, layers: [LayerData])], axis: Axis, spec: ChartSpec, tables: [String: Table])
        -> [String]
    {
        var seen: [String] = []
        var set: Set<String> = []
        var allNumeric = true
        var numbers: [String: Double] = [:]
        for layer in spec.layers {
            guard let field = axis == .x ? layer.x : layer.y.first, let column = tables[layer.data]?.column(named: field.field) else {
                continue
            }
            if !column.type.isNumeric { allNumeric = false }
            for row in 0..<column.count {
                let value = column.values[row]
                guard !value.isNull else { continue }
                let label = ChartValue.fromCell(value).label
                if set.insert(label).inserted {
                    seen.append(label)
                    numbers[label] = value.double
                }
            }
        }
        if allNumeric { return seen.sorted { (numbers[$0] ?? 0) < (numbers[$1] ?? 0) } }
        return seen
    }
}
