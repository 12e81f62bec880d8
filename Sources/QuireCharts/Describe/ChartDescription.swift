import Foundation

/// The words behind `<desc>` and the image's alt text: which mark, which
/// columns over which ranges, how many points, and what was thinned.
enum ChartDescription {
    static func describe(spec: ChartSpec, prepared: PreparedChart, plan: ChartPlan, notes: [String]) -> String {
        var sentences: [String] = []
        let marks = spec.layers.map(\.mark.rawValue)
        let markText = Array(NSOrderedSet(array: marks)).compactMap { $0 as? String }.joined(separator: " and ")
        let kind = markText == "rect" ? "heatmap" : "\(markText) chart"
        var first = "A \(kind)"
        if prepared.horizontal, let layer = spec.layers.first, let value = layer.x?.field, let category = layer.y.first?.field {
            first = "A horizontal bar chart of \(value) by \(category)"
        } else if let layer = spec.layers.first {
            let ys = layer.y.map(\.field)
            if !ys.isEmpty { first += " of \(list(ys))" }
            if let x = layer.x?.field { first += " against \(x)" }
        }
        if let facet = spec.facet { first += ", in \(prepared.panels.count) panels by \(facet.field.field)" }
        sentences.append(first + ".")

        if let x = axisRange(plan.x, title: prepared.xTitle, kind: prepared.xKind, data: extent(prepared, x: true)) { sentences.append(x) }
        if let y = axisRange(
            plan.y, title: prepared.yTitle ?? spec.layers.first?.y.first?.field, kind: prepared.yKind, data: extent(prepared, x: false))
        {
            sentences.append(y)
        }

        var seriesNames: [String] = []
        var rows = 0
        for panel in prepared.panels {
            for layer in panel.layers {
                rows += layer.rowCount
                for series in layer.series where !seriesNames.contains(series.name) { seriesNames.append(series.name) }
            }
        }
        if seriesNames.count > 1 {
            let shown = seriesNames.prefix(8)
            let stacked = spec.layers.contains { $0.stack && ($0.mark == .bar || $0.mark == .area) }
            let names = seriesNames.count > 8 ? shown.joined(separator: ", ") + " and \(seriesNames.count - 8) more" : list(Array(shown))
            sentences.append("\(seriesNames.count) series\(stacked ? ", stacked" : ""): \(names).")
        }
        switch prepared.color {
        case .continuous(let title, let scheme, let low, let high):
            let radians = scheme == .cyclic && abs((high - low) - 2 * Double.pi) < 1e-9
            let ends = radians ? (LegendDrawing.radians(low), low == 0 ? "2π" : LegendDrawing.radians(high)) : (number(low), number(high))
            sentences.append("Colour shows \(title) on a \(scheme.rawValue) scale from \(ends.0) to \(ends.1)\(radians ? " radians" : "").")
        default: break
        }
        sentences.append("\(count(rows)) data rows.")
        for annotation in spec.annotations {
            guard let label = annotation.label else { continue }
            let place: String
            switch annotation.x ?? annotation.y {
            case .number(let n)?: place = number(n)
            case .text(let t)?: place = t
            case nil: place = ""
            }
            sentences.append("Marked at \(annotation.x != nil ? "x" : "y") = \(place): \(label).")
        }
        sentences += notes
        return sentences.joined(separator: " ")
    }

    /// The range the data covers (not the rounded axis), so the words match the rows.
    static func extent(_ prepared: PreparedChart, x: Bool) -> (Double, Double)? {
        var low = Double.infinity
        var high = -Double.infinity
        for panel in prepared.panels {
            for layer in panel.layers {
                for series in layer.series {
                    for datum in series.data {
                        guard let number = (x ? datum.x : datum.y).number, number.isFinite else { continue }
                        low = min(low, number)
                        high = max(high, number)
                    }
                }
            }
        }
        return low <= high ? (low, high) : nil
    }

    static func axisRange(_ scale: PositionScale, title: String?, kind: AxisKind, data: (Double, Double)?) -> String? {
        guard let title else { return nil }
        switch scale {
        case .continuous:
            guard let (low, high) = data else { return nil }
            if kind == .time { return "\(title) runs from \(CivilTime.describe(low)) to \(CivilTime.describe(high))." }
            return "\(title) ranges from \(number(low)) to \(number(high))\(kind == .log ? " (log scale)" : "")."
        case .band(let band):
            let names = band.categories.count > 6 ? band.categories.prefix(5).joined(separator: ", ") + ", …" : list(band.categories)
            return "\(title) has \(band.categories.count) categories: \(names)."
        }
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return "\(items[0]) and \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }

    /// Whole numbers with separators (30,000), others to four significant digits (0.1235, 2.5e-7).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return TickFormat.grouped(value)
        }
        return TickFormat.significant(4)(value)
    }

    /// 20,000 with a thousands separator.
    static func count(_ n: Int) -> String {
        TickFormat.grouped(Double(n))
    }
}
