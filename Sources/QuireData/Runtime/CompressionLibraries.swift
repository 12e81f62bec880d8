import CSnappy
import CZlib
import CZstd

/// Parquet's page codecs, each opened the first time a page needs it, so a
/// site with only zstd pages never needs libsnappy (see RuntimeLibrary).
/// Sendable: C function pointers, resolved once and never changed.
struct SnappyLibrary: @unchecked Sendable {
    let uncompressedLength: quire_snappy_uncompressed_length
    let uncompress: quire_snappy_uncompress

    static let shared: Result<SnappyLibrary, RuntimeLibrary.Unavailable> = RuntimeLibrary.load(
        "libsnappy.so.1", install: "Debian's libsnappy1v5"
    ) { library throws(RuntimeLibrary.Unavailable) in
        SnappyLibrary(
            uncompressedLength: try library.function(
                "snappy_uncompressed_length", as: quire_snappy_uncompressed_length.self),
            uncompress: try library.function("snappy_uncompress", as: quire_snappy_uncompress.self))
    }
}

struct ZstdLibrary: @unchecked Sendable {
    let decompress: quire_zstd_decompress
    let isError: quire_zstd_is_error
    let errorName: quire_zstd_get_error_name

    static let shared: Result<ZstdLibrary, RuntimeLibrary.Unavailable> = RuntimeLibrary.load("libzstd.so.1", install: "Debian's libzstd1") {
        library throws(RuntimeLibrary.Unavailable) in
        ZstdLibrary(
            decompress: try library.function("ZSTD_decompress", as: quire_zstd_decompress.self),
            isError: try library.function("ZSTD_isError", as: quire_zstd_is_error.self),
            errorName: try library.function("ZSTD_getErrorName", as: quire_zstd_get_error_name.self))
    }
}

struct ZlibLibrary: @unchecked Sendable {
    let inflateInit2: quire_zlib_inflate_init2
    let inflate: quire_zlib_inflate
    let inflateReset: quire_zlib_inflate_reset
    let inflateEnd: quire_zlib_inflate_end

    static let shared: Result<ZlibLibrary, RuntimeLibrary.Unavailable> = RuntimeLibrary.load("libz.so.1", install: "Debian's zlib1g") {
        library throws(RuntimeLibrary.Unavailable) in
        ZlibLibrary(
            inflateInit2: try library.function("inflateInit2_", as: quire_zlib_inflate_init2.self),
            inflate: try library.function("inflate", as: quire_zlib_inflate.self),
            inflateReset: try library.function("inflateReset", as: quire_zlib_inflate_reset.self),
            inflateEnd: try library.function("inflateEnd", as: quire_zlib_inflate_end.self))
    }
}
