#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `bin`: counts of a numeric column in equal bins. With `bins: n` the edges
/// are numpy.histogram's (n equal bins from min to max, the last one closed);
/// with `width: w` they are multiples of w. Groups share one set of edges.
package enum Histogram {
    package static let maxBins = 100_000

    static func edges(of values: [Double], bins: Int?, width: Double?) -> [Double] {
        guard var low = values.min(), var high = values.max() else { return [] }
        if let width {
            let start = (low / width).rounded(.down) * width
            let count = max(1, Int(((high - start) / width).rounded(.down)) + 1)
            return (0...min(count, maxBins)).map { start + Double($0) * width }
        }
        let count = max(1, bins ?? 10)
        if low == high {
            low -= 0.5
            high += 0.5
        }
        // numpy.linspace: start + i·step, with the last edge exactly `high`.
        let step = (high - low) / Double(count)
        return (0...count).map { $0 == count ? high : low + Double($0) * step }
    }

    /// Bin index of `value`, numpy's rule: [e_i, e_{i+1}) except the last, which is closed.
    static func index(of value: Double, in edges: [Double]) -> Int? {
        guard let first = edges.first, let last = edges.last, value >= first, value <= last else { return nil }
        if value == last { return edges.count - 2 }
        var low = 0
        var high = edges.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if edges[middle] <= value { low = middle } else { high = middle }
        }
        return low
    }

    static func bin(_ input: TableAccess, column: String, bins: Int?, width: Double?, by: [String]) throws -> Table {
        let values = try input.numeric(column, key: "column")
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        let edges = edges(of: finite, bins: bins, width: width)
        let groups = try input.groups(by: by)
        let binCount = max(0, edges.count - 1)
        var starts: [Double?] = []
        var ends: [Double?] = []
        var counts: [Int64?] = []
        var groupRows: [Int] = []
        for group in groups {
            var groupCounts = [Int64](repeating: 0, count: binCount)
            for row in group {
                if let value = values[row], value.isFinite, let index = index(of: value, in: edges) { groupCounts[index] += 1 }
            }
            for i in 0..<binCount {
                starts.append(edges[i])
                ends.append(edges[i + 1])
                counts.append(groupCounts[i])
                groupRows.append(group.first ?? 0)
            }
        }
        var columns = [
            Column(name: "bin_start", doubles: starts), Column(name: "bin_end", doubles: ends), Column(name: "count", integers: counts),
        ]
        for name in by {
            let source = try input.column(name, key: "by")
            columns.append(Column(name: name, values: Table(columns: [source]).rows(groupRows).columns[0].values))
        }
        return Table(columns: columns)
    }
}
