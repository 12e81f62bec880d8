import QuireDiagnostics

/// `rolling` and `ewm`: per group, in `order`, a new column per input column.
enum Smoothing {
    static let rollingFunctions = ["mean", "median", "min", "max", "sum", "std"]

    static func rolling(_ input: TableAccess, columns: [String], order: String?, window: Int, function: String, by: [String]) throws -> Table {
        var result = input.table
        let groups = try input.groups(by: by)
        for name in columns {
            let values = try input.numeric(name, key: "columns")
            var output = [Double?](repeating: nil, count: values.count)
            for group in groups {
                let rows = try input.sorted(group, by: order)
                for (position, row) in rows.enumerated() {
                    let window = rows[max(0, position - window + 1)...position].compactMap { values[$0] }.filter { !$0.isNaN }
                    output[row] = summarize(window, function)
                }
            }
            result = result.appending(Column(name: "\(name)_\(function)", doubles: output))
        }
        return result
    }

    /// As pandas' rolling(window, min_periods=1): nulls are skipped, std is the
    /// sample standard deviation (ddof=1) and needs two values.
    static func summarize(_ values: [Double], _ function: String) -> Double? {
        guard !values.isEmpty else { return nil }
        switch function {
        case "sum": return values.reduce(0, +)
        case "min": return values.min()
        case "max": return values.max()
        case "median":
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        case "std":
            guard values.count > 1 else { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return (squares / Double(values.count - 1)).squareRoot()
        default: return values.reduce(0, +) / Double(values.count)
        }
    }

    /// TensorBoard's scalar smoothing: an exponential moving average started at
    /// zero and divided by (1 − weightⁿ) to remove that start's bias. Like
    /// TensorBoard, a constant series and non-finite values pass through.
    static func ewm(_ input: TableAccess, columns: [String], order: String?, weight: Double, by: [String]) throws -> Table {
        var result = input.table
        let groups = try input.groups(by: by)
        for name in columns {
            let values = try input.numeric(name, key: "columns")
            var output = [Double?](repeating: nil, count: values.count)
            for group in groups {
                let rows = try input.sorted(group, by: order)
                let present = rows.compactMap { values[$0] }
                let isConstant = present.allSatisfy { $0 == present.first }
                var last = 0.0
                var accumulated = 0
                for row in rows {
                    guard let value = values[row] else { continue }
                    if isConstant || !value.isFinite { output[row] = value; continue }
                    last = last * weight + (1 - weight) * value
                    accumulated += 1
                    let debias = weight == 1 ? 1 : 1 - pow(weight, Double(accumulated))
                    output[row] = last / debias
                }
            }
            result = result.appending(Column(name: "\(name)_ewm", doubles: output))
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
