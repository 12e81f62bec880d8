import Foundation

/// Draws the legend the layout planned: swatches, a colour bar or a colour wheel.
struct LegendDrawing {
    let plan: ChartPlan
    let prefix: String

    func draw(into svg: inout SVGWriter) {
        switch plan.legend {
        case .none: return
        case .categorical(let title, let items, let mark):
            svg.open("g", ["class": "legend", "fill": "currentColor"])
            if !title.isEmpty, let first = items.first {
                svg.element(
                    "text", ["x": PixelText.string(plan.plotLeft), "y": PixelText.string(first.y + 10), "font-weight": "600"], text: title)
            }
            for item in items {
                let x = item.x
                let color = ChartColors.series(item.colorIndex)
                if mark == .line || mark == .rule {
                    svg.element(
                        "path",
                        [
                            "d": "M\(PixelText.string(x)) \(PixelText.string(item.y + 6))h12", "stroke": color, "stroke-width": "2.5",
                            "stroke-dasharray": ChartColors.dash(item.colorIndex),
                        ])
                } else if mark == .point {
                    svg.element("circle", ["cx": PixelText.string(x + 6), "cy": PixelText.string(item.y + 6), "r": "4", "fill": color])
                } else {
                    svg.element(
                        "rect",
                        ["x": PixelText.string(x + 1), "y": PixelText.string(item.y + 1), "width": "10", "height": "10", "fill": color])
                }
                svg.element("text", ["x": PixelText.string(x + 16), "y": PixelText.string(item.y + 10)], text: item.name)
            }
            svg.close("g")
        case .colorBar(let title, let scheme, let low, let high, let x, let y, let height, let ticks):
            let gradientID = "\(prefix)-ramp"
            svg.open("defs")
            svg.open("linearGradient", ["id": gradientID, "x1": "0", "y1": "1", "x2": "0", "y2": "0"])
            for step in 0...10 {
                let t = Double(step) / 10
                let color = ChartColors.continuous(low + t * (high - low), scheme: scheme, low: low, high: high)
                svg.element("stop", ["offset": PixelText.string(t * 100) + "%", "stop-color": color.hex])
            }
            svg.close("linearGradient")
            svg.close("defs")
            svg.open(
                "g",
                [
                    "class": "legend colorbar", "fill": "currentColor",
                    "transform": "translate(\(PixelText.string(x)) \(PixelText.string(y)))",
                ])
            svg.element("text", ["x": "0", "y": "-8", "font-weight": "600"], text: title)
            svg.element("rect", ["width": "12", "height": PixelText.string(height), "fill": "url(#\(gradientID))"])
            for tick in ticks {
                svg.element("text", ["x": "16", "y": PixelText.string(tick.position), "dy": ".32em"], text: tick.label)
            }
            svg.close("g")
        case .wheel(let title, let low, let high, let cx, let cy, let radius):
            drawWheel(&svg, title: title, low: low, high: high, cx: cx, cy: cy, radius: radius)
        }
    }

    /// A ring of 36 arcs walking the cyclic map, the domain's start at the top
    /// and values increasing clockwise, labelled at the quarter turns.
    private func drawWheel(_ svg: inout SVGWriter, title: String, low: Double, high: Double, cx: Double, cy: Double, radius: Double) {
        svg.open(
            "g",
            ["class": "legend wheel", "fill": "currentColor", "transform": "translate(\(PixelText.string(cx)) \(PixelText.string(cy)))"])
        svg.element("text", ["x": "0", "y": PixelText.string(-radius - 20), "text-anchor": "middle", "font-weight": "600"], text: title)
        let segments = 36
        let inner = radius * 0.58
        for index in 0..<segments {
            let t0 = Double(index) / Double(segments)
            let t1 = Double(index + 1) / Double(segments)
            let color = Palettes.cyclic((t0 + t1) / 2)
            func point(_ t: Double, _ r: Double) -> String {
                let angle = 2 * Double.pi * t - Double.pi / 2
                return PixelText.string(r * cos(angle)) + " " + PixelText.string(r * sin(angle))
            }
            let r = PixelText.string(radius)
            let ri = PixelText.string(inner)
            let d = "M\(point(t0, radius))A\(r) \(r) 0 0 1 \(point(t1, radius))L\(point(t1, inner))A\(ri) \(ri) 0 0 0 \(point(t0, inner))Z"
            svg.element("path", ["d": d, "fill": color.hex, "stroke": color.hex, "stroke-width": ".5"])
        }
        let isRadians = abs((high - low) - 2 * Double.pi) < 1e-9
        let labels: [(t: Double, text: String)] = (0..<4).map { quarter in
            let t = Double(quarter) / 4
            let value = low + t * (high - low)
            return (t, isRadians ? Self.radians(value) : TickFormat.significant(3)(value))
        }
        for (t, text) in labels {
            let angle = 2 * Double.pi * t - Double.pi / 2
            let distance = radius + 9
            let anchor = abs(cos(angle)) < 0.3 ? "middle" : (cos(angle) > 0 ? "start" : "end")
            svg.element(
                "text",
                [
                    "x": PixelText.string(distance * cos(angle)), "y": PixelText.string(distance * sin(angle)),
                    "dy": ".32em", "text-anchor": anchor, "font-size": "10",
                ], text: text)
        }
        svg.close("g")
    }

    /// Multiples of π/2 as text: 0, π/2, π, 3π/2, −π/2.
    static func radians(_ value: Double) -> String {
        let halves = Int((value / (Double.pi / 2)).rounded())
        switch halves {
        case 0: return "0"
        case 1: return "π/2"
        case -1: return "−π/2"
        case 2: return "π"
        case -2: return "−π"
        case 3: return "3π/2"
        default: return TickFormat.significant(3)(value)
        }
    }
}
