import CSnappy
import CZlib
import CZstd

/// Page codecs through Debian's libsnappy, zlib and libzstd, opened when a
/// page first needs one (CompressionLibraries.swift). The size the page
/// header promises is checked against what the codec itself reports, and no
/// page may claim more than `maxPageSize`, so a lying header cannot make quire
/// allocate without bound.
enum ParquetCompression {
    static let maxPageSize = 256 << 20

    static func name(_ codec: Int32) -> String {
        switch ParquetCodec(rawValue: codec) {
        case .uncompressed: "none"
        case .snappy: "snappy"
        case .gzip: "gzip"
        case .lzo: "LZO"
        case .brotli: "Brotli"
        case .lz4: "LZ4"
        case .zstd: "zstd"
        case .lz4Raw: "LZ4_RAW"
        case nil: "codec \(codec)"
        }
    }

    /// Nil for an uncompressed page: its bytes are used where they lie.
    static func decompress(_ input: UnsafeRawBufferPointer, codec: Int32, uncompressedSize: Int) throws -> [UInt8]? {
        if codec == ParquetCodec.uncompressed.rawValue {
            guard uncompressedSize == input.count else {
                throw ParquetError("an uncompressed page is \(input.count) bytes but claims \(uncompressedSize)")
            }
            return nil
        }
        guard uncompressedSize >= 0, uncompressedSize <= maxPageSize else {
            throw ParquetError("a page claims \(uncompressedSize) bytes uncompressed; quire reads pages of up to \(maxPageSize >> 20) MB")
        }
        guard let base = input.baseAddress, input.count > 0 else {
            if uncompressedSize == 0 { return [] }
            throw ParquetError("a compressed page is empty")
        }
        switch ParquetCodec(rawValue: codec) {
        case .snappy:
            let snappy = try library(SnappyLibrary.shared, for: codec)
            var length = 0
            let pointer = base.assumingMemoryBound(to: CChar.self)
            guard snappy.uncompressedLength(pointer, input.count, &length) == SNAPPY_OK, length == uncompressedSize else {
                throw ParquetError("a snappy page is corrupt (its length does not match the page header)")
            }
            return try [UInt8](unsafeUninitializedCapacity: max(1, length)) { buffer, initialized in
                var produced = length
                let status = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: length) { out in
                    snappy.uncompress(pointer, input.count, out, &produced)
                }
                guard status == SNAPPY_OK, produced == length else { throw ParquetError("a snappy page is corrupt") }
                initialized = length
            }
        case .zstd:
            let zstd = try library(ZstdLibrary.shared, for: codec)
            return try [UInt8](unsafeUninitializedCapacity: max(1, uncompressedSize)) { buffer, initialized in
                let produced = zstd.decompress(buffer.baseAddress, uncompressedSize, base, input.count)
                guard zstd.isError(produced) == 0 else {
                    throw ParquetError(
                        "a zstd page is corrupt: \(zstd.errorName(produced).map { String(cString: $0) } ?? "error \(produced)")")
                }
                guard produced == uncompressedSize else {
                    throw ParquetError("a zstd page holds \(produced) bytes but claims \(uncompressedSize)")
                }
                initialized = produced
            }
        case .gzip:
            return try inflate(input, uncompressedSize: uncompressedSize, zlib: try library(ZlibLibrary.shared, for: codec))
        default:
            throw ParquetError("the column is compressed with \(name(codec)), which quire does not read")
        }
    }

    static func library<Library>(
        _ opened: Result<Library, RuntimeLibrary.Unavailable>, for codec: Int32
    ) throws(ParquetError) -> Library {
        switch opened {
        case .success(let library): return library
        case .failure(let why):
            var error = ParquetError("the column is compressed with \(name(codec)), but \(why)")
            error.isInTheFile = false
            throw error
        }
    }

    private static func inflate(_ input: UnsafeRawBufferPointer, uncompressedSize: Int, zlib: ZlibLibrary) throws -> [UInt8] {
        var stream = z_stream()
        guard quire_inflate_init_gzip(zlib.inflateInit2, &stream) == Z_OK else { throw ParquetError("zlib could not start") }
        defer { _ = zlib.inflateEnd(&stream) }
        return try [UInt8](unsafeUninitializedCapacity: max(1, uncompressedSize)) { buffer, initialized in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(uncompressedSize)
            var status = Z_OK
            // A gzip page may hold several members back to back.
            while status == Z_OK || (status == Z_STREAM_END && stream.avail_in > 0 && stream.avail_out > 0) {
                if status == Z_STREAM_END { guard zlib.inflateReset(&stream) == Z_OK else { break } }
                status = zlib.inflate(&stream, Z_NO_FLUSH)
            }
            let produced = uncompressedSize - Int(stream.avail_out)
            guard status == Z_STREAM_END || (status == Z_BUF_ERROR && produced == uncompressedSize && stream.avail_in == 0) else {
                throw ParquetError("a gzip page is corrupt" + (stream.msg.map { ": " + String(cString: $0) } ?? ""))
            }
            guard produced == uncompressedSize else {
                throw ParquetError("a gzip page holds \(produced) bytes but claims \(uncompressedSize)")
            }
            initialized = produced
        }
    }
}
