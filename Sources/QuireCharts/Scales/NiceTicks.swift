import Foundation

/// "Nice" ticks by the 1-2-5 rule (as d3-array's `ticks` and `nice` do):
/// the step is 1, 2 or 5 times a power of ten, picked so that about
/// `count` ticks cover the span. Ticks are built from integer multiples so
/// they never pick up float noise such as 0.30000000000000004.
enum NiceTicks {
    private static let e10 = 50.0.squareRoot()
    private static let e5 = 10.0.squareRoot()
    private static let e2 = 2.0.squareRoot()

    /// A step as integer multiples: positive `increment` means value = i × increment,
    /// negative means value = i ÷ -increment (exact for decimal fractions).
    struct Spec {
        var first: Double
        var last: Double
        var increment: Double

        func value(_ index: Double) -> Double { increment < 0 ? index / -increment : index * increment }
        var step: Double { increment < 0 ? 1 / -increment : increment }
    }

    static func spec(_ start: Double, _ stop: Double, _ count: Double) -> Spec? {
        guard count > 0, start.isFinite, stop.isFinite, stop > start else { return nil }
        let step = (stop - start) / count
        let power = (log10(step)).rounded(.down)
        let error = step / pow(10, power)
        let factor: Double = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1
        var first: Double
        var last: Double
        var increment: Double
        if power < 0 {
            increment = pow(10, -power) / factor
            first = (start * increment).rounded()
            last = (stop * increment).rounded()
            if first / increment < start { first += 1 }
            if last / increment > stop { last -= 1 }
            increment = -increment
        } else {
            increment = pow(10, power) * factor
            first = (start / increment).rounded()
            last = (stop / increment).rounded()
            if first * increment < start { first += 1 }
            if last * increment > stop { last -= 1 }
        }
        if last < first, count >= 0.5, count < 2 { return spec(start, stop, count * 2) }
        return Spec(first: first, last: last, increment: increment)
    }

    /// About `count` nice values within [start, stop] (either order).
    package static func ticks(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        if start == stop, start.isFinite { return [start] }
        let reversed = stop < start
        let (low, high) = reversed ? (stop, start) : (start, stop)
        guard let spec = spec(low, high, Double(count)), spec.last >= spec.first, spec.last - spec.first < 10_000 else { return [] }
        let values = stride(from: spec.first, through: spec.last, by: 1).map(spec.value)
        return reversed ? values.reversed() : values
    }

    /// The distance between the ticks `ticks(start, stop, count)` returns.
    package static func step(_ start: Double, _ stop: Double, count: Int) -> Double {
        let (low, high) = stop < start ? (stop, start) : (start, stop)
        return spec(low, high, Double(count))?.step ?? 0
    }

    /// Widens [low, high] outwards to whole steps, so the axis starts and ends on a tick.
    static func nice(_ low: Double, _ high: Double, count: Int) -> (Double, Double) {
        guard low.isFinite, high.isFinite else { return (low, high) }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            return nice(low - pad, high + pad, count: count)
        }
        var (start, stop) = (min(low, high), max(low, high))
        var previous: Double?
        for _ in 0..<10 {
            guard let spec = spec(start, stop, Double(count)) else { break }
            if spec.increment == previous { break }
            previous = spec.increment
            if spec.increment > 0 {
                start = (start / spec.increment).rounded(.down) * spec.increment
                stop = (stop / spec.increment).rounded(.up) * spec.increment
            } else {
                start = (start * -spec.increment).rounded(.down) / -spec.increment
                stop = (stop * -spec.increment).rounded(.up) / -spec.increment
            }
        }
        return (start, stop)
    }
}
