// Headers only: quire opens libsnappy at first use (CompressionLibraries.swift).
#include <snappy-c.h>

typedef __typeof__(snappy_uncompressed_length) *quire_snappy_uncompressed_length;
typedef __typeof__(snappy_uncompress) *quire_snappy_uncompress;
