import Foundation
import QuireDiagnostics

/// Extents of the data on each axis, before they are made nice.
extension ChartRenderer {
    static func xExtent(_ prepared: PreparedChart, annotations: [AnnotationSpec]) -> (Double, Double)? {
        var low = Double.infinity
        var high = -Double.infinity
        for panel in prepared.panels {
            for layer in panel.layers {
                // Sideways bars grow from zero (or the bar stacked before them) along x.
                let fromBase = prepared.horizontal && layer.spec.mark == .bar
                for series in layer.series {
                    for datum in series.data {
                        guard let x = datum.x.number, x.isFinite else { continue }
                        if prepared.xKind == .log, x <= 0 { continue }
                        low = min(low, x)
                        high = max(high, x)
                        if fromBase, prepared.xKind == .linear {
                            low = min(low, datum.base)
                            high = max(high, datum.base)
                        }
                    }
                }
            }
        }
        for annotation in annotations {
            if case .number(let x)? = annotation.x {
                low = min(low, x)
                high = max(high, x)
            }
            if case .text(let text)? = annotation.x, prepared.xKind == .time, let x = CivilTime.parse(text) {
                low = min(low, x)
                high = max(high, x)
            }
        }
        return low <= high ? (low, high) : nil
    }

    static func yExtent(_ prepared: PreparedChart, annotations: [AnnotationSpec]) -> (Double, Double)? {
        var low = Double.infinity
        var high = -Double.infinity
        var includeZero = false
        for panel in prepared.panels {
            for layer in panel.layers {
                // A band's base is its y2 column, not zero.
                let band = layer.spec.y2 != nil
                if layer.spec.mark == .bar || layer.spec.mark == .area, !band { includeZero = true }
                for series in layer.series {
                    for datum in series.data {
                        guard let y = datum.y.number, y.isFinite else { continue }
                        if prepared.yKind == .log, y <= 0 { continue }
                        let base =
                            layer.spec.stack || (band && datum.base.isFinite && (prepared.yKind != .log || datum.base > 0)) ? datum.base : y
                        low = min(low, y, base)
                        high = max(high, y, base)
                    }
                }
            }
        }
        for annotation in annotations {
            if case .number(let y)? = annotation.y {
                low = min(low, y)
                high = max(high, y)
            }
        }
        guard low <= high else { return nil }
        if includeZero, prepared.yKind == .linear {
            low = min(low, 0)
            high = max(high, 0)
        }
        return (low, high)
    }

    /// Log axes cannot show zero or negative values: say so where the axis was chosen.
    static func checkLogAxis(_ spec: ChartSpec, _ prepared: PreparedChart) throws {
        for (kind, axis) in [(prepared.xKind, Axis.x), (prepared.yKind, Axis.y)] where kind == .log {
            for panel in prepared.panels {
                for layer in panel.layers {
                    for series in layer.series {
                        let bad = series.data.first { datum in
                            let value = axis == .x ? datum.x.number : datum.y.number
                            return (value ?? 1) <= 0
                        }
                        if bad != nil {
                            let field = axis == .x ? layer.spec.x : layer.spec.y.first
                            throw Diagnostic.error(
                                at: field?.location ?? spec.location,
                                "a log scale needs values above 0, but '\(field?.field ?? "")' has 0 or less",
                                hint: "use scale: linear, or filter the rows with a query first")
                        }
                    }
                }
            }
        }
    }
}
