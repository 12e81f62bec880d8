/// `solver: randomized`: block Krylov iteration on the covariance
/// C = (X − μ)ᵀ(X − μ)/(n − 1) from a seeded random start (Halko, Martinsson &
/// Tropp's range finder; Musco & Musco's block Krylov method). Each pass streams
/// the layer once and multiplies C into one block of vectors; Rayleigh–Ritz then
/// runs over every block so far (the start Q, CQ, C²Q, … made orthonormal), which
/// settles in far fewer passes than keeping only the latest block. Memory is the
/// blocks (d numbers a vector) and each row's projection on them (n numbers a
/// vector), never a copy of the layer or the d × d covariance.
extension PCA {
    /// Vectors a pass multiplies: k + max(k, 10). A pass costs little more for a
    /// wider block (reading the layer dominates), and the extra vectors absorb
    /// the components just below the k-th.
    static func blockWidth(k: Int, columns: Int) -> Int { min(columns, k + max(k, 10)) }
    /// Passes stop when no top-k Ritz value moved more than this share of the
    /// total variance in the last pass, or a pass sooner when the residuals
    /// say the values are this close (`residualsSettle`). Ritz values only
    /// grow towards the eigenvalues as the space widens, and on a Krylov space
    /// they settle faster than geometrically, so the last move overstates what
    /// is left; 1e-6 keeps that far below the 1e-4 the ratios promise (the
    /// tests check a slowly decaying spectrum against numpy).
    static let convergence = 1e-6
    /// How close to exact the ratios are promised to be (the contract's 1e-4).
    static let agreement = 1e-4
    /// The random start is fixed, so a layer gives the same bytes on every run.
    static let startSeed: UInt64 = 0x7175_6972_6570_6361

    /// Most vectors the Krylov space may hold: their projections (n numbers
    /// each) stay within a quarter of the layer's element count.
    static func vectorBudget(width: Int, columns: Int) -> Int { min(columns, max(2 * width, columns / 4)) }

    /// Nil when the vector budget ran out before the Ritz values settled: the
    /// caller then solves exactly, as the ratios must agree with exact to 1e-4.
    static func computeRandomized<S: LinearAlgebraScalar>(_: S.Type, _ matrix: Matrix, layer: Int, k: Int, center: Bool) throws(PCAFailure)
        -> Output?
    {
        let n = matrix.rowCount
        let d = matrix.columnCount
        guard n >= 2 else { throw PCAFailure(message: "pca needs at least 2 rows; the matrix has \(n)") }
        let width = blockWidth(k: k, columns: d)
        let budget = vectorBudget(width: width, columns: d)
        var stream = LayerStream<S>(matrix: matrix, layer: layer, center: center)

        var generator = SeededGenerator(seed: startSeed)
        // The Krylov space so far, one orthonormal vector a row (count × d), with
        // C times each vector and each row's projection (X − s)·v, block by block.
        var basis: [Double] = []
        var images: [Double] = []
        var projections: [[S]] = []
        var block = (0..<width * d).map { _ in Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1 }
        orthonormalize(&block, rows: width, columns: d, against: basis, generator: &generator)
        var previous: [Double]?
        while true {
            let (image, projection) = stream.multiply(block, rows: block.count / d)
            basis += block
            images += image
            projections.append(projection)
            let count = basis.count / d
            let ritz = try rayleighRitz(basis: basis, images: images, count: count, columns: d, k: k)
            let tolerance = convergence * max(stream.totalVariance, .leastNormalMagnitude)
            let settled =
                previous.map { previous in zip(ritz.values, previous).allSatisfy { abs($0 - $1) <= tolerance } } ?? false
                || residualsSettle(ritz, basis: basis, images: images, count: count, columns: d, total: stream.totalVariance)
            if settled { return finish(ritz: ritz, basis: basis, projections: projections, stream: stream, columns: d) }
            let next = min(width, budget - count)
            guard next > 0 else { return nil }
            previous = ritz.values
            block = Array(image[0..<next * d])
            orthonormalize(&block, rows: next, columns: d, against: basis, generator: &generator)
        }
    }

    /// The top k eigenpairs of Vᵀ·C·V for the orthonormal rows V of `basis`:
    /// values largest first, weights `count × k` (column c combines the basis
    /// vectors into the c-th Ritz vector), and the smallest eigenvalue.
    private static func rayleighRitz(basis: [Double], images: [Double], count: Int, columns d: Int, k: Int) throws(PCAFailure)
        -> Ritz
    {
        var reduced = [Double](repeating: 0, count: count * count)
        Double.gemmTransposedB(m: count, n: count, k: d, a: basis, b: images, c: &reduced)
        for a in 0..<count {
            for b in a..<count { reduced[a * count + b] = (reduced[a * count + b] + reduced[b * count + a]) / 2 }
        }
        // syevr overwrites the matrix it is given.
        var copy = reduced
        var values = [Double](repeating: 0, count: k)
        var vectors = [Double](repeating: 0, count: count * k)
        var status = Double.syevr(n: count, a: &reduced, first: count - k + 1, last: count, values: &values, vectors: &vectors)
        guard status == 0 else { throw PCAFailure(message: "the eigensolver failed (LAPACK info \(status))") }
        var smallest = [0.0]
        var smallestVector = [Double](repeating: 0, count: count)
        status = Double.syevr(n: count, a: &copy, first: 1, last: 1, values: &smallest, vectors: &smallestVector)
        guard status == 0 else { throw PCAFailure(message: "the eigensolver failed (LAPACK info \(status))") }
        // syevr answers in ascending order.
        var weights = [Double](repeating: 0, count: count * k)
        for row in 0..<count {
            for c in 0..<k { weights[row * k + c] = vectors[row * k + k - 1 - c] }
        }
        return Ritz(values: values.reversed().map { max(0, $0) }, weights: weights, smallest: smallest[0])
    }

    struct Ritz {
        var values: [Double]
        var weights: [Double]
        /// The least eigenvalue of the space's reduced matrix.
        var smallest: Double
    }

    /// Whether the Ritz values are already as good as the ratios need, judged
    /// from the pass just made instead of from one more (which, as Ritz values
    /// on a Krylov space settle, mostly confirms the one before). Each Ritz
    /// vector u = Vᵀw has C·u = (C·Vᵀ)w from the images, so its residual
    /// r = C·u − θu costs no reading of the layer. Some eigenvalue lies within
    /// ‖r‖ of θ, which must be within the promised agreement; and ‖r‖²/(θ − θmin),
    /// the quadratic bound with the rest of the space's spectrum taken as the
    /// gap, estimates how far θ is from its own eigenvalue, which must be within
    /// `convergence`. Passes simulated in float64 on the benchmark's layers and
    /// on data made as `RandomizedPCATests` makes it (spectra falling as 0.8^i,
    /// as 1/i, and one too flat to settle) put the true error at 1 to 3.5 times
    /// this estimate wherever it was above rounding, so the promise keeps a
    /// margin of about 30.
    private static func residualsSettle(_ ritz: Ritz, basis: [Double], images: [Double], count: Int, columns d: Int, total: Double)
        -> Bool
    {
        let k = ritz.values.count
        guard total > 0 else { return false }
        var applied = [Double](repeating: 0, count: k * d)
        var vectors = [Double](repeating: 0, count: k * d)
        Double.gemmTransposedA(m: k, n: d, k: count, a: ritz.weights, b: images, c: &applied)
        Double.gemmTransposedA(m: k, n: d, k: count, a: ritz.weights, b: basis, c: &vectors)
        for c in 0..<k {
            let value = ritz.values[c]
            let residual = (0..<d).reduce(0.0) { sum, i in
                let r = applied[c * d + i] - value * vectors[c * d + i]
                return sum + r * r
            }
            let gap = value - ritz.smallest
            guard residual.squareRoot() <= agreement * total, gap > 0, residual <= convergence * total * gap else { return false }
        }
        return true
    }

    /// Components V·W, signed as the exact solver signs them, and scores
    /// (X − μ)·VᵀW = Σ over blocks of ((X − s)·Vᵀ − 1·(V·δ)ᵀ)·W.
    private static func finish<S: LinearAlgebraScalar>(
        ritz: Ritz, basis: [Double], projections: [[S]], stream: LayerStream<S>, columns d: Int
    ) -> Output {
        let k = ritz.values.count
        let count = basis.count / d
        let n = stream.rows
        var loadings = [Double](repeating: 0, count: k * d)
        Double.gemmTransposedA(m: k, n: d, k: count, a: ritz.weights, b: basis, c: &loadings)
        var signs: [Double] = []
        var components: [[Double]] = []
        for c in 0..<k {
            let vector = Array(loadings[c * d..<(c + 1) * d])
            signs.append(signOfLargestLoading(vector))
            components.append(vector.map { signs[c] * $0 })
        }
        var projected = [Double](repeating: 0, count: n * k)
        var part = [Double](repeating: 0, count: n * k)
        var offset = 0
        for projection in projections {
            let width = projection.count / n
            let shifts = (offset..<offset + width).map { v in (0..<d).reduce(0.0) { $0 + basis[v * d + $1] * stream.meanShift[$1] } }
            var centred = [Double](repeating: 0, count: n * width)
            for r in 0..<n {
                for j in 0..<width { centred[r * width + j] = Double(projection[r * width + j]) - shifts[j] }
            }
            let weights = Array(ritz.weights[offset * k..<(offset + width) * k])
            Double.gemm(m: n, n: k, k: width, a: centred, b: weights, c: &part)
            for index in 0..<n * k { projected[index] += part[index] }
            offset += width
        }
        let scores = (0..<k).map { c in (0..<n).map { signs[c] * projected[$0 * k + c] } }
        let total = stream.totalVariance
        let ratios = ritz.values.map { total > 0 ? $0 / total : 0 }
        return Output(scores: scores, variances: ritz.values, ratios: ratios, components: components)
    }

    /// Makes the `rows` vectors of `block` (one a row, `columns` long)
    /// orthonormal and orthogonal to every row of `basis`, by Gram–Schmidt twice
    /// over. A vector that vanishes (its direction is already spanned) is
    /// replaced by a fresh seeded one, so the block stays full.
    static func orthonormalize(
        _ block: inout [Double], rows: Int, columns d: Int, against basis: [Double], generator: inout SeededGenerator
    ) {
        let fixed = basis.count / d
        basis.withUnsafeBufferPointer { basis in
            block.withUnsafeMutableBufferPointer { block in
                func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
                    var sum = 0.0
                    for i in 0..<d { sum += a[i] * b[i] }
                    return sum
                }
                for j in 0..<rows {
                    let vector = block.baseAddress! + j * d
                    var attempts = 0
                    while true {
                        let before = dot(vector, vector).squareRoot()
                        for _ in 0..<2 {
                            let earlier =
                                (0..<fixed).map { basis.baseAddress! + $0 * d } + (0..<j).map { UnsafePointer(block.baseAddress! + $0 * d) }
                            for other in earlier {
                                let overlap = dot(other, vector)
                                for i in 0..<d { vector[i] -= overlap * other[i] }
                            }
                        }
                        let length = dot(vector, vector).squareRoot()
                        if length > 1e-10 * before, length > 0 {
                            for i in 0..<d { vector[i] /= length }
                            break
                        }
                        attempts += 1
                        if attempts > 3 {
                            for i in 0..<d { vector[i] = 0 }
                            break
                        }
                        for i in 0..<d { vector[i] = Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1 }
                    }
                }
            }
        }
    }
}
