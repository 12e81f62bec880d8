import COpenBLAS

/// OpenBLAS and LAPACKE, opened on first use rather than linked. Besides
/// keeping them optional for an installed quire: OpenBLAS's pthread build
/// starts its worker threads in a library constructor, and they spin on
/// `sched_yield` for about 0.1 s before sleeping; linked, that cost every build
/// about 9% of its CPU on a 1,000-post site, even with no `pca` or `probe`.
/// Sendable: C function pointers, resolved once and never changed (Swift
/// does not mark C function pointer types Sendable).
struct LinearAlgebraLibrary: @unchecked Sendable {
    let ssyrk: quire_cblas_ssyrk
    let dsyrk: quire_cblas_dsyrk
    let sgemm: quire_cblas_sgemm
    let dgemm: quire_cblas_dgemm
    let ssyevr: quire_lapacke_ssyevr
    let dsyevr: quire_lapacke_dsyevr
    let ssysv: quire_lapacke_ssysv
    let dsysv: quire_lapacke_dsysv

    /// Debian's runtime names, which `libopenblas-dev` and `liblapacke-dev` pull in.
    static let blasName = "libopenblas.so.0"
    static let lapackeName = "liblapacke.so.3"

    private static let opened = open(blasName: blasName, lapackeName: lapackeName)

    typealias Unavailable = RuntimeLibrary.Unavailable

    /// The library, or why it cannot be used (for the directive's error).
    static func load() throws(Unavailable) -> LinearAlgebraLibrary {
        try opened.get()
    }

    /// For the numeric kernels, which run only after `load()` succeeded.
    static var loaded: LinearAlgebraLibrary {
        guard case .success(let library) = opened else {
            preconditionFailure("linear algebra used before LinearAlgebraLibrary.load() succeeded")
        }
        return library
    }

    static func open(blasName: String, lapackeName: String) -> Result<LinearAlgebraLibrary, Unavailable> {
        let install = "Debian's libopenblas-dev and liblapacke-dev (scripts/install-deps)"
        do throws(Unavailable) {
            let blas = try RuntimeLibrary.open(blasName, install: install).get()
            let lapacke = try RuntimeLibrary.open(lapackeName, install: install).get()
            // One thread inside each call: quire splits the work over the cores
            // itself. OpenBLAS's own threads, on the skinny products of
            // `solver: randomized`, spent as much time waiting on each other
            // (`sched_yield`) as multiplying, and made a pass twice as slow.
            typealias SetThreads = @convention(c) (Int32) -> Void
            if let setThreads = try? blas.function("openblas_set_num_threads", as: SetThreads.self) { setThreads(1) }
            return .success(
                LinearAlgebraLibrary(
                    ssyrk: try blas.function("cblas_ssyrk", as: quire_cblas_ssyrk.self),
                    dsyrk: try blas.function("cblas_dsyrk", as: quire_cblas_dsyrk.self),
                    sgemm: try blas.function("cblas_sgemm", as: quire_cblas_sgemm.self),
                    dgemm: try blas.function("cblas_dgemm", as: quire_cblas_dgemm.self),
                    ssyevr: try lapacke.function("LAPACKE_ssyevr", as: quire_lapacke_ssyevr.self),
                    dsyevr: try lapacke.function("LAPACKE_dsyevr", as: quire_lapacke_dsyevr.self),
                    ssysv: try lapacke.function("LAPACKE_ssysv", as: quire_lapacke_ssysv.self),
                    dsysv: try lapacke.function("LAPACKE_dsysv", as: quire_lapacke_dsysv.self)))
        } catch {
            return .failure(error)
        }
    }
}
