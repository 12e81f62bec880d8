// Headers only: quire opens zlib at first use (CompressionLibraries.swift).
#include <zlib.h>

typedef __typeof__(inflateInit2_) *quire_zlib_inflate_init2;
typedef __typeof__(inflate) *quire_zlib_inflate;
typedef __typeof__(inflateReset) *quire_zlib_inflate_reset;
typedef __typeof__(inflateEnd) *quire_zlib_inflate_end;

// inflateInit2 is a macro that passes the header's version and the stream's
// size to inflateInit2_. Window bits 15 + 32 accept a gzip or a zlib header,
// as Parquet's GZIP codec may carry either.
static inline int quire_inflate_init_gzip(quire_zlib_inflate_init2 init, z_stream *stream) {
    return init(stream, 15 + 32, ZLIB_VERSION, (int)sizeof(z_stream));
}
