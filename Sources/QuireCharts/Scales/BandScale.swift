/// Evenly spaced bands for categories (bars, heatmap cells, ordinal axes).
struct BandScale: Sendable, Equatable {
    package var categories: [String]
    package var range: (start: Double, end: Double)
    /// Share of each step left empty between bands.
    package var padding: Double

    private let index: [String: Int]

    package init(categories: [String], range: (Double, Double), padding: Double = 0.2) {
        self.categories = categories
        self.range = range
        self.padding = padding
        var index: [String: Int] = [:]
        for (position, category) in categories.enumerated() where index[category] == nil { index[category] = position }
        self.index = index
    }

    static func == (a: BandScale, b: BandScale) -> Bool {
        a.categories == b.categories && a.range == b.range && a.padding == b.padding
    }

    package var step: Double {
        (range.end - range.start) / Double(max(categories.count, 1))
    }

    var bandwidth: Double { abs(step) * (1 - padding) }

    /// Start (lowest pixel) of the band for `category`.
    package func start(_ category: String) -> Double? {
        guard let position = index[category] else { return nil }
        let center = range.start + step * (Double(position) + 0.5)
        return center - bandwidth / 2
    }

    package func center(_ category: String) -> Double? {
        start(category).map { $0 + bandwidth / 2 }
    }

    /// The category whose band holds the pixel.
    func invert(_ pixel: Double) -> String? {
        guard step != 0 else { return nil }
        let position = Int(((pixel - range.start) / step).rounded(.down))
        return categories.indices.contains(position) ? categories[position] : nil
    }
}

/// A position scale of either kind, as axes and marks see it.
enum PositionScale: Sendable, Equatable {
    case continuous(ContinuousScale)
    case band(BandScale)

    /// Pixel of a value: numbers for continuous scales, text for bands (at the band centre).
    package func position(_ value: ChartValue) -> Double? {
        switch (self, value) {
        case (.continuous(let scale), .number(let number)):
            if scale.kind == .log, number <= 0 { return nil }
            return scale(number)
        case (.band(let scale), _): return scale.center(value.label)
        case (.continuous, .text): return nil
        }
    }
}

/// One x or y value of a mark: a number (or time in seconds) or a category.
package enum ChartValue: Sendable, Hashable {
    case number(Double)
    case text(String)

    package var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// Whole numbers without ".0", others in their shortest exact form, with a typographic minus.
    static func shortText(_ value: Double) -> String {
        let text: String
        if value == value.rounded(), abs(value) < 1e15 {
            text = String(Int64(value))
        } else {
            text = "\(value)"
        }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// How the value reads as a category label.
    package var label: String {
        switch self {
        case .number(let value): ChartValue.shortText(value)
        case .text(let text): text
        }
    }
}
