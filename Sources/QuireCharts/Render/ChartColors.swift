import Foundation

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

/// Palette slots shared by every chart of one post, handed out by series name
/// in first-seen order: the run called `lr3e-4` is the same colour in the loss
/// chart and the accuracy chart. Charts of a post render in document order, so
/// the slots are the same on every build.
/// Sendable: `slots` is read and written under `lock`.
package final class SeriesPalette: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String: Int] = [:]

    package init() {}

    /// The slot of each name, giving names not seen before the next free ones.
    func slots(for names: [String]) -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        var result: [String: Int] = [:]
        for name in names {
            if slots[name] == nil { slots[name] = slots.count }
            result[name] = slots[name]
        }
        return result
    }
}
