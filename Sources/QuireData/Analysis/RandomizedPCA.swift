/// `solver: randomized`: subspace iteration on the covariance from a seeded
/// random start (Halko, Martinsson & Tropp's range finder with power
/// iterations). Each iteration is one streamed pass over the layer that
/// multiplies C = (X − μ)ᵀ(X − μ)/(n − 1) into a basis of k + max(k, 10) columns, so
/// the cost is a few passes of thin products instead of the d × d covariance,
/// and memory stays at one chunk plus n × width projections.
extension PCA {
    /// Basis columns: k + max(k, 10). The extra columns absorb the next
    /// components, and each pass shrinks the top k's error by about
    /// (λ_{width+1} / λ_k)²: a pass costs little more for a wider basis
    /// (reading the layer dominates), so a wide one saves whole passes.
    static func basisWidth(k: Int, columns: Int) -> Int { min(columns, k + max(k, 10)) }
    /// Passes stop when no top-k eigenvalue moved more than this share of the
    /// total variance in the last pass, far below the 1e-4 the ratios promise.
    static let convergence = 1e-6
    static let minimumPasses = 2
    static let maximumPasses = 16
    /// The random start is fixed, so a layer gives the same bytes on every run.
    static let startSeed: UInt64 = 0x7175_6972_6570_6361

    static func computeRandomized<S: LinearAlgebraScalar>(_: S.Type, _ matrix: Matrix, layer: Int, k: Int, center: Bool) throws(PCAFailure)
        -> Output
    {
        let n = matrix.rowCount
        let d = matrix.columnCount
        guard n >= 2 else { throw PCAFailure(message: "pca needs at least 2 rows; the matrix has \(n)") }
        let width = basisWidth(k: k, columns: d)
        let chunk = min(n, chunkRows(columns: d))
        let buffer = UnsafeMutablePointer<S>.allocate(capacity: chunk * d)
        defer { buffer.deallocate() }
        let partial = UnsafeMutablePointer<S>.allocate(capacity: d * width)
        defer { partial.deallocate() }
        // (X − s)·Q of the latest pass, row-major n × width: the scores come from it.
        var projections = [S](repeating: 0, count: n * width)

        var generator = SeededGenerator(seed: startSeed)
        var basis = (0..<d * width).map { _ in Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1 }
        orthonormalize(&basis, rows: d, columns: width, generator: &generator)

        // As in the exact solver: rows are shifted by the first chunk's mean s, and
        // the exact mean folded in afterwards, C·Q = [(X − s)ᵀ(X − s)Q − n·δ(δᵀQ)]/(n − 1).
        var shiftS = [S](repeating: 0, count: d)
        var sums = [Double](repeating: 0, count: d)
        var squares = [Double](repeating: 0, count: d)
        var delta = [Double](repeating: 0, count: d)
        var total = 0.0
        var previous: [Double]?
        for pass in 1...maximumPasses {
            let basisS = basis.map { S($0) }
            var product = [Double](repeating: 0, count: d * width)
            var start = 0
            var isFirstChunk = true
            forEachChunk(matrix, layer: layer, chunk: chunk, buffer: buffer) { rows in
                if pass == 1 {
                    sums.withUnsafeMutableBufferPointer { sums in
                        for r in 0..<rows {
                            let row = buffer + r * d
                            for c in 0..<d { sums[c] += Double(row[c]) }
                        }
                    }
                    if isFirstChunk, center { shiftS = sums.map { S($0 / Double(rows)) } }
                }
                isFirstChunk = false
                if center { subtract(shiftS, from: buffer, rows: rows, columns: d) }
                if pass == 1 {
                    squares.withUnsafeMutableBufferPointer { squares in
                        for r in 0..<rows {
                            let row = buffer + r * d
                            for c in 0..<d { squares[c] += Double(row[c]) * Double(row[c]) }
                        }
                    }
                }
                projections.withUnsafeMutableBufferPointer { projections in
                    let rowsProjected = projections.baseAddress! + start * width
                    S.gemm(m: rows, n: width, k: d, a: buffer, b: basisS, c: rowsProjected)
                    S.gemmTransposedA(m: d, n: width, k: rows, a: buffer, b: rowsProjected, c: partial)
                }
                for index in 0..<d * width { product[index] += Double(partial[index]) }
                start += rows
            }
            if pass == 1 {
                let applied = shiftS.map { Double($0) }
                delta = center ? (0..<d).map { sums[$0] / Double(n) - applied[$0] } : delta
                total = (0..<d).reduce(0) { $0 + (squares[$1] - Double(n) * delta[$1] * delta[$1]) } / Double(n - 1)
            }
            let deltaBasis = multiplyTransposed(delta, basis, rows: d, columns: width)
            for i in 0..<d {
                for j in 0..<width {
                    product[i * width + j] = (product[i * width + j] - Double(n) * delta[i] * deltaBasis[j]) / Double(n - 1)
                }
            }
            // Rayleigh–Ritz in the current basis: the eigenpairs of Qᵀ·C·Q.
            var reduced = [Double](repeating: 0, count: width * width)
            Double.gemmTransposedA(m: width, n: width, k: d, a: basis, b: product, c: &reduced)
            for a in 0..<width {
                for b in a..<width { reduced[a * width + b] = (reduced[a * width + b] + reduced[b * width + a]) / 2 }
            }
            var values = [Double](repeating: 0, count: width)
            var vectors = [Double](repeating: 0, count: width * width)
            let status = Double.syevr(n: width, a: &reduced, first: 1, last: width, values: &values, vectors: &vectors)
            guard status == 0 else { throw PCAFailure(message: "the eigensolver failed (LAPACK info \(status))") }
            let top = (0..<k).map { max(0, values[width - 1 - $0]) }
            let settled =
                previous.map { previous in
                    zip(top, previous).allSatisfy { abs($0 - $1) <= convergence * max(total, .leastNormalMagnitude) }
                } ?? false
            if pass == maximumPasses || (pass >= minimumPasses && settled) {
                return finish(
                    basis: basis, eigenvectors: vectors, variances: top, total: total, projections: projections,
                    deltaBasis: deltaBasis, rows: n, columns: d, width: width)
            }
            previous = top
            basis = product
            orthonormalize(&basis, rows: d, columns: width, generator: &generator)
        }
        preconditionFailure("the last pass always finishes")
    }

    /// Components V = Q·W for the top k Ritz vectors W, signed as the exact
    /// solver signs them, and scores (X − μ)V = ((X − s)Q − 1·δᵀQ)·W.
    private static func finish<S: LinearAlgebraScalar>(
        basis: [Double], eigenvectors: [Double], variances: [Double], total: Double, projections: [S],
        deltaBasis: [Double], rows n: Int, columns d: Int, width: Int
    ) -> Output {
        let k = variances.count
        // W, row-major width × k, largest Ritz value first.
        var weights = [Double](repeating: 0, count: width * k)
        for row in 0..<width {
            for component in 0..<k { weights[row * k + component] = eigenvectors[row * width + width - 1 - component] }
        }
        var loadings = [Double](repeating: 0, count: d * k)
        Double.gemm(m: d, n: k, k: width, a: basis, b: weights, c: &loadings)
        var components: [[Double]] = []
        for component in 0..<k {
            let vector = (0..<d).map { loadings[$0 * k + component] }
            let sign = signOfLargestLoading(vector)
            components.append(vector.map { sign * $0 })
            for row in 0..<width { weights[row * k + component] *= sign }
        }
        var centred = [Double](repeating: 0, count: n * width)
        for r in 0..<n {
            for j in 0..<width { centred[r * width + j] = Double(projections[r * width + j]) - deltaBasis[j] }
        }
        var projected = [Double](repeating: 0, count: n * k)
        Double.gemm(m: n, n: k, k: width, a: centred, b: weights, c: &projected)
        let scores = (0..<k).map { c in (0..<n).map { projected[$0 * k + c] } }
        let ratios = variances.map { total > 0 ? $0 / total : 0 }
        return Output(scores: scores, variances: variances, ratios: ratios, components: components)
    }

    /// vᵀ·M for row-major M `rows × columns`.
    private static func multiplyTransposed(_ vector: [Double], _ matrix: [Double], rows: Int, columns: Int) -> [Double] {
        var result = [Double](repeating: 0, count: columns)
        for i in 0..<rows where vector[i] != 0 {
            for j in 0..<columns { result[j] += vector[i] * matrix[i * columns + j] }
        }
        return result
    }

    /// Gram–Schmidt, twice over, on the columns of a row-major `rows × columns`
    /// matrix. A column that vanishes (the data has fewer directions than the
    /// basis) is replaced by a fresh seeded one, so the basis stays full.
    static func orthonormalize(_ matrix: inout [Double], rows: Int, columns: Int, generator: inout SeededGenerator) {
        matrix.withUnsafeMutableBufferPointer { buffer in
            let m = buffer.baseAddress!
            func norm(_ j: Int) -> Double {
                var sum = 0.0
                for i in 0..<rows { sum += m[i * columns + j] * m[i * columns + j] }
                return sum.squareRoot()
            }
            for j in 0..<columns {
                var attempts = 0
                while true {
                    let before = norm(j)
                    for _ in 0..<2 {
                        for previous in 0..<j {
                            var dot = 0.0
                            for i in 0..<rows { dot += m[i * columns + previous] * m[i * columns + j] }
                            for i in 0..<rows { m[i * columns + j] -= dot * m[i * columns + previous] }
                        }
                    }
                    let length = norm(j)
                    if length > 1e-10 * before, length > 0 {
                        for i in 0..<rows { m[i * columns + j] /= length }
                        break
                    }
                    attempts += 1
                    if attempts > 3 {
                        for i in 0..<rows { m[i * columns + j] = 0 }
                        break
                    }
                    for i in 0..<rows { m[i * columns + j] = Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1 }
                }
            }
        }
    }
}
