#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An n-dimensional numeric array (1-D to 3-D) read from `.npy`, kept in its
/// file's element type and order. Backed by a memory map, so a multi-gigabyte
/// array costs address space, not memory, until rows are actually read.
public final class Matrix: Sendable {
    public enum ElementType: String, Sendable, CaseIterable {
        case float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool
        /// The top half of a float32 (safetensors' BF16).
        case bfloat16

        public var size: Int {
            switch self {
            case .int8, .uint8, .bool: 1
            case .float16, .bfloat16, .int16, .uint16: 2
            case .float32, .int32, .uint32: 4
            case .float64, .int64, .uint64: 8
            }
        }
    }

    public let shape: [Int]
    public let elementType: ElementType
    public let fortranOrder: Bool
    let bigEndian: Bool
    let storage: MatrixStorage
    /// Byte offset of element 0 within the storage.
    let dataOffset: Int
    /// Strides in elements for each axis, in the file's order.
    let strides: [Int]

    init(shape: [Int], elementType: ElementType, fortranOrder: Bool, bigEndian: Bool, storage: MatrixStorage, dataOffset: Int) {
        self.shape = shape
        self.elementType = elementType
        self.fortranOrder = fortranOrder
        self.bigEndian = bigEndian && elementType.size > 1
        self.storage = storage
        self.dataOffset = dataOffset
        var strides = Array(repeating: 1, count: shape.count)
        if fortranOrder {
            for axis in shape.indices.dropFirst() { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        } else {
            for axis in shape.indices.reversed().dropFirst() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        }
        self.strides = strides
    }

    /// An in-memory float64 matrix (results of analysis ops, tests).
    public convenience init(rows: Int, columns: Int, values: [Double]) {
        self.init(shape: [rows, columns], values: values)
    }

    public convenience init(shape: [Int], values: [Double]) {
        let storage = MatrixStorage(owning: values)
        self.init(shape: shape, elementType: .float64, fortranOrder: false, bigEndian: false, storage: storage, dataOffset: 0)
    }

    public var elementCount: Int { shape.reduce(1, *) }
    public var dimensions: Int { shape.count }

    /// Layers on axis 0 of a 3-D array; 1 otherwise.
    public var layerCount: Int { shape.count == 3 ? shape[0] : 1 }
    /// Rows of one layer (a 1-D array is one column of rows).
    public var rowCount: Int { shape.count == 3 ? shape[1] : shape[0] }
    public var columnCount: Int {
        switch shape.count {
        case 3: shape[2]
        case 2: shape[1]
        default: 1
        }
    }

    /// Storage offset (in elements) of (layer, row, column).
    @inline(__always)
    func elementIndex(layer: Int, row: Int, column: Int) -> Int {
        switch shape.count {
        case 3: layer * strides[0] + row * strides[1] + column * strides[2]
        case 2: row * strides[0] + column * strides[1]
        default: row
        }
    }

    public func value(layer: Int = 0, row: Int, column: Int) -> Double {
        element(at: elementIndex(layer: layer, row: row, column: column))
    }

    @inline(__always)
    func element(at index: Int) -> Double {
        let pointer = storage.base + dataOffset + index * elementType.size
        switch elementType {
        case .float64: return Double(bitPattern: load(UInt64.self, pointer))
        case .float32: return Double(Float(bitPattern: load(UInt32.self, pointer)))
        case .float16: return Double(Self.halfToFloat(load(UInt16.self, pointer)))
        case .bfloat16: return Double(Float(bitPattern: UInt32(load(UInt16.self, pointer)) << 16))
        case .int8: return Double(pointer.load(as: Int8.self))
        case .uint8: return Double(pointer.load(as: UInt8.self))
        case .bool: return pointer.load(as: UInt8.self) == 0 ? 0 : 1
        case .int16: return Double(Int16(bitPattern: load(UInt16.self, pointer)))
        case .uint16: return Double(load(UInt16.self, pointer))
        case .int32: return Double(Int32(bitPattern: load(UInt32.self, pointer)))
        case .uint32: return Double(load(UInt32.self, pointer))
        case .int64: return Double(Int64(bitPattern: load(UInt64.self, pointer)))
        case .uint64: return Double(load(UInt64.self, pointer))
        }
    }

    @inline(__always)
    private func load<T: FixedWidthInteger>(_ type: T.Type, _ pointer: UnsafeRawPointer) -> T {
        let raw = pointer.loadUnaligned(as: T.self)
        return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
    }

    /// IEEE 754 half → single, by bits (Float16 is not available everywhere Swift runs).
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
        if exponent == 0 {
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }

    /// Rows `rows` of one layer as row-major float32, written into `buffer`
    /// (rows.count × columnCount). The common float32 C-order case is a copy.
    func copyRowsAsFloat(layer: Int, rows: Range<Int>, into buffer: UnsafeMutablePointer<Float>) {
        let columns = columnCount
        if let start = rowsStart(layer: layer, rows: rows, as: .float32) {
            UnsafeMutableRawPointer(buffer).copyMemory(from: start, byteCount: rows.count * columns * 4)
            return
        }
        var out = 0
        for row in rows {
            for column in 0..<columns {
                buffer[out] = Float(value(layer: layer, row: row, column: column))
                out += 1
            }
        }
    }

    /// Where rows `rows` of one layer lie, when the array stores `type` in
    /// native (little-endian) C order, aligned for it; nil otherwise.
    func rowsInPlace(layer: Int, rows: Range<Int>, as type: ElementType) -> UnsafeRawPointer? {
        rowsStart(layer: layer, rows: rows, as: type).flatMap { Int(bitPattern: $0) % type.size == 0 ? $0 : nil }
    }

    private func rowsStart(layer: Int, rows: Range<Int>, as type: ElementType) -> UnsafeRawPointer? {
        guard elementType == type, !bigEndian, !fortranOrder || shape.count == 1 else { return nil }
        return storage.base + dataOffset + elementIndex(layer: layer, row: rows.lowerBound, column: 0) * type.size
    }

    /// Rows of one layer as row-major float64.
    func copyRowsAsDouble(layer: Int, rows: Range<Int>, into buffer: UnsafeMutablePointer<Double>) {
        let columns = columnCount
        var out = 0
        for row in rows {
            for column in 0..<columns {
                buffer[out] = value(layer: layer, row: row, column: column)
                out += 1
            }
        }
    }

    /// The whole of one layer as row-major float64 (for small matrices and ops
    /// that need random access to rows).
    public func layerValues(_ layer: Int = 0) -> [Double] {
        let rows = rowCount
        let columns = columnCount
        return [Double](unsafeUninitializedCapacity: rows * columns) { buffer, count in
            if let base = buffer.baseAddress { copyRowsAsDouble(layer: layer, rows: 0..<rows, into: base) }
            count = rows * columns
        }
    }
}

/// Bytes a matrix reads from: a read-only memory map of a file, or an owned buffer.
/// Sendable: the bytes are never written after the storage is made, and
/// `release` runs once, in `deinit`.
final class MatrixStorage: @unchecked Sendable {
    let base: UnsafeRawPointer
    let byteCount: Int
    let isMapped: Bool
    private let release: () -> Void

    init(base: UnsafeRawPointer, byteCount: Int, isMapped: Bool = false, release: @escaping () -> Void) {
        self.base = base
        self.byteCount = byteCount
        self.isMapped = isMapped
        self.release = release
    }

    convenience init(owning values: [Double]) {
        let count = max(1, values.count)
        let pointer = UnsafeMutablePointer<Double>.allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: values.count) }
        }
        self.init(base: UnsafeRawPointer(pointer), byteCount: values.count * 8) { pointer.deallocate() }
    }

    /// An owned copy of bytes in memory (fuzzing, tests).
    convenience init(copying bytes: [UInt8]) {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 16)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
        self.init(base: UnsafeRawPointer(pointer), byteCount: bytes.count) { pointer.deallocate() }
    }

    deinit { release() }

    /// Maps a whole file read-only; nil when it cannot be opened or mapped.
    static func map(path: String) -> MatrixStorage? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else { return nil }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        return MatrixStorage(base: UnsafeRawPointer(address), byteCount: size, isMapped: true) { munmap(address, size) }
    }
}

extension Matrix {
    /// Tells the kernel the mapped pages of these rows are no longer needed, so
    /// streaming a whole multi-gigabyte array keeps resident memory at one chunk.
    func releasePages(layer: Int, rows: Range<Int>) {
        guard storage.isMapped, !fortranOrder || dimensions == 1, !rows.isEmpty else { return }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = dataOffset + elementIndex(layer: layer, row: rows.lowerBound, column: 0) * elementType.size
        let end = dataOffset + (elementIndex(layer: layer, row: rows.upperBound - 1, column: columnCount - 1) + 1) * elementType.size
        let start = (first + pageSize - 1) / pageSize * pageSize
        let stop = end / pageSize * pageSize
        guard stop > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: storage.base + start), stop - start, Int32(MADV_DONTNEED))
    }
}
