#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fourier`: how consistently a signal's phase repeats across groups. Each
/// group's signal is linearly interpolated (numpy.interp) at `samples` even
/// positions j/samples, its DFT coefficient X_f = Σ x_j·e^(−2πi·f·j/samples)
/// (numpy.fft's sign) is taken for each frequency, and the unit phasors
/// X_f/|X_f| are averaged over groups.
enum Fourier {
    struct Row {
        var frequency: Int
        var coherence: Double
        var angle: Double
        var groups: Int
    }

    /// `signals`: per group, (position, value) pairs.
    static func coherence(_ signals: [[(Double, Double)]], samples: Int, frequencies: [Int]) -> [Row] {
        var sums = [(re: Double, im: Double, count: Int)](repeating: (0, 0, 0), count: frequencies.count)
        for signal in signals {
            let points = signal.filter { $0.0.isFinite && $0.1.isFinite }.sorted { $0.0 < $1.0 }
            guard !points.isEmpty else { continue }
            let resampled = (0..<samples).map { interpolate(points, at: Double($0) / Double(samples)) }
            for (index, frequency) in frequencies.enumerated() {
                var re = 0.0
                var im = 0.0
                for (j, x) in resampled.enumerated() {
                    let phase = -2 * Double.pi * Double(frequency) * Double(j) / Double(samples)
                    re += x * cos(phase)
                    im += x * sin(phase)
                }
                let length = (re * re + im * im).squareRoot()
                guard length > 1e-12 * Double(samples) else { continue }
                sums[index].re += re / length
                sums[index].im += im / length
                sums[index].count += 1
            }
        }
        return frequencies.enumerated().map { index, frequency in
            let sum = sums[index]
            guard sum.count > 0 else { return Row(frequency: frequency, coherence: 0, angle: 0, groups: 0) }
            let re = sum.re / Double(sum.count)
            let im = sum.im / Double(sum.count)
            return Row(frequency: frequency, coherence: (re * re + im * im).squareRoot(), angle: atan2(im, re), groups: sum.count)
        }
    }

    /// numpy.interp: linear between points, the end values beyond them.
    static func interpolate(_ points: [(Double, Double)], at x: Double) -> Double {
        guard let first = points.first, let last = points.last else { return 0 }
        if x <= first.0 { return first.1 }
        if x >= last.0 { return last.1 }
        var low = 0
        var high = points.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if points[middle].0 <= x { low = middle } else { high = middle }
        }
        let (x0, y0) = points[low]
        let (x1, y1) = points[high]
        return x1 == x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    }
}
