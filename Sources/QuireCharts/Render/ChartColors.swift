/// Colour values as the SVG writes them. Series colours are CSS custom
/// properties with the light colour as fallback, so the page's theme (or the
/// standalone file's own style) picks light or dark.
enum ChartColors {
    static func series(_ index: Int) -> String {
        let slot = index % Palettes.categoricalLight.count
        return "var(--chart-series-\(slot + 1), \(Palettes.categoricalLight[slot].hex))"
    }

    /// Past the eight colours, lines repeat them with dashes so they stay apart.
    static func dash(_ index: Int) -> String {
        switch (index / Palettes.categoricalLight.count) % 3 {
        case 1: "5 3"
        case 2: "1.5 2.5"
        default: ""
        }
    }

    static func continuous(_ value: Double, scheme: ColorSchemeKind, low: Double, high: Double) -> RGB {
        let t = high == low ? 0.5 : (value - low) / (high - low)
        switch scheme {
        case .cyclic: return Palettes.cyclic(t)
        case .diverging: return Palettes.divergent(t)
        case .sequential, .categorical: return Palettes.sequential(t)
        }
    }

    /// Continuous colours quantised to this many steps, so a dense scatter
    /// becomes a few dozen paths instead of one element per point.
    static let continuousSteps = 48

    static func quantised(_ value: Double, scheme: ColorSchemeKind, low: Double, high: Double) -> (step: Int, color: RGB) {
        let steps = Double(continuousSteps)
        var t = high == low ? 0.5 : (value - low) / (high - low)
        if !t.isFinite { t = 0.5 }
        if scheme == .cyclic { t -= t.rounded(.down) }
        let step = Int(min(steps - 1, max(0, (t * steps).rounded(.down))))
        let center = (Double(step) + 0.5) / steps
        return (step, continuous(low + center * (high - low), scheme: scheme, low: low, high: high))
    }
}
