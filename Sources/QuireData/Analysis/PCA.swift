import QuireDiagnostics

/// Principal components of one layer of a matrix: the covariance through
/// syrk over row chunks (so a layer is streamed in one pass, never copied whole), the
/// top-k eigenpairs through syevr, then the rows projected onto them.
package enum PCA {
    struct Output {
        var scores: [[Double]]  // k columns of n scores
        var variances: [Double]  // k eigenvalues of the covariance (ddof = 1)
        var ratios: [Double]  // of the total variance
        var components: [[Double]]  // k unit vectors of length d
    }

    /// `solver:` as the contract names it.
    package enum Solver: String, CaseIterable {
        case exact, randomized, auto

        /// `auto`: the range finder when k is small against the columns (a tenth
        /// or less) and the columns are many enough (500, as scikit-learn's
        /// `auto` counts "large") for one pass per iteration to beat the covariance.
        func resolved(k: Int, columns: Int) -> Solver {
            guard self == .auto else { return self }
            return columns >= 500 && 10 * k <= columns ? .randomized : .exact
        }
    }

    static func run(_ matrix: Matrix, layer: Int, k: Int, center: Bool, solver: Solver = .exact) throws(PCAFailure) -> Output {
        do { _ = try LinearAlgebraLibrary.load() } catch { throw PCAFailure(message: "pca needs BLAS: \(error)") }
        let randomized = solver.resolved(k: k, columns: matrix.columnCount) == .randomized
        // A spectrum without a gap near the k-th component can keep the randomized
        // solver from settling within its memory budget; then it is solved exactly.
        if matrix.elementType == .float64 {
            if randomized, let output = try computeRandomized(Double.self, matrix, layer: layer, k: k, center: center) { return output }
            return try compute(Double.self, matrix, layer: layer, k: k, center: center)
        }
        if randomized, let output = try computeRandomized(Float.self, matrix, layer: layer, k: k, center: center) { return output }
        return try compute(Float.self, matrix, layer: layer, k: k, center: center)
    }

    struct PCAFailure: Error { var message: String }

    /// Rows per chunk: about 32 MB of float32 at 2,048 columns.
    static func chunkRows(columns: Int) -> Int { max(64, (1 << 23) / max(1, columns)) }

    static func compute<S: LinearAlgebraScalar>(_: S.Type, _ matrix: Matrix, layer: Int, k: Int, center: Bool) throws(PCAFailure) -> Output
    {
        let n = matrix.rowCount
        let d = matrix.columnCount
        guard n >= 2 else { throw PCAFailure(message: "pca needs at least 2 rows; the matrix has \(n)") }
        let chunk = min(n, chunkRows(columns: d))
        let buffer = UnsafeMutablePointer<S>.allocate(capacity: chunk * d)
        defer { buffer.deallocate() }

        // One pass: Σ (x − s)ᵀ(x − s) with s the first chunk's mean, each chunk
        // in S and summed in double, together with the column sums. Shifting
        // by s ≈ μ keeps float32 products free of cancellation; the exact
        // mean is folded in afterwards: Σ(x − μ)(x − μ)ᵀ = Σ(x − s)(x − s)ᵀ − n·δδᵀ, δ = μ − s.
        let chunkProduct = UnsafeMutablePointer<S>.allocate(capacity: d * d)
        defer { chunkProduct.deallocate() }
        var covariance = [Double](repeating: 0, count: d * d)
        var sums = [Double](repeating: 0, count: d)
        var shiftS = [S](repeating: 0, count: d)
        var isFirstChunk = true
        forEachChunk(matrix, layer: layer, chunk: chunk, buffer: buffer) { rows in
            addColumnSums(of: buffer, rows: rows, columns: d, to: &sums)
            if isFirstChunk, center {
                shiftS = sums.map { S($0 / Double(rows)) }
            }
            isFirstChunk = false
            if center { subtract(shiftS, from: buffer, rows: rows, columns: d) }
            S.syrk(columns: d, rows: rows, a: buffer, beta: 0, c: chunkProduct)
            covariance.withUnsafeMutableBufferPointer { total in
                for i in 0..<d {
                    let offset = i * d
                    for j in i..<d { total[offset + j] += Double(chunkProduct[offset + j]) }
                }
            }
        }
        let mean = center ? sums.map { $0 / Double(n) } : [Double](repeating: 0, count: d)
        // The shift actually subtracted, as rounded to S.
        let applied = shiftS.map { Double($0) }
        let delta = (0..<d).map { mean[$0] - applied[$0] }
        let meanS = mean.map { S($0) }
        var total = 0.0
        for i in 0..<d {
            for j in i..<d {
                covariance[i * d + j] = (covariance[i * d + j] - Double(n) * delta[i] * delta[j]) / Double(n - 1)
            }
            total += covariance[i * d + i]
        }

        // Top-k eigenpairs (syevr returns them ascending).
        var a = covariance.map { S($0) }
        var values = [S](repeating: 0, count: k)
        var vectors = [S](repeating: 0, count: d * k)
        let status = S.syevr(n: d, a: &a, first: d - k + 1, last: d, values: &values, vectors: &vectors)
        guard status == 0 else { throw PCAFailure(message: "the eigensolver failed (LAPACK info \(status))") }
        var components: [[Double]] = []
        for index in (0..<k).reversed() {
            let vector = (0..<d).map { Double(vectors[$0 * k + index]) }
            components.append(vector.map { signOfLargestLoading(vector) * $0 })
        }
        let variances = values.reversed().map { max(0, Double($0)) }

        // Pass 3: scores = (X − μ)·V.
        var basis = [S](repeating: 0, count: d * k)
        for (column, vector) in components.enumerated() { for row in 0..<d { basis[row * k + column] = S(vector[row]) } }
        let projected = UnsafeMutablePointer<S>.allocate(capacity: chunk * k)
        defer { projected.deallocate() }
        var scores = [[Double]](repeating: [], count: k)
        for c in 0..<k { scores[c].reserveCapacity(n) }
        forEachChunk(matrix, layer: layer, chunk: chunk, buffer: buffer) { rows in
            subtract(meanS, from: buffer, rows: rows, columns: d)
            S.gemm(m: rows, n: k, k: d, a: buffer, b: basis, c: projected)
            for r in 0..<rows { for c in 0..<k { scores[c].append(Double(projected[r * k + c])) } }
        }
        let ratios = variances.map { total > 0 ? $0 / total : 0 }
        return Output(scores: scores, variances: variances, ratios: ratios, components: components)
    }

    /// Deterministic sign, as scikit-learn's svd_flip: largest |loading| positive.
    static func signOfLargestLoading(_ vector: [Double]) -> Double {
        guard let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }) else { return 1 }
        return vector[largest] < 0 ? -1 : 1
    }

    static func forEachChunk<S: LinearAlgebraScalar>(
        _ matrix: Matrix, layer: Int, chunk: Int, buffer: UnsafeMutablePointer<S>, _ body: (Int) -> Void
    ) {
        var start = 0
        let n = matrix.rowCount
        while start < n {
            let rows = min(chunk, n - start)
            S.copyRows(of: matrix, layer: layer, rows: start..<start + rows, into: buffer)
            body(rows)
            matrix.releasePages(layer: layer, rows: start..<start + rows)
            start += rows
        }
    }

    /// Adds each column's sum, in double, over `rows` row-major rows.
    static func addColumnSums<S: LinearAlgebraScalar>(of data: UnsafePointer<S>, rows: Int, columns: Int, to sums: inout [Double]) {
        sums.withUnsafeMutableBufferPointer { sums in
            for r in 0..<rows {
                let row = data + r * columns
                for c in 0..<columns { sums[c] += Double(row[c]) }
            }
        }
    }

    static func subtract<S: LinearAlgebraScalar>(_ mean: [S], from buffer: UnsafeMutablePointer<S>, rows: Int, columns: Int) {
        mean.withUnsafeBufferPointer { mean in
            for r in 0..<rows {
                let row = buffer + r * columns
                for c in 0..<columns { row[c] -= mean[c] }
            }
        }
    }
}
