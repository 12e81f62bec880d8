import Foundation
import QuireData

/// Maps numbers (or times, as seconds since 1970) onto pixels.
struct ContinuousScale: Sendable, Equatable {
    package enum Kind: Sendable, Equatable { case linear, log, time }

    package var kind: Kind
    package var domain: (low: Double, high: Double)
    package var range: (start: Double, end: Double)
    package var format: NumberFormat?

    package init(kind: Kind, domain: (Double, Double), range: (Double, Double), format: NumberFormat? = nil) {
        self.kind = kind
        self.domain = domain
        self.range = range
        self.format = format
    }

    static func == (a: ContinuousScale, b: ContinuousScale) -> Bool {
        a.kind == b.kind && a.domain == b.domain && a.range == b.range && a.format == b.format
    }

    private func transform(_ value: Double) -> Double {
        kind == .log ? log10(value) : value
    }

    func callAsFunction(_ value: Double) -> Double {
        let low = transform(domain.low)
        let high = transform(domain.high)
        guard high != low else { return (range.start + range.end) / 2 }
        let t = (transform(value) - low) / (high - low)
        return range.start + t * (range.end - range.start)
    }

    func invert(_ pixel: Double) -> Double {
        let low = transform(domain.low)
        let high = transform(domain.high)
        guard range.end != range.start else { return domain.low }
        let t = (pixel - range.start) / (range.end - range.start)
        let raw = low + t * (high - low)
        return kind == .log ? pow(10, raw) : raw
    }

    /// Ticks about `count` apart, with labels that all read differently.
    package func ticks(count: Int) -> [(value: Double, label: String)] {
        switch kind {
        case .linear:
            let values = NiceTicks.ticks(domain.low, domain.high, count: count)
            let step = NiceTicks.step(domain.low, domain.high, count: count)
            return Array(zip(values, TickFormat.labels(values, step: step, domain: domain, format: format)))
        case .log:
            let values = LogTicks.ticks(domain.low, domain.high, count: count)
            return values.map { ($0, TickFormat.logLabel($0, format: format)) }
        case .time:
            return TimeTicks.ticks(domain.low, domain.high, count: count)
        }
    }

    /// A domain widened to nice tick values (log: to powers of ten).
    static func niceDomain(kind: Kind, _ low: Double, _ high: Double, count: Int) -> (Double, Double) {
        switch kind {
        case .linear: return NiceTicks.nice(low, high, count: count)
        case .log: return LogTicks.niceDomain(low, high)
        case .time:
            return low == high ? (low - 43_200, high + 43_200) : (low, high)
        }
    }
}

/// Ticks on a log axis: powers of ten, with 2 and 5 between them when the
/// axis spans few decades.
enum LogTicks {
    package static func ticks(_ low: Double, _ high: Double, count: Int) -> [Double] {
        guard low > 0, high > low else { return low > 0 ? [low] : [] }
        let first = Int(log10(low).rounded(.down))
        let last = Int(log10(high).rounded(.up))
        guard last - first < 400 else { return [] }
        let decades = last - first
        let multipliers: [Double] = decades <= 2 ? [1, 2, 5] : [1]
        var values: [Double] = []
        let every = max(1, decades / max(count, 1))
        for exponent in first...last where (exponent - first) % every == 0 {
            for multiplier in multipliers {
                let value = multiplier * pow(10, Double(exponent))
                if value >= low * (1 - 1e-12), value <= high * (1 + 1e-12) { values.append(value) }
            }
        }
        return values
    }

    /// The nearest 1, 2 or 5 times a power of ten at or outside each end, so
    /// the axis hugs the data (2.2–10.6 → 2–20, not 1–100). Where the axis then
    /// spans more decades than get 2s and 5s as ticks, the ends are powers of ten
    /// so they still carry a label.
    static func niceDomain(_ low: Double, _ high: Double) -> (Double, Double) {
        guard low > 0, high > 0, low.isFinite, high.isFinite else { return (low, high) }
        let (low, high) = (min(low, high), max(low, high))
        var start = step(atOrBelow: low)
        var stop = step(atOrAbove: high)
        if start == stop { stop = step(atOrAbove: stop * (1 + 1e-9)) }
        if decades(start, stop) > 2 {
            start = power(Int(log10(low).rounded(.down)))
            stop = power(Int(log10(high).rounded(.up)))
            if start == stop { stop = start * 10 }
        }
        return (start, stop)
    }

    private static let multipliers: [Double] = [1, 2, 5]

    /// 10^exponent, exact for negative exponents too (1/100, not 10^-2's float).
    private static func power(_ exponent: Int) -> Double {
        exponent >= 0 ? pow(10, Double(exponent)) : 1 / pow(10, Double(-exponent))
    }

    private static func value(_ multiplier: Double, _ exponent: Int) -> Double {
        exponent >= 0 ? multiplier * pow(10, Double(exponent)) : multiplier / pow(10, Double(-exponent))
    }

    private static func step(atOrBelow x: Double) -> Double {
        let exponent = Int(log10(x).rounded(.down))
        for e in [exponent + 1, exponent, exponent - 1] {
            for m in multipliers.reversed() where value(m, e) <= x * (1 + 1e-12) { return value(m, e) }
        }
        return power(exponent)
    }

    private static func step(atOrAbove x: Double) -> Double {
        let exponent = Int(log10(x).rounded(.down))
        for e in [exponent - 1, exponent, exponent + 1] {
            for m in multipliers where value(m, e) >= x * (1 - 1e-12) { return value(m, e) }
        }
        return power(exponent + 1)
    }

    private static func decades(_ low: Double, _ high: Double) -> Int {
        Int(log10(high).rounded(.up)) - Int(log10(low).rounded(.down))
    }

    /// `0.01`, `1`, `100`, `10k`, `1e-6`: short forms for powers and their multiples.
    package static func label(_ value: Double) -> String {
        if value >= 10_000 { return TickFormat.prefixed(value, step: nil) }
        if value < 1e-3 { return TickFormat.exponential(value, decimals: 1) }
        return TickFormat.fixed(decimals: 6, trim: true)(value)
    }
}
