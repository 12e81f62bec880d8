import QuireDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Records of a TFRecord file, one at a time: each is a little-endian
/// UInt64 length, the masked CRC-32C of those 8 bytes, the payload, and the
/// masked CRC-32C of the payload. Both checksums are checked. The file is
/// read through one buffer that only grows to hold the largest record, so a
/// gigabyte of events never sits in memory whole; a record's length is
/// checked against what is left of the file before anything is allocated.
final class TFRecordReader {
    let displayPath: String
    /// Size of the whole input, known up front.
    let byteCount: Int
    private let readInto: (UnsafeMutableRawPointer, Int) -> Int
    private let finish: () -> Void
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    /// Valid bytes are buffer[start..<end]; buffer[start] is at file offset `offset`.
    private var start = 0
    private var end = 0
    private(set) var offset = 0

    static let initialCapacity = 1 << 20

    private init(
        displayPath: String, byteCount: Int, readInto: @escaping (UnsafeMutableRawPointer, Int) -> Int, finish: @escaping () -> Void
    ) {
        self.displayPath = displayPath
        self.byteCount = byteCount
        self.readInto = readInto
        self.finish = finish
        capacity = min(Self.initialCapacity, max(16, byteCount))
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        finish()
    }

    /// Opens a file; nil when it cannot be opened.
    static func opening(path: String, displayPath: String) -> TFRecordReader? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            return nil
        }
        return TFRecordReader(
            displayPath: displayPath, byteCount: Int(info.st_size),
            readInto: { pointer, count in
                while true {
                    let got = read(descriptor, pointer, count)
                    if got < 0, errno == EINTR { continue }
                    return got
                }
            }, finish: { close(descriptor) })
    }

    /// The same reader over bytes in memory (fuzzing, tests).
    static func reading(_ bytes: [UInt8], displayPath: String) -> TFRecordReader {
        var position = 0
        return TFRecordReader(
            displayPath: displayPath, byteCount: bytes.count,
            readInto: { pointer, count in
                let taken = min(count, bytes.count - position)
                bytes.withUnsafeBytes { source in
                    if taken > 0 { pointer.copyMemory(from: source.baseAddress! + position, byteCount: taken) }
                }
                position += taken
                return taken
            }, finish: {})
    }

    /// The next record's payload and the offset of its first header byte, or
    /// nil at the end of the file. The payload is valid until the next call.
    func next() throws -> (offset: Int, payload: UnsafeRawBufferPointer)? {
        let recordStart = offset
        let header = try fill(12)
        if header == 0 { return nil }
        guard header >= 12 else {
            throw damaged("the file ends inside the header of the record at byte \(recordStart) (\(header) of 12 bytes)", truncated: true)
        }
        let base = UnsafeRawPointer(buffer + start)
        let length = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        let lengthCRC = UInt32(littleEndian: (base + 8).loadUnaligned(as: UInt32.self))
        guard CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(start: base, count: 8))) == lengthCRC else {
            throw damaged("the length of the record at byte \(recordStart) fails its checksum")
        }
        let left = byteCount - recordStart - 12
        guard length <= UInt64(max(0, left - 4)) else {
            throw damaged(
                "the record at byte \(recordStart) holds \(length) bytes but the file ends \(max(0, left)) bytes after its header",
                truncated: true)
        }
        let count = Int(length)
        consume(12)
        guard try fill(count + 4) >= count + 4 else {
            throw damaged("the file ends inside the record at byte \(recordStart)", truncated: true)
        }
        let payload = UnsafeRawBufferPointer(start: buffer + start, count: count)
        let dataCRC = UInt32(littleEndian: (buffer + start + count).loadUnaligned(as: UInt32.self))
        guard CRC32C.masked(CRC32C.checksum(payload)) == dataCRC else {
            throw damaged("the data of the record at byte \(recordStart) fails its checksum")
        }
        consume(count + 4)
        return (recordStart, payload)
    }

    func damaged(_ message: String, truncated: Bool = false) -> Diagnostic {
        .error(
            at: SourceLocation(path: displayPath), "damaged TensorBoard event file: \(message)",
            hint: truncated
                ? "the file is cut short; was it copied while the run was still writing?"
                : "the file is corrupted; copy it again from the run")
    }

    private func consume(_ count: Int) {
        start += count
        offset += count
    }

    /// Makes at least `count` bytes available from `start` if the input has
    /// them; answers how many are available (less only at the end).
    private func fill(_ count: Int) throws -> Int {
        if end - start >= count { return end - start }
        if count > capacity {
            let grown = max(count, min(capacity * 2, byteCount))
            let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
            larger.copyMemory(from: buffer + start, byteCount: end - start)
            buffer.deallocate()
            buffer = larger
            capacity = grown
            end -= start
            start = 0
        } else if start + count > capacity {
            memmove(buffer, buffer + start, end - start)
            end -= start
            start = 0
        }
        while end - start < count {
            let got = readInto(buffer + end, capacity - end)
            if got < 0 { throw Diagnostic.error(at: SourceLocation(path: displayPath), "cannot read this TensorBoard event file") }
            if got == 0 { break }
            end += got
        }
        return end - start
    }
}
