import Foundation

/// Draws one layer's marks inside a panel (panel-local pixels).
struct MarkDrawing {
    let plan: ChartPlan
    let layer: LayerData

    func draw(into svg: inout SVGWriter) {
        switch layer.spec.mark {
        case .line: drawLines(&svg, area: false)
        case .area: drawLines(&svg, area: true)
        case .point: PointDrawing(plan: plan, layer: layer).draw(into: &svg)
        case .bar: drawBars(&svg)
        case .rect: drawCells(&svg)
        case .rule: drawRules(&svg)
        case .text: drawTexts(&svg)
        }
    }

    /// A series' one colour: its palette slot, or, when a numeric column
    /// split lines or bars into series, that value on the continuous scale.
    func seriesColor(_ series: Series) -> String {
        if case .continuous(_, let scheme, let low, let high) = plan.prepared.color,
            let value = series.data.first(where: { $0.color != nil })?.color
        {
            return ChartColors.continuous(value, scheme: scheme, low: low, high: high).hex
        }
        return ChartColors.series(series.colorIndex ?? 0)
    }

    func datumColor(_ datum: Datum, series: Series) -> String {
        if case .continuous(_, let scheme, let low, let high) = plan.prepared.color, let value = datum.color {
            return ChartColors.continuous(value, scheme: scheme, low: low, high: high).hex
        }
        return seriesColor(series)
    }

    /// The author's `strokeDash`, as SVG writes it.
    private var dashArray: String? {
        layer.spec.strokeDash.map { $0.map(PixelText.string).joined(separator: " ") }
    }

    private func drawLines(_ svg: inout SVGWriter, area: Bool) {
        for series in layer.series {
            var line = PathBuilder()
            var outline: [(Double, Double, Double)] = []
            for datum in series.data {
                guard let x = plan.x.position(datum.x), let y = plan.y.position(datum.y) else { continue }
                if line.isEmpty { line.move(x, y) } else { line.line(x, y) }
                if area { outline.append((x, y, plan.y.position(.number(datum.base)) ?? plan.panelHeight)) }
            }
            guard !line.isEmpty else { continue }
            let color = seriesColor(series)
            if area, let first = outline.first {
                var fill = PathBuilder()
                fill.move(first.0, first.2)
                for point in outline { fill.line(point.0, point.1) }
                for point in outline.reversed() { fill.line(point.0, point.2) }
                fill.closePath()
                svg.element("path", ["class": "area", "d": fill.data, "fill": color, "fill-opacity": ".35"])
            }
            // A band between y and y2 is the shading alone; its line goes in another layer.
            if layer.spec.y2 != nil { continue }
            svg.element(
                "path",
                [
                    "class": "line", "d": line.data, "fill": "none", "stroke": color, "stroke-width": "1.5",
                    "stroke-dasharray": dashArray ?? ChartColors.dash(series.colorIndex ?? 0),
                    "stroke-linejoin": "round", "stroke-linecap": "round", "data-series": series.name,
                ])
        }
    }

    private func drawBars(_ svg: inout SVGWriter) {
        if plan.prepared.horizontal { return drawSidewaysBars(&svg) }
        let grouped = !layer.spec.stack && layer.series.count > 1
        let seriesCount = Double(layer.series.count)
        let width: Double
        switch plan.x {
        case .band(let band): width = band.bandwidth
        case .continuous: width = max(1, minimumGap() * 0.8)
        }
        for (index, series) in layer.series.enumerated() {
            svg.open("g", ["class": "bars", "fill": seriesColor(series), "data-series": series.name])
            for datum in series.data {
                guard let center = plan.x.position(datum.x), let top = plan.y.position(datum.y),
                    let bottom = plan.y.position(.number(datum.base)) ?? Optional(plan.panelHeight)
                else { continue }
                var left = center - width / 2
                var barWidth = width
                if grouped {
                    barWidth = width / seriesCount
                    left += Double(index) * barWidth
                }
                let y = min(top, bottom)
                let height = abs(bottom - top)
                svg.element(
                    "rect",
                    [
                        "x": PixelText.string(left), "y": PixelText.string(y),
                        "width": PixelText.string(max(0.1, barWidth - (grouped ? 1 : 0))), "height": PixelText.string(height),
                    ])
            }
            svg.close("g")
        }
    }

    /// Bars along x from their base, one band of the y axis each.
    private func drawSidewaysBars(_ svg: inout SVGWriter) {
        guard case .band(let band) = plan.y else { return }
        let grouped = !layer.spec.stack && layer.series.count > 1
        let seriesCount = Double(layer.series.count)
        for (index, series) in layer.series.enumerated() {
            svg.open("g", ["class": "bars", "fill": seriesColor(series), "data-series": series.name])
            for datum in series.data {
                guard let top = band.start(datum.y.label), let end = plan.x.position(datum.x) else { continue }
                let start = plan.x.position(.number(datum.base)) ?? 0
                var y = top
                var height = band.bandwidth
                if grouped {
                    height = band.bandwidth / seriesCount
                    y += Double(index) * height
                }
                svg.element(
                    "rect",
                    [
                        "x": PixelText.string(min(start, end)), "y": PixelText.string(y),
                        "width": PixelText.string(abs(end - start)), "height": PixelText.string(max(0.1, height - (grouped ? 1 : 0))),
                    ])
            }
            svg.close("g")
        }
    }

    private func minimumGap() -> Double {
        var xs = layer.series.flatMap { $0.data.compactMap { plan.x.position($0.x) } }
        xs.sort()
        let gaps = zip(xs.dropFirst(), xs).map { $0 - $1 }.filter { $0 > 0.01 }
        return gaps.min() ?? plan.panelWidth / 10
    }

    private func drawCells(_ svg: inout SVGWriter) {
        guard case .band(let xBand) = plan.x, case .band(let yBand) = plan.y else {
            // Without two band axes a heatmap has no cells; draw squares at the points instead.
            return PointDrawing(plan: plan, layer: layer).draw(into: &svg)
        }
        // One path per (quantised) colour: a cell costs ~20 bytes instead of a <rect>'s ~70.
        var paths: [Int: (color: String, path: PathBuilder)] = [:]
        var order: [Int] = []
        for series in layer.series {
            for datum in series.data {
                guard let x = xBand.start(datum.x.label), let y = yBand.start(datum.y.label) else { continue }
                var key = -1
                var color = seriesColor(series)
                if case .continuous(_, let scheme, let low, let high) = plan.prepared.color, let value = datum.color, value.isFinite {
                    let quantised = ChartColors.quantised(value, scheme: scheme, low: low, high: high)
                    key = quantised.step
                    color = quantised.color.hex
                }
                if paths[key] == nil {
                    paths[key] = (color, PathBuilder())
                    order.append(key)
                }
                paths[key]?.path.rectangle(x: x, y: y, width: xBand.bandwidth, height: yBand.bandwidth)
            }
        }
        svg.open("g", ["class": "cells"])
        for key in order.sorted() {
            guard let entry = paths[key] else { continue }
            svg.element("path", ["d": entry.path.data, "fill": entry.color])
        }
        svg.close("g")
    }

    private func drawRules(_ svg: inout SVGWriter) {
        for series in layer.series {
            var path = PathBuilder()
            for datum in series.data {
                let x = datum.x.number?.isNaN == true ? nil : plan.x.position(datum.x)
                let y = datum.y.number?.isNaN == true ? nil : plan.y.position(datum.y)
                switch (x, y) {
                case (let x?, nil):
                    path.move(x, 0)
                    path.line(x, plan.panelHeight)
                case (nil, let y?):
                    path.move(0, y)
                    path.line(plan.panelWidth, y)
                case (let x?, let y?):
                    path.move(x, plan.y.position(.number(datum.base)) ?? plan.panelHeight)
                    path.line(x, y)
                default: continue
                }
            }
            guard !path.isEmpty else { continue }
            svg.element(
                "path",
                [
                    "class": "rule", "d": path.data, "stroke": seriesColor(series), "stroke-width": "1.5", "fill": "none",
                    "stroke-dasharray": dashArray ?? "", "data-series": series.name,
                ])
        }
    }

    private func drawTexts(_ svg: inout SVGWriter) {
        svg.open("g", ["class": "texts", "text-anchor": "middle", "font-size": "10"])
        for series in layer.series {
            for datum in series.data {
                guard let label = datum.label, let x = plan.x.position(datum.x), let y = plan.y.position(datum.y) else { continue }
                let (px, py) = (PixelText.string(x), PixelText.string(y))
                if case .continuous(_, .cyclic, let low, let high) = plan.prepared.color, let value = datum.color, value.isFinite {
                    // Small coloured words need more contrast than dots: a darker tone on
                    // a light page, a lighter one (switched by ChartStyle's rule) on a dark page.
                    let t = high == low ? 0.5 : (value - low) / (high - low)
                    svg.element(
                        "text",
                        [
                            "x": px, "y": py, "dy": ".32em", "fill": Palettes.cyclicText(t, dark: false).hex, "class": ChartStyle.toneClass,
                            "style": "\(ChartStyle.darkFillProperty):\(Palettes.cyclicText(t, dark: true).hex)",
                        ], text: label)
                } else {
                    let fill = datum.color == nil ? "currentColor" : datumColor(datum, series: series)
                    svg.element("text", ["x": px, "y": py, "dy": ".32em", "fill": fill], text: label)
                }
            }
        }
        svg.close("g")
    }
}

/// Dots as round caps of zero-length segments, one path per colour and size.
/// Dense clouds stay small: positions are rounded to whole pixels, a pixel
/// drawn twice in one colour is drawn once, dots run row by row so each move
/// is a few digits, and a run of neighbouring pixels in a row is one segment
/// (`h3` for four dots), which its round caps draw exactly as the four dots.
struct PointDrawing {
    let plan: ChartPlan
    let layer: LayerData

    func draw(into svg: inout SVGWriter) {
        let total = layer.series.reduce(0) { $0 + $1.data.count }
        let baseDiameter = total > 5000 ? 3.0 : total > 1000 ? 4.0 : 5.0
        let maxSize = layer.series.flatMap { $0.data.compactMap(\.size) }.filter(\.isFinite).max() ?? 0
        let opacity = total > 1000 ? ".7" : ".85"
        for series in layer.series {
            // Group key: (colour slot, diameter in half pixels); order of first appearance.
            var groups: [Int: (color: String, diameter: Double, pixels: [PixelDot])] = [:]
            var order: [Int] = []
            for datum in series.data {
                guard let x = plan.x.position(datum.x), let y = plan.y.position(datum.y) else { continue }
                var diameter = baseDiameter
                if let size = datum.size, size.isFinite, maxSize > 0 {
                    diameter = max(2, (max(0, size) / maxSize).squareRoot() * 16)
                }
                let halfPixels = Int((diameter * 2).rounded())
                var colorSlot = -1
                var color = ChartColors.series(series.colorIndex ?? 0)
                if case .continuous(_, let scheme, let low, let high) = plan.prepared.color, let value = datum.color, value.isFinite {
                    let quantised = ChartColors.quantised(value, scheme: scheme, low: low, high: high)
                    colorSlot = quantised.step
                    color = quantised.color.hex
                }
                let key = (colorSlot + 1) * 1000 + halfPixels
                if groups[key] == nil {
                    groups[key] = (color, Double(halfPixels) / 2, [])
                    order.append(key)
                }
                groups[key]?.pixels.append(PixelDot(x: x, y: y))
            }
            for key in order {
                guard let group = groups[key] else { continue }
                svg.element(
                    "path",
                    [
                        "class": "points", "d": PixelDot.pathData(group.pixels), "stroke": group.color,
                        "stroke-width": PixelText.string(group.diameter), "stroke-linecap": "round",
                        "stroke-opacity": opacity, "fill": "none", "data-series": series.name,
                    ])
            }
        }
    }
}

/// A dot's position on the whole-pixel grid (at most half a pixel from the
/// data along each axis).
struct PixelDot: Comparable {
    var y: Int
    var x: Int

    init(x: Double, y: Double) {
        self.x = Int(min(max(x, -1e6), 1e6).rounded())
        self.y = Int(min(max(y, -1e6), 1e6).rounded())
    }

    static func < (a: PixelDot, b: PixelDot) -> Bool { (a.y, a.x) < (b.y, b.x) }

    /// `M x y h0 m dx dy h2 …`: distinct pixels row by row, neighbours in a
    /// row joined into one segment, every move relative to the last end.
    static func pathData(_ dots: [PixelDot]) -> String {
        let sorted = dots.sorted()
        var data = ""
        data.reserveCapacity(sorted.count * 6)
        var end: PixelDot?
        var index = 0
        while index < sorted.count {
            let first = sorted[index]
            var last = first
            index += 1
            while index < sorted.count, sorted[index].y == first.y, sorted[index].x <= last.x + 1 {
                last = sorted[index]
                index += 1
            }
            if let end {
                let dx = first.x - end.x
                let dy = first.y - end.y
                data += "m" + String(dx) + (dy < 0 ? "" : " ") + String(dy)
            } else {
                data += "M" + String(first.x) + " " + String(first.y)
            }
            data += "h" + String(last.x - first.x)
            end = last
        }
        return data
    }
}
