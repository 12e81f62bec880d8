import Foundation

/// A d3-format subset for tick labels and values: `,.0f`, `.1%`, `.3s`,
/// `.2e`, `d`, `.3g`, and `~` to trim trailing zeros. A specifier without a
/// precision (`%`, `s`, `,f`) takes its precision from the tick step.
public struct NumberFormat: Sendable, Equatable {
    public enum Kind: Character, Sendable {
        case fixed = "f", percent = "%", si = "s", exponent = "e", integer = "d", general = "g"
    }

    public var kind: Kind
    public var precision: Int?
    public var grouping: Bool
    public var trim: Bool

    public init(kind: Kind, precision: Int? = nil, grouping: Bool = false, trim: Bool = false) {
        self.kind = kind
        self.precision = precision
        self.grouping = grouping
        self.trim = trim
    }

    /// nil when the text is not a format this subset knows.
    public init?(specifier: String) {
        var rest = Substring(specifier)
        grouping = false
        trim = false
        if rest.first == "," { grouping = true; rest = rest.dropFirst() }
        if rest.first == "~" { trim = true; rest = rest.dropFirst() }
        precision = nil
        if rest.first == "." {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: \.isNumber)
            guard let value = Int(digits), value <= 20 else { return nil }
            precision = value
            rest = rest.dropFirst(digits.count)
        }
        if rest.isEmpty {
            kind = .general
            if precision == nil { trim = true }
        } else if rest.count == 1, let first = rest.first, let parsed = Kind(rawValue: first) {
            kind = parsed
        } else {
            return nil
        }
    }

    /// Formats `value`; `step` (the distance between ticks) fills in a missing precision.
    public func string(_ value: Double, step: Double? = nil) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "−∞" : "∞") }
        let text: String
        switch kind {
        case .fixed:
            text = fixed(value, decimals: precision ?? step.map(Self.decimals(forStep:)) ?? 6)
        case .integer:
            text = fixed(value.rounded(), decimals: 0)
        case .percent:
            text = fixed(value * 100, decimals: precision ?? step.map { Self.decimals(forStep: $0 * 100) } ?? 0) + "%"
        case .si:
            text = si(value, significant: precision, step: step)
        case .exponent:
            text = Self.exponential(value, decimals: precision ?? step.map { Self.mantissaDecimals(value: value, step: $0) } ?? 6, trim: trim)
        case .general:
            text = general(value, significant: precision ?? 6)
        }
        return Self.minusSign(text)
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

    private func fixed(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if trim { text = Self.trimZeros(text) }
        if text == "-0" || (Double(text) == 0 && text.hasPrefix("-")) { text.removeFirst() }
        return grouping ? Self.group(text) : text
    }

    private func general(_ value: Double, significant: Int) -> String {
        guard value != 0 else { return "0" }
        let exponent = Int(log10(abs(value)).rounded(.down))
        if exponent < -5 || exponent >= max(significant, 1) {
            return Self.exponential(value, decimals: max(0, significant - 1), trim: trim)
        }
        return fixed(value, decimals: max(0, significant - 1 - exponent))
    }

    private func si(_ value: Double, significant: Int?, step: Double?) -> String {
        let magnitude = max(abs(value), step.map { abs($0) } ?? 0)
        let prefixes: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n")]
        let reference = step == nil ? abs(value) : max(abs(value), magnitude)
        let (unit, suffix) = prefixes.first { reference >= $0.0 * 0.9995 } ?? (1e-9, "n")
        let scaled = value / unit
        let decimals: Int
        if let significant {
            let digits = scaled == 0 ? 1 : Int(log10(abs(scaled)).rounded(.down)) + 1
            decimals = max(0, significant - digits)
        } else if let step {
            decimals = Self.decimals(forStep: step / unit)
        } else {
            decimals = 3
        }
        var text = String(format: "%.\(decimals)f", scaled)
        if trim || significant == nil { text = Self.trimZeros(text) }
        if Double(text) == 0 { return "0" }
        return text + suffix
    }

    static func exponential(_ value: Double, decimals: Int, trim: Bool) -> String {
        guard value != 0 else { return "0" }
        let raw = String(format: "%.\(decimals)e", value)
        guard let e = raw.firstIndex(of: "e") else { return raw }
        var mantissa = String(raw[..<e])
        if trim { mantissa = trimZeros(mantissa) }
        let exponent = Int(raw[raw.index(after: e)...]) ?? 0
        // As d3-format: 1.23e+4, 2e-4.
        return "\(mantissa)e\(exponent >= 0 ? "+" : "")\(exponent)"
    }

    static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = text
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out
    }

    static func group(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        var grouped = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }

    /// Typographic minus, as d3 uses, so negative labels line up with positive ones.
    static func minusSign(_ text: String) -> String {
        text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}

/// Picks how tick labels read when the author gave no format: `20k` for
/// large numbers, `2e-4` for tiny ones, otherwise as many decimals as the
/// step needs.
public enum TickFormat {
    public static func automatic(for ticks: [Double], step: Double) -> NumberFormat {
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 10_000 { return NumberFormat(kind: .si) }
        if largest > 0, largest < 1e-3 { return NumberFormat(kind: .exponent, trim: true) }
        return NumberFormat(kind: .fixed)
    }

    public static func labels(_ ticks: [Double], step: Double, format: NumberFormat?) -> [String] {
        let chosen = format ?? automatic(for: ticks, step: step)
        return ticks.map { chosen.string($0, step: step) }
    }
}
