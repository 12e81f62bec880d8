/// Reads forward through one page's bytes; every take is checked against what
/// remains, so a length that lies is an error before anything is allocated.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }

    mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw ParquetError("a page is cut short: \(count) bytes wanted, \(remaining) left") }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    mutating func rest() -> UnsafeRawBufferPointer {
        defer { position = bytes.count }
        return UnsafeRawBufferPointer(rebasing: bytes[position...])
    }

    mutating func byte() throws -> UInt8 { try take(1)[0] }

    mutating func uint32() throws -> UInt32 {
        UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self))
    }

    mutating func varint() throws -> UInt64 {
        guard let value = decodeVarint(bytes, at: &position) else {
            throw ParquetError("a number in a page is cut short or longer than 64 bits")
        }
        return value
    }

    mutating func zigzag() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }
}

/// A ULEB128 varint (Thrift's compact protocol and Parquet's encodings use
/// the same): nil when it is cut short or longer than 64 bits.
func decodeVarint(_ bytes: UnsafeRawBufferPointer, at position: inout Int) -> UInt64? {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while position < bytes.count, shift < 64 {
        let next = bytes[position]
        position += 1
        result |= UInt64(next & 0x7F) << shift
        if next & 0x80 == 0 { return result }
        shift += 7
    }
    return nil
}

/// Little-endian bit unpacking, least significant bit first, as Parquet packs
/// levels, dictionary indices, booleans and deltas.
@inline(__always)
func unpackBits(_ bytes: UnsafeRawBufferPointer, bitOffset: Int, width: Int) -> UInt64 {
    if width == 0 { return 0 }
    let byteIndex = bitOffset >> 3
    let shift = bitOffset & 7
    if width <= 56, byteIndex + 8 <= bytes.count {
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self))
        return (word >> UInt64(shift)) & ((1 << UInt64(width)) - 1)
    }
    var result: UInt64 = 0
    var got = 0
    var bit = bitOffset
    while got < width {
        let index = bit >> 3
        let offset = bit & 7
        let take = min(8 - offset, width - got)
        let byte = index < bytes.count ? UInt64(bytes[index]) : 0
        result |= ((byte >> UInt64(offset)) & ((1 << UInt64(take)) - 1)) << UInt64(got)
        got += take
        bit += take
    }
    return result
}

enum ParquetEncodings {
    /// The RLE / bit-packed hybrid: runs of one repeated value and groups of
    /// eight bit-packed values. Calls `emit(value, times)` until `count`
    /// values have come out.
    static func decodeHybrid(_ cursor: inout ByteCursor, bitWidth: Int, count: Int, emit: (UInt32, Int) throws -> Void) throws {
        guard (0...32).contains(bitWidth) else { throw ParquetError("a bit width of \(bitWidth) is out of range") }
        let valueBytes = (bitWidth + 7) / 8
        var produced = 0
        while produced < count {
            let header = try cursor.varint()
            if header & 1 == 0 {
                let run = Int(clamping: header >> 1)
                var value: UInt32 = 0
                let raw = try cursor.take(valueBytes)
                for (index, byte) in raw.enumerated() { value |= UInt32(byte) << UInt32(8 * index) }
                let times = min(run, count - produced)
                if times > 0 { try emit(value, times) }
                produced += times
            } else {
                let groups = Int(clamping: min(header >> 1, UInt64(Int32.max)))
                // The last group may be cut short at the end of the data.
                let wanted = groups * bitWidth
                let packed = try cursor.take(min(wanted, cursor.remaining))
                let available = bitWidth == 0 ? groups * 8 : packed.count * 8 / bitWidth
                let values = min(groups * 8, available, count - produced)
                guard values > 0 || groups == 0 else { throw ParquetError("a bit-packed run is empty") }
                for index in 0..<values {
                    try emit(UInt32(truncatingIfNeeded: unpackBits(packed, bitOffset: index * bitWidth, width: bitWidth)), 1)
                }
                produced += values
            }
        }
    }

    static func hybridValues(_ cursor: inout ByteCursor, bitWidth: Int, count: Int) throws -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(count)
        try decodeHybrid(&cursor, bitWidth: bitWidth, count: count) { value, times in
            if times == 1 { out.append(value) } else { out.append(contentsOf: repeatElement(value, count: times)) }
        }
        return out
    }

    /// DELTA_BINARY_PACKED: a header, then blocks of a minimum delta and
    /// miniblocks of bit-packed deltas above it. Arithmetic wraps, as the
    /// format specifies; 32-bit columns truncate the result.
    static func deltaBinaryPacked(_ cursor: inout ByteCursor, maxCount: Int) throws -> [Int64] {
        let blockSize = try cursor.varint()
        let miniblockCount = try cursor.varint()
        let total = try cursor.varint()
        var last = try cursor.zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblockCount > 0, blockSize % miniblockCount == 0,
            (blockSize / miniblockCount) % 32 == 0
        else {
            throw ParquetError("a delta-encoded block has an invalid shape (\(blockSize) values in \(miniblockCount) miniblocks)")
        }
        guard total <= UInt64(maxCount) else {
            throw ParquetError("a delta-encoded run claims \(total) values where the page holds \(maxCount)")
        }
        let count = Int(total)
        let perMiniblock = Int(blockSize / miniblockCount)
        var out: [Int64] = []
        out.reserveCapacity(count)
        if count > 0 { out.append(last) }
        while out.count < count {
            let minDelta = try cursor.zigzag()
            let widths = try cursor.take(Int(miniblockCount))
            for width in widths {
                if out.count >= count { break }
                guard width <= 64 else { throw ParquetError("a delta miniblock has a bit width of \(width)") }
                let packed = try cursor.take(perMiniblock * Int(width) / 8)
                for index in 0..<min(perMiniblock, count - out.count) {
                    let delta = Int64(bitPattern: unpackBits(packed, bitOffset: index * Int(width), width: Int(width)))
                    last = last &+ minDelta &+ delta
                    out.append(last)
                }
            }
        }
        return out
    }

    /// Visits `count` byte strings of a BYTE_ARRAY column in one of its encodings.
    static func byteArrays(
        _ cursor: inout ByteCursor, encoding: ParquetEncoding, count: Int, visit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        switch encoding {
        case .plain:
            guard count <= cursor.remaining / 4 else { throw ParquetError("a page claims \(count) strings, more than its bytes hold") }
            for _ in 0..<count {
                let length = try cursor.uint32()
                try visit(try cursor.take(Int(length)))
            }
        case .deltaLengthByteArray:
            let lengths = try deltaBinaryPacked(&cursor, maxCount: count)
            guard lengths.count == count else { throw ParquetError("a page holds \(lengths.count) string lengths for \(count) values") }
            for length in lengths {
                guard length >= 0, length <= Int64(cursor.remaining) else {
                    throw ParquetError("a string length of \(length) runs past the page")
                }
                try visit(try cursor.take(Int(length)))
            }
        case .deltaByteArray:
            let prefixes = try deltaBinaryPacked(&cursor, maxCount: count)
            let suffixLengths = try deltaBinaryPacked(&cursor, maxCount: count)
            guard prefixes.count == count, suffixLengths.count == count else {
                throw ParquetError("a page holds \(prefixes.count) prefixes and \(suffixLengths.count) suffixes for \(count) values")
            }
            var previous: [UInt8] = []
            for (prefix, suffixLength) in zip(prefixes, suffixLengths) {
                guard prefix >= 0, prefix <= Int64(previous.count) else {
                    throw ParquetError("a shared prefix of \(prefix) bytes is longer than the string before it")
                }
                guard suffixLength >= 0, suffixLength <= Int64(cursor.remaining) else {
                    throw ParquetError("a string suffix of \(suffixLength) bytes runs past the page")
                }
                previous.removeSubrange(Int(prefix)...)
                previous.append(contentsOf: try cursor.take(Int(suffixLength)))
                try previous.withUnsafeBytes { try visit($0) }
            }
        default:
            throw ParquetError("strings encoded as \(encoding) are not supported")
        }
    }
}
