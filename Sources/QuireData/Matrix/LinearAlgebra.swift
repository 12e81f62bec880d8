import COpenBLAS
import Dispatch

/// The BLAS/LAPACK calls PCA and probe need, for float and double, so one
/// generic implementation serves float32 arrays (fast) and float64 ones (exact).
protocol LinearAlgebraScalar: BinaryFloatingPoint, Sendable, SendableMetatype {
    /// C = Aᵀ·B + beta·C, row-major with leading dimensions: A `k × m`, B `k × n`, C `m × n`.
    static func gemmTransposedA(
        m: Int, n: Int, k: Int, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int, beta: Self,
        c: UnsafeMutablePointer<Self>, ldc: Int)
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
    static func gemmTransposedA(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        LinearAlgebraLibrary.loaded.sgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(lda), b, blasint(ldb), beta, c,
            blasint(ldc))
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
    static func gemmTransposedA(
        m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
        c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        LinearAlgebraLibrary.loaded.dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(lda), b, blasint(ldb), beta, c,
            blasint(ldc))
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
    /// C = Aᵀ·A + beta·C (upper triangle; the lower one may be written too),
    /// A row-major `rows × columns`, on all cores. OpenBLAS runs one thread
    /// per call (`LinearAlgebraLibrary`), so C is cut into a fixed number of
    /// column panels of about equal work, each one product computed whole by
    /// one core: the same bytes whatever the number of cores.
    static func syrk(columns d: Int, rows: Int, a: UnsafePointer<Self>, beta: Self, c: UnsafeMutablePointer<Self>) {
        let panels = d >= 256 ? 8 : 1
        // Panel p spans columns bounds[p]..<bounds[p + 1] and rows 0..<bounds[p + 1]: work grows with the square of its end.
        let bounds = (0...panels).map { Int((Double(d) * (Double($0) / Double(panels)).squareRoot()).rounded()) }
        let shared = Operands(a: a, c: c)
        DispatchQueue.concurrentPerform(iterations: panels) { panel in
            let (start, end) = (bounds[panel], bounds[panel + 1])
            guard end > start else { return }
            gemmTransposedA(
                m: end, n: end - start, k: rows, a: shared.a, lda: d, b: shared.a + start, ldb: d, beta: beta, c: shared.c + start, ldc: d)
        }
    }
}

/// The operands every panel reads and writes its own part of.
private struct Operands<Scalar>: @unchecked Sendable {
    let a: UnsafePointer<Scalar>
    let c: UnsafeMutablePointer<Scalar>
}
