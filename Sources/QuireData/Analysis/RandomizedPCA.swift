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
    /// total variance in the last pass. Ritz values only grow towards the
    /// eigenvalues as the space widens, and on a Krylov space they settle
    /// faster than geometrically, so the last move overstates what is left;
    /// 1e-6 keeps that far below the 1e-4 the ratios promise (the tests check
    /// a slowly decaying spectrum against numpy).
    static let convergence = 1e-6
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
        defer { stream.deallocate() }

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
            let settled = previous.map { previous in zip(ritz.values, previous).allSatisfy { abs($0 - $1) <= tolerance } } ?? false
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
    /// vectors into the c-th Ritz vector).
    private static func rayleighRitz(basis: [Double], images: [Double], count: Int, columns d: Int, k: Int) throws(PCAFailure)
        -> (values: [Double], weights: [Double])
    {
        var reduced = [Double](repeating: 0, count: count * count)
        Double.gemmTransposedB(m: count, n: count, k: d, a: basis, b: images, c: &reduced)
        for a in 0..<count {
            for b in a..<count { reduced[a * count + b] = (reduced[a * count + b] + reduced[b * count + a]) / 2 }
        }
        var values = [Double](repeating: 0, count: k)
        var vectors = [Double](repeating: 0, count: count * k)
        let status = Double.syevr(n: count, a: &reduced, first: count - k + 1, last: count, values: &values, vectors: &vectors)
        guard status == 0 else { throw PCAFailure(message: "the eigensolver failed (LAPACK info \(status))") }
        // syevr answers in ascending order.
        var weights = [Double](repeating: 0, count: count * k)
        for row in 0..<count {
            for c in 0..<k { weights[row * k + c] = vectors[row * k + k - 1 - c] }
        }
        return (values.reversed().map { max(0, $0) }, weights)
    }

    /// Components V·W, signed as the exact solver signs them, and scores
    /// (X − μ)·VᵀW = Σ over blocks of ((X − s)·Vᵀ − 1·(V·δ)ᵀ)·W.
    private static func finish<S: LinearAlgebraScalar>(
        ritz: (values: [Double], weights: [Double]), basis: [Double], projections: [[S]], stream: LayerStream<S>, columns d: Int
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

/// One layer streamed through BLAS in row chunks small enough that a chunk's
/// second product reads it from cache. The first pass also gathers the column
/// sums and the spread the covariance's mean and trace need.
///
/// Rows are shifted by s, the first chunk's mean, so float32 products are not
/// swamped by a large mean; the exact mean is folded in afterwards. Where the
/// rows can be read in place (float32 or float64, C order) and s is small
/// against their spread, the shift too is folded into the products as a
/// rank-one correction, (X − s)·B = X·B − 1·(s·B), so BLAS reads the mapped file
/// directly; otherwise each chunk is copied and shifted first.
struct LayerStream<S: LinearAlgebraScalar> {
    let matrix: Matrix
    let layer: Int
    let rows: Int
    let columns: Int
    let center: Bool
    let chunk: Int
    private var buffer: UnsafeMutablePointer<S>?
    /// s as applied, and whether it is folded into the products.
    private var shift: [S]
    private var foldsShift = false
    private var sums: [Double]
    private var squares: [Double]
    private var gathered = false
    /// μ − s, once the first pass is over.
    private(set) var meanShift: [Double]
    /// The trace of C, once the first pass is over.
    private(set) var totalVariance = 0.0

    /// Float32 products lose about log2 of this many bits to a folded shift
    /// (their rounding scales with |x|, the result with |x − s|); past it the
    /// rows are shifted before multiplying.
    static var foldableOffset: Double { 16 }
    /// Rows per BLAS call: about 4 MB of float32 at 2,048 columns.
    static func chunkRows(columns: Int) -> Int { max(64, (1 << 20) / max(1, columns)) }

    init(matrix: Matrix, layer: Int, center: Bool) {
        self.matrix = matrix
        self.layer = layer
        rows = matrix.rowCount
        columns = matrix.columnCount
        self.center = center
        chunk = min(rows, Self.chunkRows(columns: columns))
        shift = [S](repeating: 0, count: columns)
        sums = [Double](repeating: 0, count: columns)
        squares = [Double](repeating: 0, count: columns)
        meanShift = [Double](repeating: 0, count: columns)
    }

    func deallocate() { buffer?.deallocate() }

    private mutating func scratch() -> UnsafeMutablePointer<S> {
        if let buffer { return buffer }
        let made = UnsafeMutablePointer<S>.allocate(capacity: chunk * columns)
        buffer = made
        return made
    }

    /// C·v for each of the `count` rows v of `block` (unnormalized until the
    /// first pass is over, which this call may be), and (X − s)·vᵀ, rows × count.
    mutating func multiply(_ block: [Double], rows count: Int) -> (image: [Double], projection: [S]) {
        let d = columns
        let blockS = block.map { S($0) }
        var projection = [S](repeating: 0, count: rows * count)
        var image = [Double](repeating: 0, count: count * d)
        // Σ over rows of (x − s)·v, for the folded shift's correction of Xᵀ·Y.
        var projectionSums = [Double](repeating: 0, count: count)
        var blockShift = [S](repeating: 0, count: count)
        let partial = UnsafeMutablePointer<S>.allocate(capacity: count * d)
        defer { partial.deallocate() }
        var start = 0
        while start < rows {
            let range = start..<min(rows, start + chunk)
            var data: UnsafePointer<S>
            if let inPlace = S.rowsInPlace(of: matrix, layer: layer, rows: range) {
                data = inPlace
            } else {
                S.copyRows(of: matrix, layer: layer, rows: range, into: scratch())
                data = UnsafePointer(scratch())
            }
            if !gathered { gather(data, rows: range.count, first: start == 0) }
            if start == 0 {
                blockShift = (0..<count).map { v in S((0..<d).reduce(0.0) { $0 + block[v * d + $1] * Double(shift[$1]) }) }
            }
            if center, !foldsShift {
                let target = scratch()
                if data != UnsafePointer(target) { target.update(from: data, count: range.count * d) }
                PCA.subtract(shift, from: target, rows: range.count, columns: d)
                data = UnsafePointer(target)
            }
            projection.withUnsafeMutableBufferPointer { projection in
                let y = projection.baseAddress! + range.lowerBound * count
                S.gemmTransposedB(m: range.count, n: count, k: d, a: data, b: blockS, c: y)
                if foldsShift {
                    for r in 0..<range.count {
                        for j in 0..<count {
                            y[r * count + j] -= blockShift[j]
                            projectionSums[j] += Double(y[r * count + j])
                        }
                    }
                }
                S.gemmTransposedA(m: count, n: d, k: range.count, a: y, b: data, c: partial)
            }
            image.withUnsafeMutableBufferPointer { image in
                for index in 0..<count * d { image[index] += Double(partial[index]) }
            }
            matrix.releasePages(layer: layer, rows: range)
            start = range.upperBound
        }
        if !gathered { finishGathering() }
        // C·v = [(X − s)ᵀ(X − s)·v − n·δ(δ·v)]/(n − 1), δ = μ − s.
        for v in 0..<count {
            let overlap = (0..<d).reduce(0.0) { $0 + meanShift[$1] * block[v * d + $1] }
            for c in 0..<d {
                var value = image[v * d + c]
                if foldsShift { value -= projectionSums[v] * Double(shift[c]) }
                image[v * d + c] = (value - Double(rows) * meanShift[c] * overlap) / Double(rows - 1)
            }
        }
        return (image, projection)
    }

    /// Column sums and squared distances from s; the first chunk sets s and
    /// decides whether it can be folded.
    private mutating func gather(_ data: UnsafePointer<S>, rows count: Int, first: Bool) {
        let d = columns
        PCA.addColumnSums(of: data, rows: count, columns: d, to: &sums)
        if first, center {
            shift = sums.map { S($0 / Double(count)) }
        }
        let applied = shift.map { Double($0) }
        squares.withUnsafeMutableBufferPointer { squares in
            for r in 0..<count {
                let row = data + r * d
                for c in 0..<d {
                    let distance = Double(row[c]) - applied[c]
                    squares[c] += distance * distance
                }
            }
        }
        if first, center {
            let offset = applied.reduce(0) { $0 + $1 * $1 }
            let spread = squares.reduce(0, +) / Double(count)
            let foldable = Self.foldableOffset * Self.foldableOffset
            foldsShift = offset <= foldable * spread && S.rowsInPlace(of: matrix, layer: layer, rows: 0..<count) != nil
        }
    }

    private mutating func finishGathering() {
        gathered = true
        let n = Double(rows)
        let applied = shift.map { Double($0) }
        meanShift = center ? (0..<columns).map { sums[$0] / n - applied[$0] } : meanShift
        totalVariance = (0..<columns).reduce(0) { $0 + (squares[$1] - n * meanShift[$1] * meanShift[$1]) } / (n - 1)
    }
}
