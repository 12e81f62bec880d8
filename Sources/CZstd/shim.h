// Headers only: quire opens libzstd at first use (CompressionLibraries.swift).
#include <zstd.h>

typedef __typeof__(ZSTD_decompress) *quire_zstd_decompress;
typedef __typeof__(ZSTD_isError) *quire_zstd_is_error;
typedef __typeof__(ZSTD_getErrorName) *quire_zstd_get_error_name;
