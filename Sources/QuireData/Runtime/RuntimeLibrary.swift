#if canImport(Glibc)
    import Glibc
#endif

/// A Debian library opened the first time a directive needs it rather than
/// linked: an installed quire then starts with only libcmark-gfm and
/// libsqlite3 present, and a site that never reads a snappy Parquet page or
/// calls regexp() never needs the rest. A missing library becomes an error at
/// the directive that needed it, naming the package to install.
struct RuntimeLibrary: @unchecked Sendable {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    let name: String
    private let handle: UnsafeMutableRawPointer

    /// `name` is the runtime soname; `install` says what a user installs to get it.
    static func open(_ name: String, install: String) -> Result<RuntimeLibrary, Unavailable> {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(Unavailable(description: "cannot open \(name) (\(reason)); install \(install)"))
        }
        return .success(RuntimeLibrary(name: name, handle: handle))
    }

    /// The functions a caller needs, made by `resolve` from the library
    /// `name` once it is open.
    static func load<Functions>(
        _ name: String, install: String, _ resolve: (RuntimeLibrary) throws(Unavailable) -> Functions
    ) -> Result<Functions, Unavailable> {
        open(name, install: install).flatMap { library in Result { () throws(Unavailable) in try resolve(library) } }
    }

    /// The function `symbol`, as its C type `F` (a typedef of the header's own
    /// declaration, so the signature cannot drift from the library's).
    func function<F>(_ symbol: String, as _: F.Type) throws(Unavailable) -> F {
        guard let address = dlsym(handle, symbol) else {
            throw Unavailable(description: "\(symbol) is missing from \(name)")
        }
        return unsafeBitCast(address, to: F.self)
    }
}
