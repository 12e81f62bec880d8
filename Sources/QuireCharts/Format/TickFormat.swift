import Foundation
import QuireData

/// How tick labels read. The digits are always written by QuireData's
/// `NumberFormat`, the d3-format formatter `table` and inline values use, so a
/// specifier reads the same on an axis as in a table. What is decided here is
/// only what the axis adds: a precision from the tick step when the author
/// gave none, and the short forms (`20k`, `2e-4`) when they gave no format.
enum TickFormat {
    /// Labels for linear ticks `step` apart on an axis spanning `domain`.
    package static func labels(_ ticks: [Double], step: Double, domain: (Double, Double), format: NumberFormat?) -> [String] {
        guard let format else { return automatic(ticks, step: step) }
        return ticks.map(stepped(format, step: step, largest: max(abs(domain.0), abs(domain.1))))
    }

    /// Labels for log ticks, which have no single step: as d3-scale's log
    /// `tickFormat`, a missing precision trims trailing zeros instead.
    static func logLabel(_ value: Double, format: NumberFormat?) -> String {
        guard var format else { return LogTicks.label(value) }
        if format.precision == nil { format.trim = true }
        return format.format(value)
    }

    /// d3-scale's linear `tickFormat(count, specifier)`: a missing precision
    /// comes from the step — the decimals it needs for `f` and `%`
    /// (precisionFixed), the significant digits for `e`, `g`, `r`, `p` and no
    /// type (precisionRound) — and `s` puts every tick under one SI prefix,
    /// the largest's (formatPrefix, precisionPrefix), so ticks read `0.5M 1.0M`.
    static func stepped(_ format: NumberFormat, step: Double, largest: Double) -> (Double) -> String {
        guard step > 0, step.isFinite, largest.isFinite else { return format.format }
        var filled = format
        switch format.type {
        case "s":
            let prefix = max(-8, min(8, Int((Double(exponent(largest)) / 3).rounded(.down)))) * 3
            filled.type = "f"
            filled.precision = format.precision ?? max(0, prefix - exponent(step))
            let scale = pow(10, Double(-prefix))
            let symbol = siSymbol(prefix)
            return { value in filled.format(value * scale) + symbol }
        case _ where format.precision != nil:
            return format.format
        case "f", "%":
            filled.precision = max(0, max(0, -exponent(step)) - (format.type == "%" ? 2 : 0))
        case nil, "e", "g", "r", "p":
            let round = max(0, exponent(abs(largest) - step) - exponent(step)) + 1
            filled.precision = max(0, round - (format.type == "e" ? 1 : 0))
        default:
            break
        }
        return filled.format
    }

    /// With no format: `20k` once ticks reach ten thousand, `2e-4` when all
    /// are tiny, otherwise as many decimals as the step needs.
    static func automatic(_ ticks: [Double], step: Double) -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 10_000 { return ticks.map { prefixed($0, step: step) } }
        if largest > 0, largest < 1e-3 { return ticks.map { exponential($0, decimals: mantissaDecimals(value: $0, step: step)) } }
        return ticks.map(fixed(decimals: decimals(forStep: step)))
    }

    /// Decimals a label needs so that ticks `step` apart all read differently.
    static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var decimals = max(0, min(15, -Int((log10(step) + 1e-9).rounded(.down))))
        // A step such as 2.5 needs one more digit than its magnitude says.
        while decimals < 15 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) <= 1e-6 * max(1, scaled) { break }
            decimals += 1
        }
        return decimals
    }

    static func mantissaDecimals(value: Double, step: Double) -> Int {
        guard value != 0, step > 0 else { return 0 }
        let exponent = Int(log10(abs(value)).rounded(.down))
        return max(0, min(15, exponent - Int((log10(step) + 1e-9).rounded(.down))))
    }

    /// `.Nf`, trimmed when asked.
    static func fixed(decimals: Int, trim: Bool = false) -> (Double) -> String {
        NumberFormat(type: "f", precision: decimals, trim: trim).format
    }

    /// `2e-4`, and a plain `0` for zero, which has no exponent.
    static func exponential(_ value: Double, decimals: Int) -> String {
        value == 0 ? "0" : NumberFormat(type: "e", precision: decimals, trim: true).format(value)
    }

    /// `12.5k`: the prefix of the tick or the step, whichever is larger, with
    /// the decimals the step needs at that prefix, trailing zeros dropped.
    static func prefixed(_ value: Double, step: Double?) -> String {
        let reference = max(abs(value), step.map(abs) ?? 0)
        let prefix = siPrefixes.first { reference >= pow(10, Double($0)) * 0.9995 } ?? -9
        let unit = pow(10, Double(prefix))
        let decimals = step.map { Self.decimals(forStep: $0 / unit) } ?? 3
        let text = fixed(decimals: decimals, trim: true)(value / unit)
        return text == "0" ? text : text + siSymbol(prefix)
    }

    /// `.N~g`: N significant digits, trailing zeros dropped, for legends and descriptions.
    static func significant(_ digits: Int) -> (Double) -> String {
        NumberFormat(type: "g", precision: digits, trim: true).format
    }

    /// `30,000`: whole numbers with thousands separators.
    static func grouped(_ value: Double) -> String {
        var format = NumberFormat(type: "f", precision: 0)
        format.comma = true
        return format.format(value)
    }

    /// The prefixes short labels use, largest first, as powers of ten.
    static let siPrefixes = [12, 9, 6, 3, 0, -3, -6, -9]

    static func siSymbol(_ power: Int) -> String {
        ["y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"][8 + power / 3]
    }

    /// d3-format's `exponent`: the power of ten of the first significant digit.
    static func exponent(_ value: Double) -> Int {
        let magnitude = abs(value)
        guard magnitude > 0, magnitude.isFinite else { return 0 }
        var power = Int(log10(magnitude).rounded(.down))
        // log10 can land a hair under a power of ten (log10(1000) = 2.9999…),
        // and so can a difference such as 0.0012 − 0.0002 = 0.00099999…:
        // counted as the power it misses by rounding, so 0.0012 keeps its 2.
        if pow(10, Double(power + 1)) * (1 - 1e-9) <= magnitude { power += 1 }
        if pow(10, Double(power)) * (1 - 1e-9) > magnitude { power -= 1 }
        return power
    }
}
