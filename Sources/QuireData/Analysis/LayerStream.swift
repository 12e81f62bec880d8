import QuireDiagnostics

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
///
/// The chunks go in a fixed number of runs of neighbours, on all cores, and
/// the runs' sums are added in order: skinny products like these keep
/// OpenBLAS's own threads waiting on each other, and mapping the layer's
/// pages in is work for every core too.
struct LayerStream<S: LinearAlgebraScalar> {
    let matrix: Matrix
    let layer: Int
    let rows: Int
    let columns: Int
    let center: Bool
    let chunk: Int
    /// s as applied, and whether it is folded into the products.
    private var shift: [S]
    private var foldsShift = false
    private var spread: Totals
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
    /// Runs a pass is split into: fixed, so that the order sums are added in,
    /// and so the result's bytes, do not depend on the machine's cores.
    static var runs: Int { 8 }

    init(matrix: Matrix, layer: Int, center: Bool) {
        self.matrix = matrix
        self.layer = layer
        rows = matrix.rowCount
        columns = matrix.columnCount
        self.center = center
        chunk = min(rows, Self.chunkRows(columns: columns))
        shift = [S](repeating: 0, count: columns)
        spread = Totals(count: 0, columns: columns)
        meanShift = [Double](repeating: 0, count: columns)
    }

    /// C·v for each of the `count` rows v of `block` (unnormalized until the
    /// first pass is over, which this call may be), and (X − s)·vᵀ, rows × count.
    mutating func multiply(_ block: [Double], rows count: Int) -> (image: [Double], projection: [S]) {
        let d = columns
        if !gathered { chooseShift() }
        var projection = [S](repeating: 0, count: rows * count)
        let starts = Array(stride(from: 0, to: rows, by: chunk))
        let perRun = (starts.count + Self.runs - 1) / Self.runs
        let runs = stride(from: 0, to: starts.count, by: perRun).map { starts[$0..<min($0 + perRun, starts.count)] }
        let totals = projection.withUnsafeMutableBufferPointer { projection in
            let pass = Pass(
                matrix: matrix, layer: layer, rows: rows, columns: d, count: count, chunk: chunk, center: center,
                gathering: !gathered, shift: shift, foldsShift: foldsShift, block: block, projection: projection.baseAddress!)
            return runs.map { Array($0) }.parallelMap { starts in pass.run(starts) }
        }
        var sum = Totals(count: count, columns: d)
        for run in totals { sum.add(run) }
        var image = sum.image
        if !gathered {
            spread.add(sum)
            finishGathering()
        }
        // C·v = [(X − s)ᵀ(X − s)·v − n·δ(δ·v)]/(n − 1), δ = μ − s.
        for v in 0..<count {
            let overlap = (0..<d).reduce(0.0) { $0 + meanShift[$1] * block[v * d + $1] }
            for c in 0..<d {
                var value = image[v * d + c]
                if foldsShift { value -= sum.projectionSums[v] * Double(shift[c]) }
                image[v * d + c] = (value - Double(rows) * meanShift[c] * overlap) / Double(rows - 1)
            }
        }
        return (image, projection)
    }

    /// s from the first chunk's mean, and whether it can be folded.
    private mutating func chooseShift() {
        guard center else { return }
        let d = columns
        let count = min(rows, chunk)
        let inPlace = S.rowsInPlace(of: matrix, layer: layer, rows: 0..<count)
        let copy = inPlace == nil ? UnsafeMutablePointer<S>.allocate(capacity: count * d) : nil
        defer { copy?.deallocate() }
        if let copy { S.copyRows(of: matrix, layer: layer, rows: 0..<count, into: copy) }
        let data = inPlace ?? UnsafePointer(copy!)
        var first = Totals(count: 0, columns: d)
        PCA.addColumnSums(of: data, rows: count, columns: d, to: &first.sums)
        shift = first.sums.map { S($0 / Double(count)) }
        first.addSquares(of: data, rows: count, from: shift.map { Double($0) })
        let offset = shift.reduce(0.0) { $0 + Double($1) * Double($1) }
        let spread = first.squares.reduce(0, +) / Double(count)
        let foldable = Self.foldableOffset * Self.foldableOffset
        foldsShift = offset <= foldable * spread && inPlace != nil
    }

    private mutating func finishGathering() {
        gathered = true
        let n = Double(rows)
        let applied = shift.map { Double($0) }
        meanShift = center ? (0..<columns).map { spread.sums[$0] / n - applied[$0] } : meanShift
        totalVariance = (0..<columns).reduce(0) { $0 + (spread.squares[$1] - n * meanShift[$1] * meanShift[$1]) } / (n - 1)
    }

    /// What a run of chunks adds up.
    private struct Totals {
        /// (X − s)ᵀ·(X − s)·vᵀ over the run's rows, count × d.
        var image: [Double]
        /// Σ over rows of (x − s)·v, for the folded shift's correction of Xᵀ·Y.
        var projectionSums: [Double]
        /// On the first pass: the columns' sums, and their squared distances from s.
        var sums: [Double]
        var squares: [Double]

        init(count: Int, columns: Int) {
            image = [Double](repeating: 0, count: count * columns)
            projectionSums = [Double](repeating: 0, count: count)
            sums = [Double](repeating: 0, count: columns)
            squares = [Double](repeating: 0, count: columns)
        }

        mutating func add(_ other: Totals) {
            for index in image.indices { image[index] += other.image[index] }
            for index in projectionSums.indices { projectionSums[index] += other.projectionSums[index] }
            for index in sums.indices { sums[index] += other.sums[index] }
            for index in squares.indices { squares[index] += other.squares[index] }
        }

        mutating func addSquares(of data: UnsafePointer<S>, rows count: Int, from shift: [Double]) {
            let d = shift.count
            squares.withUnsafeMutableBufferPointer { squares in
                for r in 0..<count {
                    let row = data + r * d
                    for c in 0..<d {
                        let distance = Double(row[c]) - shift[c]
                        squares[c] += distance * distance
                    }
                }
            }
        }
    }

    /// What every chunk of one pass shares. Sendable: the cores only read it,
    /// and each writes the projection's rows of its own chunks.
    private struct Pass: @unchecked Sendable {
        let matrix: Matrix
        let layer: Int
        let rows: Int
        let columns: Int
        let count: Int
        let chunk: Int
        let center: Bool
        let gathering: Bool
        let shift: [S]
        let foldsShift: Bool
        let block: [S]
        /// s·v for each vector v of the block.
        let blockShift: [S]
        let projection: UnsafeMutablePointer<S>

        init(
            matrix: Matrix, layer: Int, rows: Int, columns: Int, count: Int, chunk: Int, center: Bool, gathering: Bool, shift: [S],
            foldsShift: Bool, block: [Double], projection: UnsafeMutablePointer<S>
        ) {
            self.matrix = matrix
            self.layer = layer
            self.rows = rows
            self.columns = columns
            self.count = count
            self.chunk = chunk
            self.center = center
            self.gathering = gathering
            self.shift = shift
            self.foldsShift = foldsShift
            self.block = block.map { S($0) }
            blockShift = (0..<count).map { v in S((0..<columns).reduce(0.0) { $0 + block[v * columns + $1] * Double(shift[$1]) }) }
            self.projection = projection
        }

        /// The chunks starting at `starts`, in order.
        func run(_ starts: [Int]) -> Totals {
            let d = columns
            var totals = Totals(count: count, columns: d)
            let scratch = UnsafeMutablePointer<S>.allocate(capacity: chunk * d)
            let partial = UnsafeMutablePointer<S>.allocate(capacity: count * d)
            defer {
                scratch.deallocate()
                partial.deallocate()
            }
            let applied = shift.map { Double($0) }
            for start in starts {
                let range = start..<min(rows, start + chunk)
                var data: UnsafePointer<S>
                if let inPlace = S.rowsInPlace(of: matrix, layer: layer, rows: range) {
                    data = inPlace
                } else {
                    S.copyRows(of: matrix, layer: layer, rows: range, into: scratch)
                    data = UnsafePointer(scratch)
                }
                if gathering {
                    PCA.addColumnSums(of: data, rows: range.count, columns: d, to: &totals.sums)
                    totals.addSquares(of: data, rows: range.count, from: applied)
                }
                if center, !foldsShift {
                    if data != UnsafePointer(scratch) { scratch.update(from: data, count: range.count * d) }
                    PCA.subtract(shift, from: scratch, rows: range.count, columns: d)
                    data = UnsafePointer(scratch)
                }
                let y = projection + range.lowerBound * count
                S.gemmTransposedB(m: range.count, n: count, k: d, a: data, b: block, c: y)
                if foldsShift {
                    for r in 0..<range.count {
                        for j in 0..<count {
                            y[r * count + j] -= blockShift[j]
                            totals.projectionSums[j] += Double(y[r * count + j])
                        }
                    }
                }
                S.gemmTransposedA(m: count, n: d, k: range.count, a: y, b: data, c: partial)
                for index in 0..<count * d { totals.image[index] += Double(partial[index]) }
                matrix.releasePages(layer: layer, rows: range)
            }
            return totals
        }
    }
}
