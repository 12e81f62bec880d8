import Foundation
import QuireData
import QuireDiagnostics

/// A rendered chart: inline SVG for the page, a standalone SVG for feeds and
/// downloads, the full data as CSV, and the words that describe it.
package struct RenderedChart: Sendable, Equatable {
    /// `<svg …>` for inline use: colours from CSS custom properties with fallbacks.
    package var svg: String
    /// The same drawing with its own light and dark colours, for `<img>` and files.
    package var standaloneSVG: String
    /// The generated (or the author's `alt`) text description.
    package var description: String
    /// Notes for the caption, e.g. that points were thinned.
    package var notes: [String]
    package var title: String
}

/// Renders a parsed chart spec against its tables. Knows nothing of pages or
/// directives; `idPrefix` keeps its element ids unique where it is embedded.
package struct ChartRenderer: Sendable {
    package var idPrefix: String
    /// Marks the inline SVG as the wide or the phone layout of a figure.
    package var variant: ChartVariant
    /// Colours by series name shared with the post's other charts; nil: this chart's own order.
    package var palette: SeriesPalette?

    package init(idPrefix: String, variant: ChartVariant = .only, palette: SeriesPalette? = nil) {
        self.idPrefix = idPrefix
        self.variant = variant
        self.palette = palette
    }

    package func render(_ spec: ChartSpec, tables: [String: Table]) throws -> RenderedChart {
        let prepared = try Self.prepare(spec, tables: tables, palette: palette)
        try Self.checkLogAxis(spec, prepared)
        var plan = try ChartLayout.plan(spec: spec, prepared: prepared)
        var notes = Self.thin(&plan, spec: spec)
        let annotations = AnnotationLayout(spec: spec, plan: plan)
        let title = spec.title.map(Self.plainText) ?? Self.defaultTitle(spec)
        let description = spec.alt ?? ChartDescription.describe(spec: spec, prepared: prepared, plan: plan, notes: notes)
        // The description already names every marker; the caption needs the numbers' key.
        if let note = annotations.note { notes.append(note) }
        let body = ChartDrawing(plan: plan, spec: spec, prefix: idPrefix, annotations: annotations).draw()
        let svg = ChartStyle.inlineSVG(
            width: spec.width, height: spec.height, prefix: idPrefix, title: title, description: description, body: body,
            variant: variant)
        let standalone = ChartStyle.standaloneSVG(
            width: spec.width, height: spec.height, prefix: idPrefix, title: title, description: description, body: body)
        return RenderedChart(svg: svg, standaloneSVG: standalone, description: description, notes: notes, title: title)
    }

    /// A Markdown title as plain words for `<title>`: `**`, `*` and backticks
    /// dropped, `[text](url)` reduced to its text. Underscores stay (column names).
    static func plainText(_ markdown: String) -> String {
        var text = markdown.replacingOccurrences(of: "**", with: "")
        text = text.replacingOccurrences(of: "`", with: "")
        text = text.replacingOccurrences(of: "*", with: "")
        if let pattern = try? Regex(#"\[([^\]]*)\]\([^)]*\)"#) {
            text = text.replacing(pattern) { match in match.output[1].substring.map(String.init) ?? "" }
        }
        return text
    }

    static func defaultTitle(_ spec: ChartSpec) -> String {
        guard let layer = spec.layers.first else { return "Chart" }
        let ys = layer.y.map(\.field).joined(separator: ", ")
        if let x = layer.x?.field, !ys.isEmpty { return "\(ys) by \(x)" }
        return ys.isEmpty ? (layer.x?.field ?? "Chart") : ys
    }

    /// Thins lines (LTTB, two points per horizontal pixel) and dense point
    /// clouds (a reproducible sample of `max_points`), and says what it did.
    static func thin(_ plan: inout ChartPlan, spec: ChartSpec) -> [String] {
        var notes: [String] = []
        let lineTarget = max(16, Int(plan.panelWidth * 2))
        var thinnedLines = 0
        var lineBefore = 0
        var lineAfter = 0
        let totalPoints = plan.prepared.panels.reduce(0) { sum, panel in
            sum + panel.layers.filter { $0.spec.mark == .point }.reduce(0) { $0 + $1.series.reduce(0) { $0 + $1.data.count } }
        }
        var pointsKept = 0
        for p in plan.prepared.panels.indices {
            for l in plan.prepared.panels[p].layers.indices {
                let mark = plan.prepared.panels[p].layers[l].spec.mark
                for s in plan.prepared.panels[p].layers[l].series.indices {
                    let data = plan.prepared.panels[p].layers[l].series[s].data
                    if mark == .line || mark == .area, plan.prepared.xKind != .band, data.count > lineTarget {
                        // Triangles are measured in pixels, so log axes thin as they look.
                        let xs = data.map { plan.x.position($0.x) ?? 0 }
                        let ys = data.map { plan.y.position($0.y) ?? 0 }
                        let kept = LTTB.indices(x: xs, y: ys, target: lineTarget)
                        plan.prepared.panels[p].layers[l].series[s].data = kept.map { data[$0] }
                        thinnedLines += 1
                        lineBefore += data.count
                        lineAfter += kept.count
                    } else if mark == .point, totalPoints > spec.maxPoints {
                        let limit = max(1, Int(Double(spec.maxPoints) * Double(data.count) / Double(totalPoints)))
                        let kept = PointSampler.indices(count: data.count, limit: limit)
                        plan.prepared.panels[p].layers[l].series[s].data = kept.map { data[$0] }
                        pointsKept += kept.count
                    } else if mark == .point {
                        pointsKept += data.count
                    }
                }
            }
        }
        if thinnedLines > 0 {
            notes.append(
                "Lines drawn with \(ChartDescription.count(lineAfter)) of \(ChartDescription.count(lineBefore)) points (largest-triangle-three-buckets)."
            )
        }
        if totalPoints > spec.maxPoints {
            notes.append(
                "Showing a fixed sample of \(ChartDescription.count(pointsKept)) of \(ChartDescription.count(totalPoints)) points; the CSV has them all."
            )
        }
        return notes
    }
}
