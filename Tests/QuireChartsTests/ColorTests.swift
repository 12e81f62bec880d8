import Foundation
import Testing
@testable import QuireCharts

@Suite struct ColorTests {
    /// sRGB → OKLab with Björn Ottosson's published forward matrices, written
    /// here from the publication rather than taken from the engine, to measure
    /// the colours it produced.
    static func oklab(_ color: RGB) -> (l: Double, a: Double, b: Double) {
        func linear(_ channel: Double) -> Double {
            let c = channel / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = (linear(color.r), linear(color.g), linear(color.b))
        let l = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
        let m = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
        let s = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
        return (0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s)
    }

    @Test func cyclicMapClosesAndStepsEvenly() {
        #expect(Palettes.cyclic(0) == Palettes.cyclic(1))
        #expect(Palettes.cyclic(0.25) == Palettes.cyclic(-0.75))
        let samples = (0...36).map { Self.oklab(Palettes.cyclic(Double($0) / 36)) }
        let steps = zip(samples.dropFirst(), samples).map { next, previous in
            ((next.l - previous.l) * (next.l - previous.l) + (next.a - previous.a) * (next.a - previous.a) + (next.b - previous.b) * (next.b - previous.b)).squareRoot()
        }
        let mean = steps.reduce(0, +) / Double(steps.count)
        for step in steps { #expect(abs(step / mean - 1) < 0.15, "uneven step \(step) against mean \(mean)") }
        // Lighter at the start, darker half way round, as twilight.
        #expect(samples[0].l > samples[18].l + 0.08)
    }

    /// WCAG 2 relative luminance and contrast ratio, from the definitions.
    static func contrast(_ first: RGB, _ second: RGB) -> Double {
        func luminance(_ color: RGB) -> Double {
            func linear(_ channel: Double) -> Double {
                let c = channel / 255
                return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)
        }
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// The theme's page backgrounds (templates/static/quire.css) and plain white.
    static let lightPages = [RGB(hex: 0xFDFCF9), RGB(hex: 0xFFFFFF)]
    static let darkPage = RGB(hex: 0x16181D)

    @Test func cyclicColoursStayVisibleOnBothPages() {
        // The old map started at near-white cyan (#a5d9f0-ish, 1.6:1 on the light page).
        for step in 0..<360 {
            let color = Palettes.cyclic(Double(step) / 360)
            for page in Self.lightPages + [Self.darkPage] {
                #expect(Self.contrast(color, page) >= 3, "phase \(step)° \(color.hex) on \(page.hex)")
            }
        }
    }

    @Test func cyclicTextTonesReadAsBodyText() {
        for step in 0..<360 {
            let t = Double(step) / 360
            let light = Palettes.cyclicText(t, dark: false), dark = Palettes.cyclicText(t, dark: true)
            for page in Self.lightPages { #expect(Self.contrast(light, page) >= 4.5, "phase \(step)° \(light.hex) on \(page.hex)") }
            #expect(Self.contrast(dark, Self.darkPage) >= 4.5, "phase \(step)° \(dark.hex) on the dark page")
            // Same hue as the map: only lightness moved (8-bit rounding turns it by a few degrees).
            let base = Self.oklab(Palettes.cyclic(t)), toned = Self.oklab(light)
            #expect(abs(remainder(atan2(base.b, base.a) - atan2(toned.b, toned.a), 2 * .pi)) < 0.1)
        }
    }

    @Test func sequentialAndDivergingEnds() {
        #expect(Palettes.sequential(0).hex == "#440154")
        #expect(Palettes.sequential(1).hex == "#fde725")
        #expect(Palettes.sequential(.nan).hex == "#440154")
        #expect(Palettes.divergent(0).hex == "#2166ac")
        #expect(Palettes.divergent(0.5).hex == "#bdbdbd")
        // Viridis gets lighter all the way.
        let lightness = (0...20).map { Self.oklab(Palettes.sequential(Double($0) / 20)).l }
        #expect(zip(lightness.dropFirst(), lightness).allSatisfy { $0 > $1 })
    }

    @Test func categoricalColoursAreOkabeIto() {
        #expect(Palettes.categoricalLight.prefix(6).map(\.hex) == ["#0072b2", "#e69f00", "#009e73", "#d55e00", "#56b4e9", "#cc79a7"])
        #expect(ChartColors.series(0) == "var(--chart-series-1, #0072b2)")
        #expect(ChartColors.series(9) == "var(--chart-series-2, #e69f00)")
    }
}
