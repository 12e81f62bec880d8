#include <zlib.h>

// inflateInit2 is a macro Swift cannot call. Window bits 15 + 32 accept a
// gzip or a zlib header, as Parquet's GZIP codec may carry either.
static inline int quire_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
