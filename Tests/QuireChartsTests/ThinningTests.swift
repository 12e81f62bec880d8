import Testing

@testable import QuireCharts

@Suite struct LTTBTests {
    /// Reference: the `lttb` package from PyPI (0.3.2, numpy buckets by
    /// np.array_split), run once on this machine:
    ///
    ///     import numpy as np, lttb
    ///     x = np.arange(200, dtype=float)
    ///     y = np.array([((i*37) % 101) - 50 + (i % 7)*3 + 0.25*i for i in range(200)], dtype=float)
    ///     lttb.downsample(np.column_stack([x, y]), n_out=23)[:, 0]
    ///     # → [0, 5, 11, 27, 33, 46, 52, 68, 71, 90, 93, 103, 112, 120, 134, 139, 145, 158, 164, 180, 183, 197, 199]
    ///     x2 = np.array([i*i*0.5 for i in range(50)])
    ///     y2 = np.array([(i*13 % 17) * (1 if i%2 else -1) for i in range(50)], dtype=float)
    ///     lttb.downsample(np.column_stack([x2, y2]), n_out=10)[:, 0]
    ///     # → [0.0, 12.5, 50.0, 84.5, 242.0, 364.5, 512.0, 760.5, 968.0, 1200.5]
    @Test func matchesTheReferenceImplementation() {
        let x = (0..<200).map(Double.init)
        let y: [Double] = (0..<200).map { (i: Int) -> Double in
            let wobble: Int = (i * 37) % 101 - 50 + (i % 7) * 3
            return Double(wobble) + 0.25 * Double(i)
        }
        let expected: [Int] = [0, 5, 11, 27, 33, 46, 52, 68, 71, 90, 93, 103, 112, 120, 134, 139, 145, 158, 164, 180, 183, 197, 199]
        #expect(LTTB.indices(x: x, y: y, target: 23) == expected)

        let x2: [Double] = (0..<50).map { (i: Int) -> Double in Double(i * i) * 0.5 }
        let y2: [Double] = (0..<50).map { (i: Int) -> Double in
            let magnitude = Double((i * 13) % 17)
            return i % 2 == 1 ? magnitude : -magnitude
        }
        let kept = LTTB.indices(x: x2, y: y2, target: 10)
        #expect(kept.map { x2[$0] } == [0.0, 12.5, 50.0, 84.5, 242.0, 364.5, 512.0, 760.5, 968.0, 1200.5])
    }

    @Test func smallInputsAndTargetsKeepEverything() {
        #expect(LTTB.indices(x: [1, 2, 3], y: [3, 1, 2], target: 5) == [0, 1, 2])
        #expect(LTTB.indices(x: [1, 2, 3, 4], y: [3, 1, 2, 0], target: 2) == [0, 1, 2, 3])
        #expect(LTTB.indices(x: [], y: [], target: 10) == [])
    }

    @Test func keepsASpike() {
        var y = Array(repeating: 0.0, count: 1000)
        y[637] = 50
        let kept = LTTB.indices(x: (0..<1000).map(Double.init), y: y, target: 20)
        #expect(kept.contains(637))
        #expect(kept.count == 20)
    }
}

@Suite struct PointSamplerTests {
    @Test func sampleIsSortedUniqueReproducibleAndSpread() {
        let a = PointSampler.indices(count: 50_000, limit: 1000)
        #expect(a == PointSampler.indices(count: 50_000, limit: 1000))
        #expect(a.count == 1000 && Set(a).count == 1000 && a == a.sorted())
        // Roughly uniform: each fifth of the rows holds about a fifth of the sample.
        for fifth in 0..<5 {
            let inside = a.filter { $0 / 10_000 == fifth }.count
            #expect(inside > 140 && inside < 260)
        }
        #expect(PointSampler.indices(count: 5, limit: 10) == [0, 1, 2, 3, 4])
    }
}
