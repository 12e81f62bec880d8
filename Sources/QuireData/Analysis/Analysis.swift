import QuireDiagnostics

/// The `analysis` ops of PRODUCT §3, read from a directive's YAML parameters.
public enum Analysis {
    public static let ops = ["rolling", "ewm", "bin", "pca", "probe", "fourier", "shuffle"]
    /// Widest matrix pca and probe accept: the covariance alone is columns² doubles.
    public static let maxColumns = 8_192
    /// Largest matrix `shuffle` copies (400 MB of float64).
    public static let maxShuffledElements = 50_000_000
    /// Most rows a `bin` result may have (bins × groups).
    public static let maxBinRows = 5_000_000

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
    public static func op(of parameters: DirectiveParameters) throws -> String {
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
    public static func inputs(of parameters: DirectiveParameters) throws -> [String] {
        try ["from", "rows"].compactMap { try parameters.string($0)?.lowercased() }
    }

    public static func run(_ parameters: DirectiveParameters, scope: DataScope) throws -> AnalysisResult {
        let op = try op(of: parameters)
        let from = try parameters.requiredString("from", for: "op '\(op)'").lowercased()
        let fromLocation = parameters.location(of: "from")
        switch op {
        case "rolling", "ewm":
            let access = TableAccess(table: try scope.table(named: from, at: fromLocation), tableName: from, parameters: parameters)
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
                return AnalysisResult(table: try Smoothing.ewm(access, columns: columns, order: order, weight: weight, by: by))
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
            return AnalysisResult(
                table: try Smoothing.rolling(access, columns: columns, order: order, window: window, function: function, by: by))

        case "bin":
            let access = TableAccess(table: try scope.table(named: from, at: fromLocation), tableName: from, parameters: parameters)
            let column = try parameters.requiredString("column", for: "op 'bin'")
            let bins = try parameters.int("bins")
            let width = try parameters.double("width")
            guard (bins == nil) != (width == nil) else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'bin' needs exactly one of 'bins:' or 'width:'")
            }
            if let bins, !(1...Histogram.maxBins).contains(bins) { throw parameters.mistyped("bins", "between 1 and \(Histogram.maxBins)") }
            if let width {
                guard width > 0 else { throw parameters.mistyped("width", "a positive number") }
                let values = try access.numeric(column, key: "column").compactMap { $0 }.filter(\.isFinite)
                if let low = values.min(), let high = values.max(), (high - low) / width > Double(Histogram.maxBins) {
                    throw Diagnostic.error(
                        at: parameters.location(of: "width"), "width \(width) makes more than \(Histogram.maxBins) bins",
                        hint: "use a larger width")
                }
            }
            let by = try parameters.strings("by") ?? []
            let groupCount = try access.groups(by: by).count
            let values = try access.numeric(column, key: "column").compactMap { $0 }.filter(\.isFinite)
            let binCount = Histogram.edges(of: values, bins: bins, width: width).count - 1
            guard groupCount * max(0, binCount) <= maxBinRows else {
                throw Diagnostic.error(
                    at: parameters.bodyLocation, "\(groupCount) groups × \(binCount) bins is more than \(maxBinRows) rows",
                    hint: "use fewer bins or group by fewer columns")
            }
            return AnalysisResult(table: try Histogram.bin(access, column: column, bins: bins, width: width, by: by))

        case "shuffle":
            let seed = try seedParameter(parameters)
            if scope.isMatrix(from) {
                let matrix = try scope.matrix(named: from, at: fromLocation)
                // The shuffled copy lives in memory as float64.
                guard matrix.elementCount <= maxShuffledElements else {
                    throw Diagnostic.error(
                        at: fromLocation, "matrix \(MatrixTable.shapeText(matrix.shape)) is too large to shuffle in memory",
                        hint: "shuffle its rows table instead and use that as the probe's targets")
                }
                return AnalysisResult(matrix: shuffled(matrix, seed: seed))
            }
            let table = try scope.table(named: from, at: fromLocation)
            return AnalysisResult(table: table.rows(SeededGenerator.permutation(count: table.rowCount, seed: seed)))

        case "pca":
            let matrix = try scope.matrix(named: from, at: fromLocation)
            try checkWidth(matrix, op: op, at: fromLocation)
            let layer = try layerParameter(parameters, matrix)
            let k = try parameters.int("k") ?? 2
            guard matrix.columnCount >= 1, (1...matrix.columnCount).contains(k) else {
                throw parameters.mistyped("k", "between 1 and the matrix's \(matrix.columnCount) columns")
            }
            let carried = try alignedRows(parameters, scope: scope, matrix: matrix)
            let center = try parameters.bool("center") ?? true
            let solver = try solverParameter(parameters)
            let output: PCA.Output
            do { output = try PCA.run(matrix, layer: layer, k: k, center: center, solver: solver) } catch {
                throw Diagnostic.error(at: fromLocation, error.message)
            }
            var columns = output.scores.enumerated().map { Column(name: "pc\($0.offset + 1)", doubles: $0.element) }
            columns += (carried?.columns ?? []).filter { column in !columns.contains { $0.name == column.name } }
            let variance = Table(columns: [
                Column(name: "component", integers: (1...k).map { Int64($0) }),
                Column(name: "variance", doubles: output.variances),
                Column(name: "ratio", doubles: output.ratios),
            ])
            return AnalysisResult(table: Table(columns: columns), extras: [("variance", variance)])

        case "probe":
            let matrix = try scope.matrix(named: from, at: fromLocation)
            try checkWidth(matrix, op: op, at: fromLocation)
            let layer = try layerParameter(parameters, matrix)
            guard let rows = try alignedRows(parameters, scope: scope, matrix: matrix) else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'probe' needs 'rows:' (the table whose rows align with the matrix)")
            }
            guard let targets = try parameters.strings("targets"), !targets.isEmpty else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'probe' needs 'targets:' (columns of the rows table)")
            }
            let rowsName = try parameters.requiredString("rows", for: "op 'probe'")
            let access = TableAccess(table: rows, tableName: rowsName, parameters: parameters)
            let values = try targets.map { try access.numeric($0, key: "targets") }
            let usable = (0..<rows.rowCount).filter { row in values.allSatisfy { $0[row].map(\.isFinite) ?? false } }
            let alpha = try parameters.double("alpha") ?? 1e-3
            guard alpha >= 0 else { throw parameters.mistyped("alpha", "zero or more") }
            let fraction = try parameters.double("test_fraction") ?? 0.2
            guard fraction > 0, fraction < 1 else { throw parameters.mistyped("test_fraction", "between 0 and 1") }
            let seed = try seedParameter(parameters)
            let output: Probe.Output
            do {
                output = try Probe.run(
                    matrix, layer: layer, targets: values.map { $0.map { $0 ?? .nan } }, usable: usable,
                    alpha: alpha, testFraction: fraction, seed: seed)
            } catch {
                throw Diagnostic.error(at: fromLocation, error.message)
            }
            var table = rows.rows(output.testRows)
            for (j, target) in targets.enumerated() {
                table = table.appending(Column(name: "true_\(target)", doubles: output.truths[j]))
                table = table.appending(Column(name: "pred_\(target)", doubles: output.predictions[j]))
            }
            let score = Table(columns: [
                Column(name: "target", strings: targets),
                Column(name: "r2", doubles: output.r2),
                Column(name: "rmse", doubles: output.rmse),
                Column(name: "n_train", integers: targets.map { _ in Int64(output.trainCount) }),
                Column(name: "n_test", integers: targets.map { _ in Int64(output.testRows.count) }),
            ])
            return AnalysisResult(table: table, extras: [("score", score)])

        default:  // fourier
            let table = try scope.table(named: from, at: fromLocation)
            let access = TableAccess(table: table, tableName: from, parameters: parameters)
            let group = try parameters.requiredString("group", for: "op 'fourier'")
            let positionName = try parameters.requiredString("position", for: "op 'fourier'")
            guard let columns = try parameters.strings("columns"), !columns.isEmpty else {
                throw Diagnostic.error(at: parameters.bodyLocation, "op 'fourier' needs 'columns:'")
            }
            let samples = try parameters.int("samples") ?? 64
            guard (4...16_384).contains(samples) else { throw parameters.mistyped("samples", "between 4 and 16384") }
            let frequencies = try frequencyParameter(parameters, samples: samples)
            let positions = try access.numeric(positionName, key: "position")
            let groups = try access.groups(by: [group], key: "group")
            var signal: [String?] = []
            var frequency: [Int64?] = []
            var coherence: [Double?] = []
            var angle: [Double?] = []
            var counts: [Int64?] = []
            for name in columns {
                let values = try access.numeric(name, key: "columns")
                let signals = groups.map { rows in
                    rows.compactMap { row -> (Double, Double)? in
                        guard let p = positions[row], let v = values[row] else { return nil }
                        return (p, v)
                    }
                }
                for row in Fourier.coherence(signals, samples: samples, frequencies: frequencies) {
                    signal.append(name)
                    frequency.append(Int64(row.frequency))
                    coherence.append(row.coherence)
                    angle.append(row.angle)
                    counts.append(Int64(row.groups))
                }
            }
            return AnalysisResult(
                table: Table(columns: [
                    Column(name: "signal", strings: signal), Column(name: "frequency", integers: frequency),
                    Column(name: "coherence", doubles: coherence), Column(name: "angle", doubles: angle),
                    Column(name: "groups", integers: counts),
                ]))
        }
    }

    static func checkWidth(_ matrix: Matrix, op: String, at location: SourceLocation) throws {
        guard (1...maxColumns).contains(matrix.columnCount) else {
            throw Diagnostic.error(
                at: location, "op '\(op)' takes matrices of 1 to \(maxColumns) columns; this one is \(MatrixTable.shapeText(matrix.shape))")
        }
    }

    static func seedParameter(_ parameters: DirectiveParameters) throws -> UInt64 {
        guard let seed = try parameters.int("seed") else { return 0 }
        return UInt64(bitPattern: Int64(seed))
    }

    static func solverParameter(_ parameters: DirectiveParameters) throws -> PCA.Solver {
        guard let text = try parameters.string("solver") else { return .exact }
        guard let solver = PCA.Solver(rawValue: text.lowercased()) else {
            let names = PCA.Solver.allCases.map(\.rawValue)
            throw Diagnostic.error(
                at: parameters.location(of: "solver"), "unknown solver '\(text)'",
                hint: (Suggestions.didYouMean(text, in: names).map { $0 + "; " } ?? "") + "one of: \(names.joined(separator: ", "))")
        }
        return solver
    }

    static func layerParameter(_ parameters: DirectiveParameters, _ matrix: Matrix) throws -> Int {
        let layer = try parameters.int("layer")
        if matrix.dimensions == 3 {
            guard let layer else {
                throw Diagnostic.error(
                    at: parameters.bodyLocation,
                    "the matrix is 3-D \(MatrixTable.shapeText(matrix.shape)); say which 'layer:' (0–\(matrix.layerCount - 1))")
            }
            let index = layer < 0 ? matrix.layerCount + layer : layer
            guard (0..<matrix.layerCount).contains(index) else {
                throw parameters.mistyped("layer", "between 0 and \(matrix.layerCount - 1)")
            }
            return index
        }
        guard layer == nil || layer == 0 else { throw parameters.mistyped("layer", "0 (the matrix is \(matrix.dimensions)-D)") }
        return 0
    }

    static func alignedRows(_ parameters: DirectiveParameters, scope: DataScope, matrix: Matrix) throws -> Table? {
        guard let name = try parameters.string("rows")?.lowercased() else { return nil }
        let table = try scope.table(named: name, at: parameters.location(of: "rows"))
        guard table.rowCount == matrix.rowCount else {
            throw Diagnostic.error(
                at: parameters.location(of: "rows"), "table '\(name)' has \(table.rowCount) rows but the matrix has \(matrix.rowCount)",
                hint: "'rows' must list one row per matrix row, in the same order")
        }
        return table
    }

    /// `frequencies: [1, 2, 4]`, `frequencies: 3`, or `frequencies: 1-8`.
    static func frequencyParameter(_ parameters: DirectiveParameters, samples: Int) throws -> [Int] {
        guard let items = try parameters.strings("frequencies") else { return Array(1...min(8, samples / 2)) }
        var result: [Int] = []
        for item in items {
            let bounds = item.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { Int($0.trimmingCharacters(in: " ")) }
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

    static func shuffled(_ matrix: Matrix, seed: UInt64) -> Matrix {
        let order = SeededGenerator.permutation(count: matrix.rowCount, seed: seed)
        var values: [Double] = []
        values.reserveCapacity(matrix.elementCount)
        for layer in 0..<matrix.layerCount {
            for row in order {
                for column in 0..<matrix.columnCount { values.append(matrix.value(layer: layer, row: row, column: column)) }
            }
        }
        return Matrix(shape: matrix.shape, values: values)
    }
}

extension Analysis {
    public struct PrincipalComponents: Sendable {
        /// Eigenvalues of the covariance (ddof = 1), largest first.
        public var variances: [Double]
        /// Their share of the total variance.
        public var ratios: [Double]
        /// Unit loading vectors, one per component.
        public var components: [[Double]]
        /// Each row's coordinates, one array per component.
        public var scores: [[Double]]
    }

    /// PCA of one layer of a matrix, exactly as `op: pca` computes it.
    /// `solver`: "exact", "randomized" or "auto", as `solver:` takes them.
    public static func principalComponents(of matrix: Matrix, layer: Int = 0, k: Int, center: Bool = true, solver: String = "exact") throws
        -> PrincipalComponents
    {
        guard (0..<matrix.layerCount).contains(layer), (1...max(1, matrix.columnCount)).contains(k), matrix.columnCount >= 1 else {
            throw Diagnostic.error(
                at: SourceLocation(path: ""), "layer or k out of range for a matrix \(MatrixTable.shapeText(matrix.shape))")
        }
        guard let solver = PCA.Solver(rawValue: solver) else {
            throw Diagnostic.error(at: SourceLocation(path: ""), "unknown solver '\(solver)'", hint: "one of: exact, randomized, auto")
        }
        do {
            let output = try PCA.run(matrix, layer: layer, k: k, center: center, solver: solver)
            return PrincipalComponents(
                variances: output.variances, ratios: output.ratios, components: output.components, scores: output.scores)
        } catch {
            throw Diagnostic.error(at: SourceLocation(path: ""), error.message)
        }
    }
}
