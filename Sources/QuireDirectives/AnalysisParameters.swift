import Foundation
import QuireData
import QuireDiagnostics

/// An `analysis` body read into a typed request: the op table of PRODUCT §3
/// (which keys each op takes) and every check that needs only the body. What
/// needs the data is checked where the op runs.
enum AnalysisParameters {
    static let ops = ["rolling", "ewm", "bin", "pca", "probe", "fourier", "shuffle"]

    static let accepted: [String: [String]] = [
        "rolling": ["op", "from", "order", "columns", "window", "fn", "by"],
        "ewm": ["op", "from", "order", "columns", "weight", "by"],
        "bin": ["op", "from", "column", "bins", "width", "by"],
        "pca": ["op", "from", "layer", "k", "center", "rows", "solver"],
        "probe": ["op", "from", "layer", "rows", "targets", "alpha", "test_fraction", "seed"],
        "fourier": ["op", "from", "group", "position", "columns", "samples", "frequencies"],
        "shuffle": ["op", "from", "seed"],
    ]

    /// The op named by the parameters, checked, before anything is computed.
    static func op(of parameters: DirectiveParameters) throws -> String {
        guard let op = try parameters.string("op") else {
            throw Diagnostic.error(at: parameters.bodyLocation, "an analysis needs 'op:'", hint: "one of: \(ops.joined(separator: ", "))")
        }
        guard let keys = accepted[op] else {
            throw Diagnostic.error(
                at: parameters.location(of: "op"), "unknown op '\(op)'",
                hint: (Suggestions.didYouMean(op, in: ops).map { $0 + "; " } ?? "") + "accepted ops: \(ops.joined(separator: ", "))")
        }
        try parameters.requireOnly(keys, for: "op '\(op)'")
        return op
    }

    /// Names of the tables the op reads (for the cache key), in parameter order.
    static func inputs(of parameters: DirectiveParameters) throws -> [String] {
        try ["from", "rows"].compactMap { try parameters.string($0)?.lowercased() }
    }

    static func request(_ parameters: DirectiveParameters) throws -> Analysis.Request {
        let op = try op(of: parameters)
        let from = try parameters.requiredString("from", for: "op '\(op)'").lowercased()
        switch op {
        case "rolling", "ewm":
            guard let columns = try parameters.strings("columns"), !columns.isEmpty else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op '\(op)' needs 'columns:'")
            }
            let order = try parameters.string("order")
            let by = try parameters.strings("by") ?? []
            if op == "ewm" {
                guard let weight = try parameters.double("weight") else {
                    throw Diagnostic.error(at: parameters.bodyLocation, "op 'ewm' needs 'weight:' (0–1)")
                }
                guard (0...1).contains(weight) else { throw parameters.mistyped("weight", "between 0 and 1") }
                return .ewm(from: from, columns: columns, order: order, weight: weight, by: by)
            }
            guard let window = try parameters.int("window") else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'rolling' needs 'window:'")
            }
            guard window >= 1 else { throw parameters.mistyped("window", "1 or more") }
            let function = try parameters.string("fn") ?? "mean"
            guard Smoothing.rollingFunctions.contains(function) else {
                throw Diagnostic.error(
                    at: parameters.location(of: "fn"), "unknown rolling function '\(function)'",
                    hint: (Suggestions.didYouMean(function, in: Smoothing.rollingFunctions).map { $0 + "; " } ?? "")
                        + "accepted: \(Smoothing.rollingFunctions.joined(separator: ", "))")
            }
            return .rolling(from: from, columns: columns, order: order, window: window, function: function, by: by)

        case "bin":
            let column = try parameters.requiredString("column", for: "op 'bin'")
            let bins = try parameters.int("bins")
            let width = try parameters.double("width")
            guard (bins == nil) != (width == nil) else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'bin' needs exactly one of 'bins:' or 'width:'")
            }
            if let bins, !(1...Histogram.maxBins).contains(bins) { throw parameters.mistyped("bins", "between 1 and \(Histogram.maxBins)") }
            if let width, width <= 0 { throw parameters.mistyped("width", "a positive number") }
            return .bin(from: from, column: column, bins: bins, width: width, by: try parameters.strings("by") ?? [])

        case "shuffle":
            return .shuffle(from: from, seed: try seed(parameters))

        case "pca":
            return .pca(
                from: from, layer: try parameters.int("layer"), k: try parameters.int("k") ?? 2,
                center: try parameters.bool("center") ?? true, rows: try parameters.string("rows")?.lowercased(),
                solver: try solver(parameters))

        case "probe":
            guard let rows = try parameters.string("rows")?.lowercased() else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'probe' needs 'rows:' (the table whose rows align with the matrix)")
            }
            guard let targets = try parameters.strings("targets"), !targets.isEmpty else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'probe' needs 'targets:' (columns of the rows table)")
            }
            let alpha = try parameters.double("alpha") ?? 1e-3
            guard alpha >= 0 else { throw parameters.mistyped("alpha", "zero or more") }
            let fraction = try parameters.double("test_fraction") ?? 0.2
            guard fraction > 0, fraction < 1 else { throw parameters.mistyped("test_fraction", "between 0 and 1") }
            return .probe(
                from: from, layer: try parameters.int("layer"), rows: rows, targets: targets, alpha: alpha,
                testFraction: fraction, seed: try seed(parameters))

        default:  // fourier
            let group = try parameters.requiredString("group", for: "op 'fourier'")
            let position = try parameters.requiredString("position", for: "op 'fourier'")
            guard let columns = try parameters.strings("columns"), !columns.isEmpty else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'fourier' needs 'columns:'")
            }
            let samples = try parameters.int("samples") ?? 64
            guard (4...16_384).contains(samples) else { throw parameters.mistyped("samples", "between 4 and 16384") }
            return .fourier(
                from: from, group: group, position: position, columns: columns, samples: samples,
                frequencies: try frequencies(parameters, samples: samples))
        }
    }

    static func seed(_ parameters: DirectiveParameters) throws -> UInt64 {
        guard let seed = try parameters.int("seed") else { return 0 }
        return UInt64(bitPattern: Int64(seed))
    }

    static func solver(_ parameters: DirectiveParameters) throws -> PCA.Solver {
        guard let text = try parameters.string("solver") else { return .exact }
        guard let solver = PCA.Solver(rawValue: text.lowercased()) else {
            let names = PCA.Solver.allCases.map(\.rawValue)
            throw Diagnostic.error(
                at: parameters.location(of: "solver"), "unknown solver '\(text)'",
                hint: (Suggestions.didYouMean(text, in: names).map { $0 + "; " } ?? "") + "one of: \(names.joined(separator: ", "))")
        }
        return solver
    }

    /// `frequencies: [1, 2, 4]`, `frequencies: 3`, or `frequencies: 1-8`.
    static func frequencies(_ parameters: DirectiveParameters, samples: Int) throws -> [Int] {
        guard let items = try parameters.strings("frequencies") else { return Array(1...min(8, samples / 2)) }
        var result: [Int] = []
        for item in items {
            let bounds = item.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { Int(String($0).trimmingCharacters(in: .whitespaces)) }
            if bounds.count == 1, let value = bounds[0] {
                result.append(value)
            } else if bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high {
                result += Array(low...high)
            } else {
                throw parameters.mistyped("frequencies", "whole numbers or a range like 1-8")
            }
        }
        guard result.allSatisfy({ (0...samples / 2).contains($0) }) else {
            throw parameters.mistyped("frequencies", "between 0 and samples/2 (\(samples / 2))")
        }
        return result
    }
}
