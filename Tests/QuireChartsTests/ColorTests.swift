import Foundation
import Testing

@testable import QuireCharts

@Suite struct ColorTests {
    /// sRGB → OKLab the long way, as Björn Ottosson first defined it: linear
    /// sRGB → CIE XYZ (D65, the IEC 61966-2-1 matrix) → LMS by his XYZ-based
    /// M1 → cube root → M2 ("A perceptual color space for image processing",
    /// bottosson.github.io/posts/oklab, 2020). The engine goes from linear sRGB
    /// straight to LMS with one combined matrix; this path shares only M2, the
    /// definition itself, and is checked against the post's table of values below.
    static func oklab(_ color: RGB) -> (l: Double, a: Double, b: Double) {
        func linear(_ channel: Double) -> Double {
            let c = channel / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = (linear(color.r), linear(color.g), linear(color.b))
        return oklab(
            x: 0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
            y: 0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
            z: 0.0193339 * r + 0.1191920 * g + 0.9503041 * b)
    }

    static func oklab(x: Double, y: Double, z: Double) -> (l: Double, a: Double, b: Double) {
        let l = cbrt(0.8189330101 * x + 0.3618667424 * y - 0.1288597137 * z)
        let m = cbrt(0.0329845436 * x + 0.9293118715 * y + 0.0361456387 * z)
        let s = cbrt(0.0482003018 * x + 0.2643662691 * y + 0.6338517070 * z)
        return (
            0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s
        )
    }

    /// The oracle against the table in Ottosson's post (XYZ → OKLab, 3 decimals),
    /// and against OKLab of sRGB red as CSS Color 4 gives it (oklab(62.8% 0.225 0.126)).
    @Test func theOracleReproducesThePublishedValues() {
        let table: [((Double, Double, Double), (Double, Double, Double))] = [
            ((0.950, 1.000, 1.089), (1.000, 0.000, 0.000)),
            ((1.000, 0.000, 0.000), (0.450, 1.236, -0.019)),
            ((0.000, 1.000, 0.000), (0.922, -0.671, 0.263)),
            ((0.000, 0.000, 1.000), (0.153, -1.415, -0.449)),
        ]
        for (xyz, lab) in table {
            let found = Self.oklab(x: xyz.0, y: xyz.1, z: xyz.2)
            #expect(abs(found.l - lab.0) < 0.0006 && abs(found.a - lab.1) < 0.0006 && abs(found.b - lab.2) < 0.0006, "\(xyz) → \(found)")
        }
        let red = Self.oklab(RGB(hex: 0xFF0000))
        #expect(abs(red.l - 0.628) < 0.0006 && abs(red.a - 0.225) < 0.0006 && abs(red.b - 0.126) < 0.0006)
    }

    /// The engine's conversions agree with the oracle over a grid of colours,
    /// and go back to the colour they came from.
    @Test func theEnginesOKLabAgreesWithTheOracle() {
        for r in stride(from: 0, through: 255, by: 51) {
            for g in stride(from: 0, through: 255, by: 51) {
                for b in stride(from: 0, through: 255, by: 51) {
                    let color = RGB(Double(r), Double(g), Double(b))
                    let engine = OKLab.fromSRGB(color)
                    let oracle = Self.oklab(color)
                    #expect(
                        abs(engine.l - oracle.l) < 2e-4 && abs(engine.a - oracle.a) < 2e-4 && abs(engine.b - oracle.b) < 2e-4,
                        "\(color.hex)")
                    let back = OKLab.toSRGB(l: engine.l, a: engine.a, b: engine.b)
                    #expect(
                        abs(back.r - color.r) < 0.5 && abs(back.g - color.g) < 0.5 && abs(back.b - color.b) < 0.5,
                        "\(color.hex) → \(back.hex)")
                }
            }
        }
    }

    @Test func cyclicMapClosesAndStepsEvenly() {
        #expect(Palettes.cyclic(0) == Palettes.cyclic(1))
        #expect(Palettes.cyclic(0.25) == Palettes.cyclic(-0.75))
        let samples = (0...36).map { Self.oklab(Palettes.cyclic(Double($0) / 36)) }
        let steps = zip(samples.dropFirst(), samples).map { next, previous in
            ((next.l - previous.l) * (next.l - previous.l) + (next.a - previous.a) * (next.a - previous.a) + (next.b - previous.b)
                * (next.b - previous.b))
                .squareRoot()
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
            let light = Palettes.cyclicText(t, dark: false)
            let dark = Palettes.cyclicText(t, dark: true)
            for page in Self.lightPages { #expect(Self.contrast(light, page) >= 4.5, "phase \(step)° \(light.hex) on \(page.hex)") }
            #expect(Self.contrast(dark, Self.darkPage) >= 4.5, "phase \(step)° \(dark.hex) on the dark page")
            // Same hue as the map: only lightness moved (8-bit rounding turns it by a few degrees).
            let base = Self.oklab(Palettes.cyclic(t))
            let toned = Self.oklab(light)
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
