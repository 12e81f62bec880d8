import QuireData

/// Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the first and
/// last point and, from each of `target - 2` buckets of the points between,
/// the one that spans the largest triangle with the point kept before it and
/// the mean of the next bucket. Lines keep their peaks and shape at a
/// fraction of the points.
enum LTTB {
    /// Indices (ascending) of the points to keep; all of them when `target` ≥ count or < 3.
    /// Buckets split the inner points as evenly as possible, larger ones first.
    package static func indices(x: [Double], y: [Double], target: Int) -> [Int] {
        let count = min(x.count, y.count)
        guard target >= 3, target < count else { return Array(0..<count) }
        let inner = count - 2
        let buckets = target - 2
        let base = inner / buckets
        let extra = inner % buckets
        // bucket b covers inner points [start(b), start(b + 1)), offset by 1 for the first point.
        func start(_ bucket: Int) -> Int { 1 + bucket * base + min(bucket, extra) }

        var kept = [0]
        kept.reserveCapacity(target)
        var anchor = 0
        for bucket in 0..<buckets {
            let lower = start(bucket)
            let upper = start(bucket + 1)
            var meanX = 0.0
            var meanY = 0.0
            if bucket == buckets - 1 {
                meanX = x[count - 1]
                meanY = y[count - 1]
            } else {
                let nextUpper = start(bucket + 2)
                for index in upper..<nextUpper {
                    meanX += x[index]
                    meanY += y[index]
                }
                let size = Double(nextUpper - upper)
                meanX /= size
                meanY /= size
            }
            let ax = x[anchor]
            let ay = y[anchor]
            var best = lower
            var bestArea = -1.0
            for index in lower..<upper {
                let area = abs((ax - meanX) * (y[index] - ay) - (ax - x[index]) * (meanY - ay))
                if area > bestArea {
                    bestArea = area
                    best = index
                }
            }
            kept.append(best)
            anchor = best
        }
        kept.append(count - 1)
        return kept
    }
}

/// Picks `limit` of `count` rows reproducibly: a fixed-seed shuffle, so the
/// same data always shows the same points, spread over the whole series.
enum PointSampler {
    package static func indices(count: Int, limit: Int) -> [Int] {
        guard limit < count, limit >= 0 else { return Array(0..<count) }
        // The same SplitMix64 generator the analysis ops use for `seed`.
        var generator = SeededGenerator(seed: 0x5157_4952_4543_4852)
        var chosen = Array(0..<count)
        // Partial Fisher–Yates: the first `limit` slots end up a uniform sample.
        for slot in 0..<limit {
            let pick = slot + Int(generator.next() % UInt64(count - slot))
            chosen.swapAt(slot, pick)
        }
        return chosen[0..<limit].sorted()
    }
}
