import Foundation

/// An sRGB colour with 8-bit channels.
package struct RGB: Sendable, Hashable {
    package var r: Double, g: Double, b: Double

    package init(_ r: Double, _ g: Double, _ b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    package init(hex: UInt32) {
        self.init(Double(hex >> 16 & 0xFF), Double(hex >> 8 & 0xFF), Double(hex & 0xFF))
    }

    package var hex: String {
        func byte(_ value: Double) -> String {
            let clamped = Int(min(255, max(0, value.rounded())))
            let digits = String(clamped, radix: 16, uppercase: false)
            return clamped < 16 ? "0" + digits : digits
        }
        return "#" + byte(r) + byte(g) + byte(b)
    }

    func mixed(with other: RGB, _ t: Double) -> RGB {
        RGB(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t)
    }
}

/// The colours charts use. Categorical colours are Okabe & Ito's
/// colour-blind-safe set; the dark variants are lighter so they keep their
/// contrast on a dark page.
enum Palettes {
    /// Light-page series colours (Okabe-Ito, blue first; black left out because it vanishes in dark mode).
    static let categoricalLight: [RGB] = [
        0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0x56B4E9, 0xCC79A7, 0xB8A800, 0x6E6E6E,
    ].map(RGB.init(hex:))

    /// The same hues lifted for a dark page.
    static let categoricalDark: [RGB] = [
        0x56B4E9, 0xF5B638, 0x2BC79A, 0xFF7A33, 0x9AD4F5, 0xE3A3C8, 0xF0E442, 0xB0B0B0,
    ].map(RGB.init(hex:))

    /// Viridis sampled at ten even stops (values as published with matplotlib).
    static let viridis: [RGB] = [
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
    ].map(RGB.init(hex:))

    /// A blue–grey–orange diverging ramp, readable with red-green colour blindness.
    static let diverging: [RGB] = [
        0x2166AC, 0x4393C3, 0x92C5DE, 0xC9D5DD, 0xBDBDBD, 0xF6C89F, 0xF4A261, 0xD9782C, 0xB35806,
    ].map(RGB.init(hex:))

    static func ramp(_ stops: [RGB], _ t: Double) -> RGB {
        guard stops.count > 1 else { return stops.first ?? RGB(0, 0, 0) }
        let clamped = t.isFinite ? min(1, max(0, t)) : 0
        let position = clamped * Double(stops.count - 1)
        let index = min(stops.count - 2, Int(position))
        return stops[index].mixed(with: stops[index + 1], position - Double(index))
    }

    static func sequential(_ t: Double) -> RGB { ramp(viridis, t) }
    static func divergent(_ t: Double) -> RGB { ramp(diverging, t) }

    /// A cyclic map (t and t+1 give the same colour): a loop in OKLab whose
    /// hue turns once at constant chroma while lightness swings once, lighter
    /// at 0 and darker at ½ as in twilight. The swing stays in the middle of
    /// the lightness range so every colour keeps at least 3:1 contrast on
    /// both the light and the dark page (twilight's near-white start vanished
    /// on a light page). The loop is walked at constant speed in OKLab, so
    /// equal steps in the data are equal steps in perceived colour.
    package static func cyclic(_ t: Double) -> RGB {
        let turn = t.isFinite ? t - t.rounded(.down) : 0
        let arc = turn * CyclicLoop.length
        // Binary search the cumulative arc length for the loop parameter.
        var low = 0
        var high = CyclicLoop.cumulative.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if CyclicLoop.cumulative[middle] <= arc { low = middle } else { high = middle }
        }
        let span = CyclicLoop.cumulative[high] - CyclicLoop.cumulative[low]
        let fraction = span > 0 ? (arc - CyclicLoop.cumulative[low]) / span : 0
        let parameter = (Double(low) + fraction) / Double(CyclicLoop.samples)
        let lab = CyclicLoop.point(parameter)
        return OKLab.toSRGB(l: lab.l, a: lab.a, b: lab.b)
    }

    /// The cyclic colour for small text on one theme's page: the same hue,
    /// pushed down (light page) or up (dark page) in lightness far enough for
    /// 4.5:1 contrast, so coloured words read as well as body text.
    static func cyclicText(_ t: Double, dark: Bool) -> RGB {
        let color = cyclic(t)
        let lab = OKLab.fromSRGB(color)
        return OKLab.toSRGB(l: lab.l + (dark ? CyclicLoop.textLift : -CyclicLoop.textLift), a: lab.a, b: lab.b)
    }
}

/// The cyclic map's loop in OKLab and its arc length, sampled once.
enum CyclicLoop {
    static let samples = 720

    static func point(_ u: Double) -> (l: Double, a: Double, b: Double) {
        let angle = 2 * Double.pi * u
        let chroma = 0.10
        let hue = angle + 4.0
        return (0.59 + 0.05 * cos(angle), chroma * cos(hue), chroma * sin(hue))
    }

    /// How far text colours move off the map's lightness, per theme.
    static let textLift = 0.12

    /// cumulative[i] = loop length from parameter 0 to i / samples.
    static let cumulative: [Double] = {
        var lengths = [0.0]
        var previous = point(0)
        for index in 1...samples {
            let next = point(Double(index) / Double(samples))
            let step =
                ((next.l - previous.l) * (next.l - previous.l) + (next.a - previous.a) * (next.a - previous.a)
                + (next.b - previous.b) * (next.b - previous.b)).squareRoot()
            lengths.append((lengths.last ?? 0) + step)
            previous = next
        }
        return lengths
    }()

    static var length: Double { cumulative.last ?? 1 }
}

/// Björn Ottosson's OKLab → linear sRGB matrices (published constants).
enum OKLab {
    static func toSRGB(l: Double, a: Double, b: Double) -> RGB {
        let l1 = l + 0.3963377774 * a + 0.2158037573 * b
        let m1 = l - 0.1055613458 * a - 0.0638541728 * b
        let s1 = l - 0.0894841775 * a - 1.2914855480 * b
        let (l3, m3, s3) = (l1 * l1 * l1, m1 * m1 * m1, s1 * s1 * s1)
        let r = 4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3
        let g = -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3
        let bl = -0.0041960863 * l3 - 0.7034186147 * m3 + 1.7076147010 * s3
        func gamma(_ x: Double) -> Double {
            let c = min(1, max(0, x))
            return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055)
        }
        return RGB(gamma(r), gamma(g), gamma(bl))
    }

    /// sRGB → OKLab with the forward matrices, to shift a colour's lightness.
    static func fromSRGB(_ color: RGB) -> (l: Double, a: Double, b: Double) {
        func linear(_ channel: Double) -> Double {
            let c = min(1, max(0, channel / 255))
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = (linear(color.r), linear(color.g), linear(color.b))
        let l = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
        let m = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
        let s = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
        return (
            0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s
        )
    }
}
