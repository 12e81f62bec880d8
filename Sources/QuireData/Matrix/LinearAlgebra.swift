import COpenBLAS
import Dispatch

/// The BLAS/LAPACK calls PCA and probe need, for float and double, so one
/// generic implementation serves float32 arrays (fast) and float64 ones (exact).
protocol LinearAlgebraScalar: BinaryFloatingPoint, Sendable, SendableMetatype {
    /// C = Aᵀ·A + beta·C (upper triangle), A row-major `rows × columns`, on the calling thread.
    static func syrkOnOneCore(columns: Int, rows: Int, a: UnsafePointer<Self>, beta: Self, c: UnsafeMutablePointer<Self>)
    /// C = A·B, row-major A `m × k`, B `k × n`.
    static func gemm(m: Int, n: Int, k: Int, a: UnsafePointer<Self>, b: UnsafePointer<Self>, c: UnsafeMutablePointer<Self>)
    /// C = Aᵀ·B, row-major A `k × m`, B `k × n`.
    static func gemmTransposedA(m: Int, n: Int, k: Int, a: UnsafePointer<Self>, b: UnsafePointer<Self>, c: UnsafeMutablePointer<Self>)
    /// C = A·Bᵀ, row-major A `m × k`, B `n × k`.
    static func gemmTransposedB(m: Int, n: Int, k: Int, a: UnsafePointer<Self>, b: UnsafePointer<Self>, c: UnsafeMutablePointer<Self>)
    /// Eigenpairs `first...last` (1-based, ascending) of the symmetric `a` (upper
    /// triangle used, destroyed). Values ascending; vectors row-major `n × count`.
    static func syevr(
        n: Int, a: UnsafeMutablePointer<Self>, first: Int, last: Int, values: UnsafeMutablePointer<Self>,
        vectors: UnsafeMutablePointer<Self>
    ) -> Int32
    /// Solves A·X = B for symmetric A (`n × n`), B row-major `n × columns`, in place.
    static func sysv(n: Int, columns: Int, a: UnsafeMutablePointer<Self>, b: UnsafeMutablePointer<Self>) -> Int32
    static func copyRows(of matrix: Matrix, layer: Int, rows: Range<Int>, into buffer: UnsafeMutablePointer<Self>)
    /// The rows where they lie, row-major, when the matrix stores exactly this type in C order; nil otherwise.
    static func rowsInPlace(of matrix: Matrix, layer: Int, rows: Range<Int>) -> UnsafePointer<Self>?
}

extension Float: LinearAlgebraScalar {
    static func syrkOnOneCore(columns: Int, rows: Int, a: UnsafePointer<Float>, beta: Float, c: UnsafeMutablePointer<Float>) {
        LinearAlgebraLibrary.loaded.ssyrk(
            CblasRowMajor, CblasUpper, CblasTrans, blasint(columns), blasint(rows), 1, a, blasint(columns), beta, c, blasint(columns))
    }

    static func gemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        LinearAlgebraLibrary.loaded.sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(k), b, blasint(n), 0, c, blasint(n)
        )
    }

    static func gemmTransposedA(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        LinearAlgebraLibrary.loaded.sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(m), b, blasint(n), 0, c, blasint(n))
    }

    static func gemmTransposedB(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        LinearAlgebraLibrary.loaded.sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(k), b, blasint(k), 0, c, blasint(n))
    }

    static func syevr(
        n: Int, a: UnsafeMutablePointer<Float>, first: Int, last: Int, values: UnsafeMutablePointer<Float>,
        vectors: UnsafeMutablePointer<Float>
    ) -> Int32 {
        var found: Int32 = 0
        var support = [Int32](repeating: 0, count: 2 * max(1, n))
        // jobz 'V' (vectors too), range 'I' (eigenvalues first...last), uplo 'U'.
        return LinearAlgebraLibrary.loaded.ssyevr(
            LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "I")), CChar(UInt8(ascii: "U")), Int32(n), a, Int32(n), 0, 0,
            Int32(first), Int32(last), 0, &found, values, vectors, Int32(last - first + 1), &support)
    }

    static func sysv(n: Int, columns: Int, a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>) -> Int32 {
        var pivots = [Int32](repeating: 0, count: max(1, n))
        return LinearAlgebraLibrary.loaded.ssysv(LAPACK_ROW_MAJOR, 85, Int32(n), Int32(columns), a, Int32(n), &pivots, b, Int32(columns))
    }

    static func copyRows(of matrix: Matrix, layer: Int, rows: Range<Int>, into buffer: UnsafeMutablePointer<Float>) {
        matrix.copyRowsAsFloat(layer: layer, rows: rows, into: buffer)
    }

    static func rowsInPlace(of matrix: Matrix, layer: Int, rows: Range<Int>) -> UnsafePointer<Float>? {
        matrix.rowsInPlace(layer: layer, rows: rows, as: .float32)?.assumingMemoryBound(to: Float.self)
    }
}

extension Double: LinearAlgebraScalar {
    static func syrkOnOneCore(columns: Int, rows: Int, a: UnsafePointer<Double>, beta: Double, c: UnsafeMutablePointer<Double>) {
        LinearAlgebraLibrary.loaded.dsyrk(
            CblasRowMajor, CblasUpper, CblasTrans, blasint(columns), blasint(rows), 1, a, blasint(columns), beta, c, blasint(columns))
    }

    static func gemm(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>) {
        LinearAlgebraLibrary.loaded.dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(k), b, blasint(n), 0, c, blasint(n)
        )
    }

    static func gemmTransposedA(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>)
    {
        LinearAlgebraLibrary.loaded.dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(m), b, blasint(n), 0, c, blasint(n))
    }

    static func gemmTransposedB(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>)
    {
        LinearAlgebraLibrary.loaded.dgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(k), b, blasint(k), 0, c, blasint(n))
    }

    static func syevr(
        n: Int, a: UnsafeMutablePointer<Double>, first: Int, last: Int, values: UnsafeMutablePointer<Double>,
        vectors: UnsafeMutablePointer<Double>
    ) -> Int32 {
        var found: Int32 = 0
        var support = [Int32](repeating: 0, count: 2 * max(1, n))
        return LinearAlgebraLibrary.loaded.dsyevr(
            LAPACK_ROW_MAJOR, 86, 73, 85, Int32(n), a, Int32(n), 0, 0,
            Int32(first), Int32(last), 0, &found, values, vectors, Int32(last - first + 1), &support)
    }

    static func sysv(n: Int, columns: Int, a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>) -> Int32 {
        var pivots = [Int32](repeating: 0, count: max(1, n))
        return LinearAlgebraLibrary.loaded.dsysv(LAPACK_ROW_MAJOR, 85, Int32(n), Int32(columns), a, Int32(n), &pivots, b, Int32(columns))
    }

    static func copyRows(of matrix: Matrix, layer: Int, rows: Range<Int>, into buffer: UnsafeMutablePointer<Double>) {
        matrix.copyRowsAsDouble(layer: layer, rows: rows, into: buffer)
    }

    static func rowsInPlace(of matrix: Matrix, layer: Int, rows: Range<Int>) -> UnsafePointer<Double>? {
        matrix.rowsInPlace(layer: layer, rows: rows, as: .float64)?.assumingMemoryBound(to: Double.self)
    }
}

extension LinearAlgebraScalar {
    /// C = Aᵀ·A + beta·C (upper triangle), A row-major `rows × columns`, on
    /// all cores. OpenBLAS runs one thread per call (`LinearAlgebraLibrary`),
    /// so the rows are cut into a fixed number of parts, each part's product
    /// made on one core, and the parts added in order: the same bytes whatever
    /// the number of cores. (Column panels of C would each pack the rows
    /// again.)
    static func syrk(columns d: Int, rows: Int, a: UnsafePointer<Self>, beta: Self, c: UnsafeMutablePointer<Self>) {
        let parts = rows >= 256 && d >= 64 ? 4 : 1
        guard parts > 1 else { return syrkOnOneCore(columns: d, rows: rows, a: a, beta: beta, c: c) }
        let bounds = (0...parts).map { rows * $0 / parts }
        // Part 0 goes straight into C; the others into their own matrices, added after.
        let others = UnsafeMutablePointer<Self>.allocate(capacity: (parts - 1) * d * d)
        defer { others.deallocate() }
        let shared = Operands(a: a, c: c, others: others)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = bounds[part]
            let target = part == 0 ? shared.c : shared.others + (part - 1) * d * d
            syrkOnOneCore(columns: d, rows: bounds[part + 1] - start, a: shared.a + start * d, beta: part == 0 ? beta : 0, c: target)
        }
        // The upper triangle, in bands of rows on all cores.
        let bands = 16
        DispatchQueue.concurrentPerform(iterations: bands) { band in
            for i in (d * band / bands)..<(d * (band + 1) / bands) {
                let total = shared.c + i * d
                for part in 1..<parts {
                    let row = shared.others + (part - 1) * d * d + i * d
                    for j in i..<d { total[j] += row[j] }
                }
            }
        }
    }
}

/// What every part reads and writes its own share of.
private struct Operands<Scalar>: @unchecked Sendable {
    let a: UnsafePointer<Scalar>
    let c: UnsafeMutablePointer<Scalar>
    let others: UnsafeMutablePointer<Scalar>
}
