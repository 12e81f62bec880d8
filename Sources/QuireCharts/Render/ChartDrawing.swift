import Foundation

/// Writes the SVG body of a planned chart: panels with grid, axes, marks and
/// annotations, then the legend and the axis titles.
struct ChartDrawing {
    let plan: ChartPlan
    let spec: ChartSpec
    let prefix: String
    let annotations: AnnotationLayout

    func draw() -> String {
        var svg = SVGWriter()
        let clipID = "\(prefix)-clip"
        svg.open("defs")
        svg.open("clipPath", ["id": clipID])
        svg.element(
            "rect",
            ["x": "-4", "y": "-4", "width": PixelText.string(plan.panelWidth + 8), "height": PixelText.string(plan.panelHeight + 8)])
        svg.close("clipPath")
        svg.close("defs")

        for (index, panel) in plan.prepared.panels.enumerated() {
            let origin = plan.panelOrigins[index]
            let firstColumn = index % plan.columns == 0
            svg.open("g", ["class": "panel", "transform": "translate(\(PixelText.string(origin.x)) \(PixelText.string(origin.y)))"])
            if let title = panel.title {
                let label = (spec.facet?.field.title ?? spec.facet?.field.field).map { "\($0) = \(title)" } ?? title
                svg.element("text", ["class": "panel-title", "x": "0", "y": "-6", "font-weight": "600"], text: label)
            }
            drawGrid(&svg)
            drawXAxis(&svg, labels: plan.labelsXAxis(panel: index))
            drawYAxis(&svg, labels: firstColumn)
            svg.open("g", ["class": "marks", "clip-path": "url(#\(clipID))"])
            for layer in panel.layers {
                if let opacity = layer.spec.opacity {
                    svg.open("g", ["class": "faded", "opacity": TickFormat.fixed(decimals: 3, trim: true)(opacity)])
                }
                MarkDrawing(plan: plan, layer: layer).draw(into: &svg)
                if layer.spec.opacity != nil { svg.close("g") }
            }
            svg.close("g")
            drawAnnotations(&svg)
            svg.close("g")
        }
        drawAxisTitles(&svg)
        LegendDrawing(plan: plan, prefix: prefix).draw(into: &svg)
        return svg.output
    }

    /// Grid lines across the value axis: horizontal normally, vertical for sideways bars.
    private func drawGrid(_ svg: inout SVGWriter) {
        var path = PathBuilder()
        if case .continuous = plan.y {
            for tick in plan.yTicks {
                path.move(0, tick.position)
                path.line(plan.panelWidth, tick.position)
            }
        } else if case .continuous = plan.x, plan.prepared.horizontal {
            for tick in plan.xTicks {
                path.move(tick.position, 0)
                path.line(tick.position, plan.panelHeight)
            }
        }
        if !path.isEmpty {
            svg.element("path", ["class": "grid", "d": path.data, "stroke": "currentColor", "stroke-opacity": ".13", "fill": "none"])
        }
    }

    private func drawXAxis(_ svg: inout SVGWriter, labels: Bool) {
        let baseline = plan.panelHeight
        var ticks = PathBuilder()
        ticks.move(0, baseline)
        ticks.line(plan.panelWidth, baseline)
        for tick in plan.xTicks {
            ticks.move(tick.position, baseline)
            ticks.line(tick.position, baseline + 4)
        }
        svg.open("g", ["class": "x-axis", "text-anchor": plan.rotateXLabels ? "end" : "middle", "fill": "currentColor"])
        svg.element("path", ["d": ticks.data, "stroke": "currentColor", "stroke-opacity": ".55", "fill": "none"])
        let labelY = baseline + 4 + ChartLayout.tickLabelGap + 8
        for tick in plan.xTicks where tick.labelled && labels {
            let x = PixelText.string(tick.position)
            let y = PixelText.string(labelY)
            if plan.rotateXLabels {
                svg.element("text", ["x": x, "y": y, "transform": "rotate(-45 \(x) \(y))"], text: Self.shorten(tick.label))
            } else {
                svg.element("text", ["x": x, "y": y], text: tick.label)
            }
        }
        svg.close("g")
    }

    static func shorten(_ label: String, limit: Int = 24) -> String {
        label.count > limit ? String(label.prefix(limit - 1)) + "…" : label
    }

    private func drawYAxis(_ svg: inout SVGWriter, labels: Bool) {
        var ticks = PathBuilder()
        ticks.move(0, 0)
        ticks.line(0, plan.panelHeight)
        for tick in plan.yTicks {
            ticks.move(0, tick.position)
            ticks.line(-4, tick.position)
        }
        svg.open("g", ["class": "y-axis", "text-anchor": "end", "fill": "currentColor"])
        svg.element("path", ["d": ticks.data, "stroke": "currentColor", "stroke-opacity": ".55", "fill": "none"])
        if labels {
            for tick in plan.yTicks where tick.labelled {
                svg.element(
                    "text",
                    ["x": PixelText.string(-4 - ChartLayout.tickLabelGap + 2), "y": PixelText.string(tick.position), "dy": ".32em"],
                    text: Self.shorten(tick.label, limit: 30))
            }
        }
        svg.close("g")
    }

    private func drawAnnotations(_ svg: inout SVGWriter) {
        guard !annotations.placed.isEmpty else { return }
        svg.open("g", ["class": "annotations", "fill": "currentColor", "font-size": PixelText.string(AnnotationLayout.fontSize)])
        for annotation in annotations.placed {
            svg.element(
                "path", ["d": annotation.path, "stroke": "currentColor", "stroke-opacity": ".7", "stroke-dasharray": "4 3", "fill": "none"])
            if let label = annotation.label {
                svg.element(
                    "text", ["x": PixelText.string(label.x), "y": PixelText.string(label.y), "text-anchor": label.anchor], text: label.text)
            }
        }
        svg.close("g")
    }

    private func drawAxisTitles(_ svg: inout SVGWriter) {
        if let title = plan.prepared.xTitle {
            let x = (plan.plotLeft + plan.plotRight) / 2
            let xLabelDepth =
                plan.rotateXLabels
                ? ChartLayout.rotatedDepth(plan.xTicks.filter(\.labelled).map { TextMetrics.width(Self.shorten($0.label)) }.max() ?? 0)
                : 4 + ChartLayout.lineHeight + ChartLayout.tickLabelGap
            let y = plan.plotBottom + xLabelDepth + 12
            svg.element(
                "text",
                [
                    "class": "x-title", "x": PixelText.string(x), "y": PixelText.string(min(y, spec.height - 4)), "text-anchor": "middle",
                    "fill": "currentColor",
                ], text: title)
        }
        if let title = plan.prepared.yTitle {
            let y = (plan.plotTop + plan.plotBottom) / 2
            svg.element(
                "text",
                [
                    "class": "y-title", "transform": "translate(14 \(PixelText.string(y))) rotate(-90)", "text-anchor": "middle",
                    "fill": "currentColor",
                ], text: title)
        }
    }
}
