#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `rolling` and `ewm`: per group, in `order`, a new column per input column.
package enum Smoothing {
    package static let rollingFunctions = ["mean", "median", "min", "max", "sum", "std"]

    static func rolling(_ input: TableAccess, columns: [String], order: String?, window: Int, function: String, by: [String]) throws
        -> Table
    {
        try eachSeries(input, columns: columns, order: order, by: by, suffix: function) { series in
            // Nulls and NaN are skipped, as pandas does; positions still count toward the window.
            trailing(series.map { $0.flatMap { $0.isNaN ? nil : $0 } }, window: window, function: function)
        }
    }

    /// For each column, runs `transform` over every group's values in `order`
    /// and adds the results as `<column>_<suffix>`, back in the table's row order.
    static func eachSeries(
        _ input: TableAccess, columns: [String], order: String?, by: [String], suffix: String,
        _ transform: ([Double?]) -> [Double?]
    ) throws -> Table {
        var result = input.table
        let groups = try input.groups(by: by).map { try input.sorted($0, by: order) }
        for name in columns {
            let values = try input.numeric(name, key: "columns")
            var output = [Double?](repeating: nil, count: values.count)
            for rows in groups {
                for (position, value) in transform(rows.map { values[$0] }).enumerated() {
                    output[rows[position]] = value
                }
            }
            result = result.appending(Column(name: "\(name)_\(suffix)", doubles: output))
        }
        return result
    }

    /// The trailing-window statistic at every position, in O(n) for sums and
    /// extremes and O(n·log w + n·w) moves for the median, so a long series with
    /// a wide window stays fast.
    static func trailing(_ series: [Double?], window: Int, function: String) -> [Double?] {
        switch function {
        case "min", "max": return extremes(series, window: window, keepLarger: function == "max")
        case "median": return medians(series, window: window)
        default: return moments(series, window: window, function: function)
        }
    }

    /// Sum, mean and sample std (ddof = 1, as pandas) from running sums of
    /// values shifted by the series' first value; recomputed from scratch every
    /// `window` steps so rounding cannot drift.
    static func moments(_ series: [Double?], window: Int, function: String) -> [Double?] {
        let shift = series.lazy.compactMap { $0 }.first ?? 0
        var count = 0
        var sum = 0.0
        var squares = 0.0
        var output = [Double?](repeating: nil, count: series.count)
        for position in series.indices {
            let start = position - window + 1
            if position % max(1, window) == 0 {
                count = 0
                sum = 0
                squares = 0
                for value in series[max(0, start)...position].compactMap({ $0 }) {
                    count += 1
                    sum += value - shift
                    squares += (value - shift) * (value - shift)
                }
            } else {
                if let value = series[position] {
                    count += 1
                    sum += value - shift
                    squares += (value - shift) * (value - shift)
                }
                if start - 1 >= 0, let leaving = series[start - 1] {
                    count -= 1
                    sum -= leaving - shift
                    squares -= (leaving - shift) * (leaving - shift)
                }
            }
            guard count > 0 else { continue }
            switch function {
            case "sum": output[position] = sum + shift * Double(count)
            case "std":
                guard count > 1 else { continue }
                output[position] = (max(0, squares - sum * sum / Double(count)) / Double(count - 1)).squareRoot()
            default: output[position] = sum / Double(count) + shift
            }
        }
        return output
    }

    /// Running min or max with a monotonic queue of positions.
    static func extremes(_ series: [Double?], window: Int, keepLarger: Bool) -> [Double?] {
        var queue: [Int] = []
        var head = 0
        var output = [Double?](repeating: nil, count: series.count)
        for position in series.indices {
            if let value = series[position] {
                while queue.count > head, let last = queue.last, let lastValue = series[last],
                    keepLarger ? lastValue <= value : lastValue >= value
                {
                    queue.removeLast()
                }
                if queue.count < head { head = queue.count }
                queue.append(position)
            }
            while head < queue.count, queue[head] <= position - window { head += 1 }
            if head < queue.count { output[position] = series[queue[head]] }
        }
        return output
    }

    /// Running median over a sorted copy of the window.
    static func medians(_ series: [Double?], window: Int) -> [Double?] {
        var sorted: [Double] = []
        var output = [Double?](repeating: nil, count: series.count)
        func insertionPoint(_ value: Double) -> Int {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
        for position in series.indices {
            if let value = series[position] { sorted.insert(value, at: insertionPoint(value)) }
            let leavingPosition = position - window
            if leavingPosition >= 0, let leaving = series[leavingPosition] {
                let index = insertionPoint(leaving)
                if index < sorted.count { sorted.remove(at: index) }
            }
            guard !sorted.isEmpty else { continue }
            let middle = sorted.count / 2
            output[position] = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        return output
    }

    /// TensorBoard's scalar smoothing: an exponential moving average started at
    /// zero and divided by (1 − weightⁿ) to remove that start's bias. Like
    /// TensorBoard, a constant series and non-finite values pass through.
    static func ewm(_ input: TableAccess, columns: [String], order: String?, weight: Double, by: [String]) throws -> Table {
        try eachSeries(input, columns: columns, order: order, by: by, suffix: "ewm") { series in
            let present = series.compactMap { $0 }
            let isConstant = present.allSatisfy { $0 == present.first }
            var last = 0.0
            var accumulated = 0
            return series.map { value -> Double? in
                guard let value else { return nil }
                if isConstant || !value.isFinite { return value }
                last = last * weight + (1 - weight) * value
                accumulated += 1
                let debias = weight == 1 ? 1 : 1 - pow(weight, Double(accumulated))
                return last / debias
            }
        }
    }
}
