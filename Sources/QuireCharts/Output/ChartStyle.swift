import QuireDiagnostics

/// Wraps the drawing into an `<svg>` root, inline or standalone.
enum ChartStyle {
    /// Marks whose light-page colour is an attribute and whose dark-page
    /// colour is a custom property on the element, switched by `toneRule`.
    static let toneClass = "tone"
    static let darkFillProperty = "--chart-dark-fill"

    /// The dark-page switch for toned marks, scoped to one chart's root.
    static func toneRule(prefix: String, body: String) -> String {
        guard body.contains("class=\"\(toneClass)\"") else { return "" }
        return "<style>@media (prefers-color-scheme: dark){#\(prefix)-svg .\(toneClass){fill:var(\(darkFillProperty))}}</style>"
    }

    /// Colours for a page without a theme and for the standalone file:
    /// series colours light and dark, text and lines from `color`.
    static func palette(dark: Bool) -> String {
        let colors = dark ? Palettes.categoricalDark : Palettes.categoricalLight
        return colors.enumerated().map { "--chart-series-\($0.offset + 1):\($0.element.hex);" }.joined()
    }

    static func root(width: Double, height: Double, prefix: String, standalone: Bool, variant: ChartVariant = .only) -> String {
        let w = PixelText.string(width)
        let h = PixelText.string(height)
        var attributes = "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
        // In a page the figure names itself through its title and desc; a file
        // on its own gets its name from <title> (and from alt in an <img>).
        attributes += standalone ? " role=\"img\"" : " role=\"img\" aria-labelledby=\"\(prefix)-title \(prefix)-desc\""
        attributes += " class=\"chart-svg\(variant.classSuffix)\" id=\"\(prefix)-svg\""
        attributes +=
            " font-size=\"11\" font-family=\(standalone ? "\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"" : "\"inherit\"")"
        // The phone layout stays hidden unless charts.css shows it, so a page
        // without the stylesheet shows one chart, not two.
        if !standalone { attributes += " style=\"max-width:100%;height:auto\(variant == .narrow ? ";display:none" : "")\"" }
        return "<svg \(attributes)>"
    }

    static func header(prefix: String, title: String, description: String) -> String {
        "<title id=\"\(prefix)-title\">\(HTMLText.escape(title, for: .svg))</title><desc id=\"\(prefix)-desc\">\(HTMLText.escape(description, for: .svg))</desc>"
    }

    static func inlineSVG(
        width: Double, height: Double, prefix: String, title: String, description: String, body: String,
        variant: ChartVariant = .only
    ) -> String {
        root(width: width, height: height, prefix: prefix, standalone: false, variant: variant)
            + header(prefix: prefix, title: title, description: description)
            + toneRule(prefix: prefix, body: body) + body + "</svg>"
    }

    /// The file for `<img>` and feeds: page CSS cannot reach it, so it
    /// carries its own colours and follows the reader's colour scheme.
    static func standaloneSVG(width: Double, height: Double, prefix: String, title: String, description: String, body: String) -> String {
        let style =
            "<style>svg{color:#222;\(palette(dark: false))}"
            + "@media (prefers-color-scheme: dark){svg{color:#ddd;\(palette(dark: true))}}</style>"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root(width: width, height: height, prefix: prefix, standalone: true)
            + header(prefix: prefix, title: title, description: description) + style + toneRule(prefix: prefix, body: body) + body
            + "</svg>\n"
    }
}

/// Which layout an inline SVG is, when a figure carries a wide and a phone one.
package enum ChartVariant: Sendable {
    /// `scroll`: a wide chart with no phone layout, which a phone scrolls sideways.
    case only, wide, narrow, scroll

    var classSuffix: String {
        switch self {
        case .only: ""
        case .wide: " chart-wide"
        case .narrow: " chart-narrow"
        case .scroll: " chart-scroll"
        }
    }
}
