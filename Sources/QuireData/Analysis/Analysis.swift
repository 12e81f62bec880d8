import QuireDiagnostics

/// The `analysis` ops of PRODUCT §3 with typed arguments. Reading them from a
/// directive's YAML is QuireDirectives' job; what is checked here needs the data
/// (a column's name, a matrix's width, rows that must align).
public enum Analysis {
    /// Widest matrix pca and probe accept: the covariance alone is columns² doubles.
    public static let maxColumns = 8_192
    /// Largest matrix `shuffle` copies (400 MB of float64).
    public static let maxShuffledElements = 50_000_000
    /// Most rows a `bin` result may have (bins × groups).
    public static let maxBinRows = 5_000_000

    /// One op and its arguments, each already of the right type and range.
    package enum Request {
        case rolling(from: String, columns: [String], order: String?, window: Int, function: String, by: [String])
        case ewm(from: String, columns: [String], order: String?, weight: Double, by: [String])
        case bin(from: String, column: String, bins: Int?, width: Double?, by: [String])
        /// `layer` nil: the caller gave none (a 3-D matrix needs one).
        case pca(from: String, layer: Int?, k: Int, center: Bool, rows: String?, solver: PCA.Solver)
        case probe(from: String, layer: Int?, rows: String, targets: [String], alpha: Double, testFraction: Double, seed: UInt64)
        case fourier(from: String, group: String, position: String, columns: [String], samples: Int, frequencies: [Int])
        case shuffle(from: String, seed: UInt64)

        var op: String {
            switch self {
            case .rolling: "rolling"
            case .ewm: "ewm"
            case .bin: "bin"
            case .pca: "pca"
            case .probe: "probe"
            case .fourier: "fourier"
            case .shuffle: "shuffle"
            }
        }
    }

    /// Runs `request`; `places` says where each argument was written, for the
    /// problems only the data reveals.
    package static func run(_ request: Request, places: ArgumentPlaces, scope: DataScope) throws -> AnalysisResult {
        let fromLocation = places.of("from")
        switch request {
        case .rolling(let from, let columns, let order, let window, let function, let by):
            let access = TableAccess(table: try scope.table(named: from, at: fromLocation), tableName: from, places: places)
            return AnalysisResult(
                table: try Smoothing.rolling(access, columns: columns, order: order, window: window, function: function, by: by))

        case .ewm(let from, let columns, let order, let weight, let by):
            let access = TableAccess(table: try scope.table(named: from, at: fromLocation), tableName: from, places: places)
            return AnalysisResult(table: try Smoothing.ewm(access, columns: columns, order: order, weight: weight, by: by))

        case .bin(let from, let column, let bins, let width, let by):
            let access = TableAccess(table: try scope.table(named: from, at: fromLocation), tableName: from, places: places)
            if let width {
                let values = try access.numeric(column, key: "column").compactMap { $0 }.filter(\.isFinite)
                if let low = values.min(), let high = values.max(), (high - low) / width > Double(Histogram.maxBins) {
                    throw Diagnostic.error(
                        at: places.of("width"), "width \(width) makes more than \(Histogram.maxBins) bins",
                        hint: "use a larger width")
                }
            }
            let groupCount = try access.groups(by: by).count
            let values = try access.numeric(column, key: "column").compactMap { $0 }.filter(\.isFinite)
            let binCount = Histogram.edges(of: values, bins: bins, width: width).count - 1
            guard groupCount * max(0, binCount) <= maxBinRows else {
                throw Diagnostic.error(
                    at: places.body, "\(groupCount) groups × \(binCount) bins is more than \(maxBinRows) rows",
                    hint: "use fewer bins or group by fewer columns")
            }
            return AnalysisResult(table: try Histogram.bin(access, column: column, bins: bins, width: width, by: by))

        case .shuffle(let from, let seed):
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

        case .pca(let from, let layer, let k, let center, let rows, let solver):
            let matrix = try scope.matrix(named: from, at: fromLocation)
            try checkWidth(matrix, op: request.op, at: fromLocation)
            let layer = try checkedLayer(layer, of: matrix, places: places)
            guard matrix.columnCount >= 1, (1...matrix.columnCount).contains(k) else {
                throw places.mistyped("k", "between 1 and the matrix's \(matrix.columnCount) columns")
            }
            let carried = try rows.map { try alignedRows($0, places: places, scope: scope, matrix: matrix) }
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

        case .probe(let from, let layer, let rowsName, let targets, let alpha, let fraction, let seed):
            let matrix = try scope.matrix(named: from, at: fromLocation)
            try checkWidth(matrix, op: request.op, at: fromLocation)
            let layer = try checkedLayer(layer, of: matrix, places: places)
            let rows = try alignedRows(rowsName, places: places, scope: scope, matrix: matrix)
            let access = TableAccess(table: rows, tableName: rowsName, places: places)
            let values = try targets.map { try access.numeric($0, key: "targets") }
            let usable = (0..<rows.rowCount).filter { row in values.allSatisfy { $0[row].map(\.isFinite) ?? false } }
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

        case .fourier(let from, let group, let positionName, let columns, let samples, let frequencies):
            let table = try scope.table(named: from, at: fromLocation)
            let access = TableAccess(table: table, tableName: from, places: places)
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

    /// The layer of a 3-D matrix (negative counts from the end); 0 for a 2-D one.
    static func checkedLayer(_ layer: Int?, of matrix: Matrix, places: ArgumentPlaces) throws -> Int {
        if matrix.dimensions == 3 {
            guard let layer else {
                throw Diagnostic.error(
                    at: places.body,
                    "the matrix is 3-D \(MatrixTable.shapeText(matrix.shape)); say which 'layer:' (0–\(matrix.layerCount - 1))")
            }
            let index = layer < 0 ? matrix.layerCount + layer : layer
            guard (0..<matrix.layerCount).contains(index) else {
                throw places.mistyped("layer", "between 0 and \(matrix.layerCount - 1)")
            }
            return index
        }
        guard layer == nil || layer == 0 else { throw places.mistyped("layer", "0 (the matrix is \(matrix.dimensions)-D)") }
        return 0
    }

    static func alignedRows(_ name: String, places: ArgumentPlaces, scope: DataScope, matrix: Matrix) throws -> Table {
        let table = try scope.table(named: name, at: places.of("rows"))
        guard table.rowCount == matrix.rowCount else {
            throw Diagnostic.error(
                at: places.of("rows"), "table '\(name)' has \(table.rowCount) rows but the matrix has \(matrix.rowCount)",
                hint: "'rows' must list one row per matrix row, in the same order")
        }
        return table
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
