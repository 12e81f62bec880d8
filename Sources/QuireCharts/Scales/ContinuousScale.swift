import Foundation

/// Maps numbers (or times, as seconds since 1970) onto pixels.
public struct ContinuousScale: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case linear, log, time }

    public var kind: Kind
    public var domain: (low: Double, high: Double)
    public var range: (start: Double, end: Double)
    public var format: NumberFormat?

    public init(kind: Kind, domain: (Double, Double), range: (Double, Double), format: NumberFormat? = nil) {
        self.kind = kind
        self.domain = domain
        self.range = range
        self.format = format
    }

    public static func == (a: ContinuousScale, b: ContinuousScale) -> Bool {
        a.kind == b.kind && a.domain == b.domain && a.range == b.range && a.format == b.format
    }

    private func transform(_ value: Double) -> Double {
        kind == .log ? log10(value) : value
    }

    public func callAsFunction(_ value: Double) -> Double {
        let low = transform(domain.low), high = transform(domain.high)
        guard high != low else { return (range.start + range.end) / 2 }
        let t = (transform(value) - low) / (high - low)
        return range.start + t * (range.end - range.start)
    }

    public func invert(_ pixel: Double) -> Double {
        let low = transform(domain.low), high = transform(domain.high)
        guard range.end != range.start else { return domain.low }
        let t = (pixel - range.start) / (range.end - range.start)
        let raw = low + t * (high - low)
        return kind == .log ? pow(10, raw) : raw
    }

    /// Ticks about `count` apart, with labels that all read differently.
    public func ticks(count: Int) -> [(value: Double, label: String)] {
        switch kind {
        case .linear:
            let values = NiceTicks.ticks(domain.low, domain.high, count: count)
            let step = NiceTicks.step(domain.low, domain.high, count: count)
            return Array(zip(values, TickFormat.labels(values, step: step, format: format)))
        case .log:
            let values = LogTicks.ticks(domain.low, domain.high, count: count)
            return values.map { ($0, format?.string($0) ?? LogTicks.label($0)) }
        case .time:
            return TimeTicks.ticks(domain.low, domain.high, count: count)
        }
    }

    /// A domain widened to nice tick values (log: to powers of ten).
    public static func niceDomain(kind: Kind, _ low: Double, _ high: Double, count: Int) -> (Double, Double) {
        switch kind {
        case .linear: return NiceTicks.nice(low, high, count: count)
        case .log:
            guard low > 0, high > 0 else { return (low, high) }
            let a = pow(10, log10(low).rounded(.down)), b = pow(10, log10(high).rounded(.up))
            return a == b ? (a, a * 10) : (a, b)
        case .time:
            return low == high ? (low - 43_200, high + 43_200) : (low, high)
        }
    }
}

/// Ticks on a log axis: powers of ten, with 2 and 5 between them when the
/// axis spans few decades.
public enum LogTicks {
    public static func ticks(_ low: Double, _ high: Double, count: Int) -> [Double] {
        guard low > 0, high > low else { return low > 0 ? [low] : [] }
        let first = Int(log10(low).rounded(.down)), last = Int(log10(high).rounded(.up))
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

    /// `0.01`, `1`, `100`, `10k`, `1e-6`: short forms for powers and their multiples.
    public static func label(_ value: Double) -> String {
        if value >= 10_000 { return NumberFormat(kind: .si, trim: true).string(value) }
        if value < 1e-3 { return NumberFormat(kind: .exponent, precision: 1, trim: true).string(value) }
        return NumberFormat(kind: .fixed, precision: 6, trim: true).string(value)
    }
}
