#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The decimal digits of a finite, non-negative double, rounded the way
/// JavaScript's toFixed/toExponential/toPrecision do (ties away from zero),
/// which is what d3-format prints. Built on C's exact `%e` conversion.
struct DecimalDigits {
    /// Significant digits, most significant first (no leading zeros unless the value is 0).
    var digits: [UInt8]
    /// Decimal exponent of the first digit: value = 0.d1d2… × 10^(exponent + 1).
    var exponent: Int

    init(_ value: Double) {
        var buffer = [CChar](repeating: 0, count: 80)
        let written = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 80, "%.40e", arguments) }
        }
        let text = String(decoding: buffer.prefix(max(0, Int(written))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parts = text.split(separator: "e")
        digits = parts.first.map { $0.utf8.filter { $0 >= 48 && $0 <= 57 }.map { $0 - 48 } } ?? [0]
        exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        if digits.allSatisfy({ $0 == 0 }) { exponent = 0 }
    }

    /// Rounded to `count` significant digits (count ≥ 1): digits and the exponent after rounding.
    func significant(_ count: Int) -> (digits: [UInt8], exponent: Int) {
        Self.round(digits, keep: count, exponent: exponent)
    }

    /// Rounded to `fraction` digits after the point: the digits of the integer
    /// and fraction parts together, and how many belong to the integer part.
    func fixed(_ fraction: Int) -> (integer: [UInt8], fraction: [UInt8]) {
        let keep = exponent + 1 + fraction
        if keep <= 0 {
            // All digits lie beyond the kept positions; round on the first one.
            let roundsUp = keep == 0 && (digits.first ?? 0) >= 5
            var fractionDigits = [UInt8](repeating: 0, count: fraction)
            if roundsUp {
                if fraction == 0 { return ([1], []) }
                fractionDigits[fraction - 1] = 1
            }
            return ([0], fractionDigits)
        }
        let (rounded, newExponent) = Self.round(digits, keep: keep, exponent: exponent)
        // `rounded` has `keep` digits, or keep+1... expressed with newExponent.
        var all = rounded
        let integerCount = newExponent + 1
        let totalWanted = integerCount + fraction
        if all.count < totalWanted { all += [UInt8](repeating: 0, count: totalWanted - all.count) }
        if integerCount <= 0 {
            return ([0], [UInt8](repeating: 0, count: -integerCount) + all.prefix(fraction + integerCount))
        }
        return (Array(all.prefix(integerCount)), Array(all[integerCount..<totalWanted]))
    }

    private static func round(_ digits: [UInt8], keep: Int, exponent: Int) -> (digits: [UInt8], exponent: Int) {
        guard keep < digits.count else { return (digits + [UInt8](repeating: 0, count: keep - digits.count), exponent) }
        var kept = Array(digits.prefix(keep))
        guard digits[keep] >= 5 else { return (kept, exponent) }
        var index = kept.count - 1
        while index >= 0 {
            if kept[index] < 9 {
                kept[index] += 1
                return (kept, exponent)
            }
            kept[index] = 0
            index -= 1
        }
        // 9.99 → 10.0: one more leading digit, same count kept.
        return ([1] + kept.dropLast(), exponent + 1)
    }
}

/// JavaScript's Number.prototype formatting on |x|, for d3-format.
enum JavaScriptNumber {
    static func text(_ digits: [UInt8]) -> String { String(decoding: digits.map { $0 + 48 }, as: UTF8.self) }

    static func toFixed(_ x: Double, _ fraction: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : "Infinity" }
        let (integer, fractionDigits) = DecimalDigits(x).fixed(fraction)
        return text(integer) + (fraction > 0 ? "." + text(fractionDigits) : "")
    }

    static func toExponential(_ x: Double, _ fraction: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : "Infinity" }
        let (digits, exponent) = DecimalDigits(x).significant(fraction + 1)
        let mantissa = text(Array(digits.prefix(1))) + (fraction > 0 ? "." + text(Array(digits.dropFirst())) : "")
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String(abs(exponent))
    }

    static func toPrecision(_ x: Double, _ precision: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : "Infinity" }
        let (_, exponent) = DecimalDigits(x).significant(precision)
        if exponent < -6 || exponent >= precision { return toExponential(x, precision - 1) }
        return toFixed(x, max(0, precision - exponent - 1))
    }
}
