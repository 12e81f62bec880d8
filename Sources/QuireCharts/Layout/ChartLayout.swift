import Foundation
import QuireData
import QuireDiagnostics

/// A tick placed on an axis: pixel position within a panel and its label.
struct PlacedTick: Sendable {
    var position: Double
    var label: String
    /// Whether the label is drawn (thinned labels keep their grid line).
    var labelled: Bool = true
}

enum LegendPlan: Sendable {
    case none
    /// Swatches in rows above the plot, so they never cover data.
    case categorical(title: String, items: [(name: String, colorIndex: Int, x: Double, y: Double)], mark: MarkKind)
    /// A vertical colour bar right of the plot.
    case colorBar(
        title: String, scheme: ColorSchemeKind, low: Double, high: Double, x: Double, y: Double, height: Double, ticks: [PlacedTick])
    /// A ring of the cyclic map right of the plot.
    case wheel(title: String, low: Double, high: Double, cx: Double, cy: Double, radius: Double)
}

/// Where everything goes: scales, ticks, panels, legend, axis titles.
struct ChartPlan: Sendable {
    var prepared: PreparedChart
    var x: PositionScale
    var y: PositionScale
    var xTicks: [PlacedTick]
    var yTicks: [PlacedTick]
    var rotateXLabels: Bool
    var panelWidth: Double
    var panelHeight: Double
    var panelOrigins: [(x: Double, y: Double)]
    var columns: Int
    var legend: LegendPlan
    var plotLeft: Double
    var plotTop: Double
    var plotRight: Double
    var plotBottom: Double
    var panelTitleHeight: Double

    /// Whether a panel labels its x ticks: only when no panel sits below it.
    func labelsXAxis(panel index: Int) -> Bool {
        index + columns >= panelOrigins.count
    }
}

enum ChartLayout {
    static let tickLabelGap = 5.0
    static let lineHeight = 14.0
    static let legendRowHeight = 16.0
    static let legendTitleGap = 18.0

    static func plan(spec: ChartSpec, prepared: PreparedChart) throws -> ChartPlan {
        let width = spec.width
        let height = spec.height
        // A phone-width chart cannot give a third of its width to the wheel.
        let compactWheel = width < 420
        // Legend first: it takes a band at the top or a column at the right.
        var top = 8.0
        var right = 12.0
        var legend = LegendPlan.none
        var legendItems: [(String, Int)] = []
        var categoricalTitle = ""
        switch prepared.color {
        case .categorical(let title, let names) where names.count > 1:
            let labels = Dictionary(spec.labels.map { ($0.series, $0.text) }, uniquingKeysWith: { first, _ in first })
            legendItems = names.enumerated().map { (labels[$0.element] ?? $0.element, prepared.seriesSlots[$0.element] ?? $0.offset) }
            categoricalTitle = title
        case .continuous(let title, let scheme, _, _):
            let labelWidth = scheme == .cyclic ? 0 : 44.0
            right +=
                scheme == .cyclic
                ? (compactWheel ? 104 : 132)
                : max(18 + labelWidth, TextMetrics.width(title) * TextMetrics.boldFactor + 10)
        default: break
        }

        let leftTitle = prepared.yTitle == nil ? 0 : lineHeight + 4
        let bottomTitle = prepared.xTitle == nil ? 0 : lineHeight + 4
        let facetCount = max(1, prepared.panels.count)
        let columns = max(1, min(spec.facet?.columns ?? 1, facetCount))
        let rows = (facetCount + columns - 1) / columns
        let panelTitleHeight = spec.facet == nil ? 0 : lineHeight + 4
        let xLabelHeight = lineHeight + tickLabelGap

        // Legend rows start at the plot's left edge, which the y labels set; the
        // labels of a panel most of the chart's height are a close guess.
        var legendRows: [[(String, Int, Double)]] = []
        if !legendItems.isEmpty {
            let guessHeight = height * 0.7
            let (_, guessTicks) = axis(
                kind: prepared.yKind, extent: ChartRenderer.yExtent(prepared, annotations: spec.annotations),
                categories: prepared.yCategories, field: spec.layers.first { !$0.y.isEmpty }?.y.first,
                range: (guessHeight, 0), count: max(2, Int(guessHeight / 42)))
            let guessLabels = guessTicks.map { TextMetrics.width(ChartDrawing.shorten($0.label, limit: 30)) }.max() ?? 0
            let available = width - (6 + leftTitle + guessLabels + tickLabelGap + 3) - 6
            var row: [(String, Int, Double)] = []
            // Every row starts after the title, so names line up under each other.
            // The title is bold (wider than the estimate) and needs clear air before the first swatch.
            let titleWidth = categoricalTitle.isEmpty ? 0 : TextMetrics.width(categoricalTitle) * TextMetrics.boldFactor + legendTitleGap
            var used = titleWidth
            for (name, index) in legendItems {
                let itemWidth = 16 + TextMetrics.width(name) + 14
                if !row.isEmpty, used + itemWidth > available {
                    legendRows.append(row)
                    row = []
                    used = titleWidth
                }
                row.append((name, index, used))
                used += itemWidth
            }
            legendRows.append(row)
            top += Double(legendRows.count) * legendRowHeight + 4
        }

        var bottom = 6 + xLabelHeight + bottomTitle
        var rotate = false
        var yScale: PositionScale = .continuous(ContinuousScale(kind: .linear, domain: (0, 1), range: (0, 0)))
        var xScale = yScale
        var yTicks: [PlacedTick] = []
        var xTicks: [PlacedTick] = []
        var left = 0.0
        var panelWidth = 0.0
        var panelHeight = 0.0
        var rotationRoom = 0.0
        let hGap = spec.facet == nil ? 0.0 : 30.0
        let vGap = 10.0

        // Heatmap cells touch; bars keep a gap.
        let bandPadding = spec.layers.contains { $0.mark == .rect } ? 0.03 : 0.2
        let yExtent = withHeadroom(ChartRenderer.yExtent(prepared, annotations: spec.annotations), spec: spec, kind: prepared.yKind)
        let xExtent = ChartRenderer.xExtent(prepared, annotations: spec.annotations)
        for _ in 0..<2 {
            // Shared scales: only the bottom panel of each column labels x, so rows sit close.
            panelHeight = max(20, (height - top - bottom - Double(rows - 1) * vGap - Double(rows) * panelTitleHeight) / Double(rows))
            let yCount = max(2, Int(panelHeight / 42))
            (yScale, yTicks) = axis(
                kind: prepared.yKind, extent: yExtent, categories: prepared.yCategories,
                field: spec.layers.first { !$0.y.isEmpty }?.y.first,
                range: prepared.yKind == .band ? (0, panelHeight) : (panelHeight, 0), count: yCount, padding: bandPadding)
            thinVertically(&yTicks)
            let yLabelWidth = yTicks.filter(\.labelled).map { TextMetrics.width(ChartDrawing.shorten($0.label, limit: 30)) }.max() ?? 0
            left = max(6 + leftTitle + yLabelWidth + tickLabelGap + 3, rotationRoom)
            var lastLabel = 0.0
            for _ in 0..<2 {
                panelWidth = max(20, (width - left - right - lastLabel - Double(columns - 1) * hGap) / Double(columns))
                let xCount = max(2, Int(panelWidth / 70))
                (xScale, xTicks) = axis(
                    kind: prepared.xKind, extent: xExtent, categories: prepared.xCategories, field: spec.layers.lazy.compactMap(\.x).first,
                    range: (0, panelWidth), count: xCount, padding: bandPadding)
                // A label centred on the last tick may reach past the plot.
                let overhang = xTicks.last.map { TextMetrics.width($0.label) / 2 - (panelWidth - $0.position) } ?? 0
                lastLabel = max(0, overhang - right + 4)
            }
            let fit = fitLabels(&xTicks)
            if fit.rotate, let first = xTicks.first(where: \.labelled) {
                // A turned label hangs left of its tick; keep the first one inside the chart.
                let hang = min(TextMetrics.width(ChartDrawing.shorten(first.label)), 170) * 0.71 + 4
                rotationRoom = max(rotationRoom, hang - first.position)
            }
            if fit.rotate != rotate {
                rotate = fit.rotate
                bottom = 6 + fit.height + bottomTitle + (fit.rotate ? 4 : 0)
            } else {
                break
            }
        }

        // Rules may give only one axis; the other has nothing to label.
        if !spec.layers.contains(where: { $0.x != nil }) { xTicks = [] }
        if !spec.layers.contains(where: { !$0.y.isEmpty }) { yTicks = [] }

        var origins: [(x: Double, y: Double)] = []
        for index in 0..<facetCount {
            let column = index % columns
            let row = index / columns
            let x = left + Double(column) * (panelWidth + hGap)
            let y = top + panelTitleHeight + Double(row) * (panelHeight + vGap + panelTitleHeight)
            origins.append((x, y))
        }
        let plotRight = left + Double(columns) * panelWidth + Double(columns - 1) * hGap
        let plotBottom = (origins.last?.y ?? top) + panelHeight

        switch prepared.color {
        case .categorical where !legendRows.isEmpty:
            var items: [(name: String, colorIndex: Int, x: Double, y: Double)] = []
            for (rowIndex, row) in legendRows.enumerated() {
                for (name, colorIndex, offset) in row {
                    items.append((name, colorIndex, left + offset, 8 + Double(rowIndex) * legendRowHeight))
                }
            }
            legend = .categorical(title: categoricalTitle, items: items, mark: spec.layers.first?.mark ?? .line)
        case .continuous(let title, let scheme, let low, let high):
            if scheme == .cyclic {
                let radius = compactWheel ? 18.0 : 26.0
                legend = .wheel(
                    title: title, low: low, high: high, cx: plotRight + (compactWheel ? 40 : 44) + radius, cy: top + 20 + radius + 10,
                    radius: radius)
            } else {
                let barHeight = min(160, plotBottom - top - 20)
                let scale = ContinuousScale(kind: .linear, domain: (low, high), range: (barHeight, 0))
                let ticks = scale.ticks(count: max(2, Int(barHeight / 36))).map { PlacedTick(position: scale($0.value), label: $0.label) }
                legend = .colorBar(
                    title: title, scheme: scheme, low: low, high: high, x: plotRight + 18, y: top + 20, height: barHeight, ticks: ticks)
            }
        default: break
        }

        return ChartPlan(
            prepared: prepared, x: xScale, y: yScale, xTicks: xTicks, yTicks: yTicks, rotateXLabels: rotate,
            panelWidth: panelWidth, panelHeight: panelHeight, panelOrigins: origins, columns: columns, legend: legend,
            plotLeft: left, plotTop: top, plotRight: plotRight, plotBottom: plotBottom, panelTitleHeight: panelTitleHeight)
    }

    /// The scale and ticks of one axis.
    static func axis(
        kind: AxisKind, extent: (Double, Double)?, categories: [String], field: FieldSpec?,
        range: (Double, Double), count: Int, padding: Double = 0.2
    ) -> (PositionScale, [PlacedTick]) {
        if kind == .band {
            let scale = BandScale(categories: categories, range: range, padding: padding)
            let labels = bandLabels(categories, format: field?.format.flatMap { try? NumberFormat($0) })
            let ticks = zip(categories, labels).compactMap { category, label in
                scale.center(category).map { PlacedTick(position: $0, label: label) }
            }
            return (.band(scale), ticks)
        }
        let continuous = kind.continuousKind ?? .linear
        var (low, high) = extent ?? (0, 1)
        if let domain = field?.domain {
            (low, high) = (domain[0], domain[1])
        } else {
            (low, high) = ContinuousScale.niceDomain(kind: continuous, low, high, count: count)
        }
        if continuous == .log, low <= 0 || high <= 0 { (low, high) = (1, 10) }
        let format = field?.format.flatMap { try? NumberFormat($0) }
        let scale = ContinuousScale(kind: continuous, domain: (low, high), range: range, format: format)
        let ticks = scale.ticks(count: count).map { PlacedTick(position: scale($0.value), label: $0.label) }
        return (.continuous(scale), ticks)
    }

    /// Categories that are all numbers read as the value axes' numbers do:
    /// with the author's `format`, or else grouped (`20,000`) once some have
    /// five digits; four-digit ones alone stay as written, as years are.
    static func bandLabels(_ categories: [String], format: NumberFormat?) -> [String] {
        let values = categories.map { Double($0.replacingOccurrences(of: "\u{2212}", with: "-")) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return categories }
        if let format { return values.map { format.format($0!) } }
        guard values.contains(where: { abs($0!) >= 10_000 }), values.allSatisfy({ $0! == $0!.rounded() && abs($0!) < 1e15 }) else {
            return categories
        }
        return values.map { TickFormat.grouped($0!) }
    }

    /// Room above the tallest bar, so it does not meet the plot's top edge
    /// and read as cut off. Only a linear value axis the author did not bound.
    static func withHeadroom(_ extent: (Double, Double)?, spec: ChartSpec, kind: AxisKind) -> (Double, Double)? {
        guard let (low, high) = extent, kind == .linear, high > 0, spec.layers.contains(where: { $0.mark == .bar }),
            spec.layers.first(where: { !$0.y.isEmpty })?.y.first?.domain == nil
        else { return extent }
        return (low, high + (high - min(low, 0)) * 0.05)
    }

    /// Keeps x labels from overlapping: horizontal if they fit, otherwise
    /// turned 45° if that is enough, otherwise only every k-th label shown.
    static func fitLabels(_ ticks: inout [PlacedTick]) -> (rotate: Bool, height: Double) {
        guard ticks.count > 1 else { return (false, lineHeight + tickLabelGap) }
        let spacing = zip(ticks.dropFirst(), ticks).map { abs($0.position - $1.position) }.filter(\.isFinite).min() ?? 0
        let widest = ticks.map { TextMetrics.width($0.label) }.max() ?? 0
        if widest + 6 <= spacing { return (false, lineHeight + tickLabelGap) }
        let rotatedNeed = lineHeight * 1.2
        var rotate = false
        var stride = 1
        if widest > 40 {
            rotate = true
            stride = Int((rotatedNeed / max(spacing, 0.1)).rounded(.up))
        } else {
            stride = Int(((widest + 6) / max(spacing, 0.1)).rounded(.up))
        }
        if stride > 1 {
            for index in ticks.indices { ticks[index].labelled = index % stride == 0 }
        }
        let shown = ticks.filter(\.labelled).map { TextMetrics.width($0.label) }.max() ?? 0
        return (rotate, rotate ? rotatedDepth(shown) : lineHeight + tickLabelGap)
    }

    /// Many categories on the y axis (a tall heatmap): label every k-th so lines never touch.
    static func thinVertically(_ ticks: inout [PlacedTick]) {
        guard ticks.count > 1 else { return }
        let spacing = zip(ticks.dropFirst(), ticks).map { abs($0.position - $1.position) }.filter(\.isFinite).min() ?? 0
        let needed = lineHeight - 1
        guard spacing < needed else { return }
        let stride = Int((needed / max(spacing, 0.01)).rounded(.up))
        for index in ticks.indices { ticks[index].labelled = index % stride == 0 }
    }

    /// How far below the axis line labels turned 45° reach: tick, gap, the
    /// label's drop, and its own height turned.
    static func rotatedDepth(_ labelWidth: Double) -> Double {
        4 + tickLabelGap + 8 + min(labelWidth, 170) * 0.71 + 9
    }
}
