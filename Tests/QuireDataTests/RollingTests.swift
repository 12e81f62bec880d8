import Foundation
import Testing

@testable import QuireData

/// The streaming window statistics against the definition, computed the slow
/// way on every window, over a series with nulls and NaN.
@Suite struct RollingTests {
    func naive(_ series: [Double?], window: Int, function: String) -> [Double?] {
        series.indices.map { position in
            let values = series[max(0, position - window + 1)...position].compactMap { $0 }.filter { !$0.isNaN }
            guard !values.isEmpty else { return nil }
            switch function {
            case "sum": return values.reduce(0, +)
            case "min": return values.min()
            case "max": return values.max()
            case "median":
                let sorted = values.sorted()
                return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            case "std":
                guard values.count > 1 else { return nil }
                let mean = values.reduce(0, +) / Double(values.count)
                return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
            default: return values.reduce(0, +) / Double(values.count)
            }
        }
    }

    @Test(arguments: ["mean", "sum", "std", "min", "max", "median"])
    func streamingEqualsDefinition(function: String) {
        var generator = SeededGenerator(seed: 11)
        let series: [Double?] = (0..<500).map { i in
            let draw = generator.next()
            if draw % 13 == 0 { return nil }
            return 100 + Double(draw % 10_000) / 100 + sin(Double(i))
        }
        for window in [1, 2, 3, 7, 50, 600] {
            let fast = Smoothing.trailing(series.map { $0.flatMap { $0.isNaN ? nil : $0 } }, window: window, function: function)
            let slow = naive(series, window: window, function: function)
            let agree = zip(fast, slow).allSatisfy { a, b in
                switch (a, b) {
                case (nil, nil): return true
                case (let x?, let y?): return abs(x - y) <= 1e-9 * max(1, abs(y))
                default: return false
                }
            }
            #expect(agree, "window \(window)")
        }
    }

    @Test func wideWindowOverALongSeriesIsFast() {
        let series: [Double?] = (0..<200_000).map { Double($0 % 977) }
        let start = Date()
        for function in ["mean", "std", "max"] {
            _ = Smoothing.trailing(series, window: 50_000, function: function)
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
