import QuireData
import QuireDiagnostics

/// A chart as the author wrote it (PRODUCT §3 ```chart), checked for shape
/// but not yet against data. Every part keeps where it was written so data
/// problems found later can still point at the right line.
package struct ChartSpec: Sendable, Equatable {
    package var layers: [LayerSpec]
    package var facet: FacetSpec?
    package var annotations: [AnnotationSpec]
    package var title: String?
    package var caption: String?
    package var width: Double
    package var height: Double
    package var alt: String?
    /// Points above this are thinned for display (lines always use LTTB).
    var maxPoints: Int
    /// Where the spec starts (the YAML body), for problems with no better place.
    package var location: SourceLocation
    /// The author gave none of width, height and aspect, so the data may size the chart.
    var sizeIsDefault = false
    /// `id: fig-loss`: the figure's anchor and cross-reference label (checked by the chart directive).
    package var id: String? = nil
    package var idLocation: SourceLocation? = nil
    /// `labels: {lr3e-4: "lr 3e-4"}`: legend text by the name the legend shows.
    package var labels: [SeriesLabel] = []

    static let defaultWidth = 640.0
    static let defaultAspect = 1.6
    static let defaultMaxPoints = 10_000

    /// Width of the layout shown on phones: at about one unit per CSS pixel
    /// its 11-unit text stays 11 px, where a 640-wide chart shrunk to a
    /// phone's column would drop below 7 px.
    static let narrowWidth = 360.0

    /// Whether a phone needs something other than this layout shrunk.
    package var isWide: Bool { width > Self.narrowWidth * 1.2 }

    /// The same chart laid out for a phone's column, or nil when the chart
    /// is already narrow or places text by data position (words would run
    /// into each other when squeezed). It keeps more height than a plain
    /// scale-down would, because the panels must still hold their labels.
    package var narrowLayout: ChartSpec? {
        guard isWide, !layers.contains(where: { $0.mark == .text }) else { return nil }
        var narrow = self
        let scale = Self.narrowWidth / width
        narrow.width = Self.narrowWidth
        narrow.height = (height * (scale + (1 - scale) / 2)).rounded()
        // As many points per unit of area as the wide layout: a phone's
        // panel needs fewer, and the page carries both drawings.
        let area = narrow.width * narrow.height / max(1, width * height)
        narrow.maxPoints = max(1, min(maxPoints, Int((Double(maxPoints) * area).rounded())))
        return narrow
    }

    /// The chart at a size its data fills. A bar chart of a few categories
    /// at the full default size draws slabs a hundred pixels wide: it gets
    /// about 80 units per bar instead, and the default aspect.
    package func sizedForData(_ tables: [String: Table]) -> ChartSpec {
        guard sizeIsDefault, facet == nil, let first = layers.first,
            layers.allSatisfy({ $0.mark == .bar && $0.x?.field == first.x?.field }),
            let field = first.x?.field, let column = tables[first.data]?.column(named: field)
        else { return self }
        let bars = Set(ColumnReading.labels(column).compactMap { $0 }).count
        let fitted = (200 + 80 * Double(max(bars, 1))).rounded()
        guard fitted < width else { return self }
        var sized = self
        sized.width = fitted
        sized.height = (fitted / Self.defaultAspect).rounded()
        return sized
    }

    /// Names of every table the chart reads, in first-use order.
    package var tableNames: [String] {
        var seen: [String] = []
        for layer in layers where !seen.contains(layer.data) { seen.append(layer.data) }
        return seen
    }
}

package enum MarkKind: String, Sendable, CaseIterable {
    case line, area, point, bar, rect, rule, text
}

/// One mark over one table; a chart without `layers:` has exactly one.
package struct LayerSpec: Sendable, Equatable {
    package var data: String
    package var dataLocation: SourceLocation
    package var mark: MarkKind
    var markLocation: SourceLocation
    package var x: FieldSpec?
    package var y: [FieldSpec]
    package var color: ColorSpec?
    package var size: FieldSpec?
    /// The label column of a `text` mark.
    package var text: FieldSpec?
    package var stack: Bool
    /// With `mark: area`, the other edge of a band (min/max shading).
    var y2: FieldSpec? = nil
    /// 0–1, for the whole layer.
    var opacity: Double? = nil
    /// Dash and gap lengths for lines and rules, e.g. `[4, 2]`.
    var strokeDash: [Double]? = nil
}

/// One entry of `labels:`; its place is kept because only the data can say
/// whether a series of that name exists.
package struct SeriesLabel: Sendable, Equatable {
    package var series: String
    package var text: String
    package var location: SourceLocation
}

package enum ScaleKind: String, Sendable, CaseIterable {
    case linear, log, time, band
}

/// A column with how to show it: `x: step` or `x: {field: step, scale: log}`.
package struct FieldSpec: Sendable, Equatable {
    package var field: String
    package var title: String?
    package var scale: ScaleKind?
    package var domain: [Double]?
    /// A d3-format string for tick labels, e.g. `.0%`.
    package var format: String?
    package var location: SourceLocation

    package init(
        field: String, title: String? = nil, scale: ScaleKind? = nil, domain: [Double]? = nil, format: String? = nil,
        location: SourceLocation
    ) {
        self.field = field
        self.title = title
        self.scale = scale
        self.domain = domain
        self.format = format
        self.location = location
    }
}

package enum ColorSchemeKind: String, Sendable, CaseIterable {
    case categorical, sequential, diverging, cyclic
}

package struct ColorSpec: Sendable, Equatable {
    package var field: FieldSpec
    /// nil: categorical for text columns, sequential for numbers.
    package var scheme: ColorSchemeKind?
}

package struct FacetSpec: Sendable, Equatable {
    package var field: FieldSpec
    package var columns: Int
}

/// A marker line across the plot with a label: `{x: 28000, label: "…"}`.
package struct AnnotationSpec: Sendable, Equatable {
    package enum Position: Sendable, Equatable {
        case number(Double)
        case text(String)
    }

    package var x: Position?
    package var y: Position?
    package var label: String?
    package var location: SourceLocation
}
