/// A problem inside a Parquet file, with the byte offset where it was found
/// when that helps the author (a hex dump, a writer's bug report).
struct ParquetError: Error, Equatable {
    var message: String
    var offset: Int?
    /// False for a problem of the machine (a codec's library is missing),
    /// which no byte offset would help with.
    var isInTheFile = true

    init(_ message: String, at offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }
}

/// Thrift's compact protocol, the encoding of Parquet's footer and page
/// headers: just enough to walk structs, read the fields quire uses and skip
/// the rest. Every length is checked against the bytes that remain, and
/// nesting is bounded, so a corrupt footer is an error, never a crash.
struct ThriftCompactReader {
    enum FieldType: UInt8 {
        case stop = 0
        case boolTrue = 1
        case boolFalse = 2
        case byte = 3
        case i16 = 4
        case i32 = 5
        case i64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case structure = 12
    }

    struct Field {
        var id: Int
        var type: FieldType
    }

    private let bytes: UnsafeRawBufferPointer
    /// Where `bytes` starts in the file, so errors name file offsets.
    private let fileOffset: Int
    private(set) var position = 0
    private var depth = 0
    static let maxDepth = 32

    init(_ bytes: UnsafeRawBufferPointer, fileOffset: Int) {
        self.bytes = bytes
        self.fileOffset = fileOffset
    }

    func error(_ message: String) -> ParquetError {
        ParquetError(message, at: fileOffset + position)
    }

    mutating func byte() throws(ParquetError) -> UInt8 {
        guard position < bytes.count else { throw error("the metadata is cut short") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws(ParquetError) -> UInt64 {
        guard let value = decodeVarint(bytes, at: &position) else {
            throw error("a number in the metadata is cut short or longer than 64 bits")
        }
        return value
    }

    mutating func zigzag() throws(ParquetError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func i32() throws(ParquetError) -> Int32 {
        let value = try zigzag()
        guard let narrow = Int32(exactly: value) else { throw error("a 32-bit number in the metadata is out of range") }
        return narrow
    }

    mutating func i64() throws(ParquetError) -> Int64 { try zigzag() }

    /// A length-prefixed byte string, as a range of the buffer.
    mutating func binary() throws(ParquetError) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(bytes.count - position) else { throw error("a string in the metadata runs past its end") }
        let start = position
        position += Int(length)
        return start..<position
    }

    mutating func string() throws(ParquetError) -> String {
        let range = try binary()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A list header: element type and count, the count checked against the
    /// bytes left (every element takes at least one byte, except in a list of
    /// empty structs, which no field quire reads holds).
    mutating func listHeader() throws(ParquetError) -> (type: FieldType, count: Int) {
        let header = try byte()
        guard let type = FieldType(rawValue: header & 0x0F) else { throw error("unknown Thrift type \(header & 0x0F) in a list") }
        var count = UInt64(header >> 4)
        if count == 15 { count = try varint() }
        guard count <= UInt64(bytes.count - position) else {
            throw error("a list in the metadata claims \(count) elements, more than its bytes hold")
        }
        return (type, Int(count))
    }

    /// Calls `visit` for each field of a struct until its stop byte. Field ids
    /// come as deltas from the previous one or as a full number.
    mutating func readStruct(_ visit: (inout ThriftCompactReader, Field) throws(ParquetError) -> Void) throws(ParquetError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error("the metadata nests deeper than \(Self.maxDepth) levels") }
        var lastId = 0
        while true {
            let header = try byte()
            guard let type = FieldType(rawValue: header & 0x0F) else { throw error("unknown Thrift type \(header & 0x0F)") }
            if type == .stop { return }
            let delta = Int(header >> 4)
            let id = delta == 0 ? Int(try zigzag()) : lastId + delta
            lastId = id
            let before = position
            try visit(&self, Field(id: id, type: type))
            // A visitor that ignores a field must still consume it.
            if position == before, type != .boolTrue, type != .boolFalse { try skip(type) }
        }
    }

    mutating func list<Element>(_ element: (inout ThriftCompactReader, FieldType) throws(ParquetError) -> Element) throws(ParquetError)
        -> [Element]
    {
        let (type, count) = try listHeader()
        var out: [Element] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try element(&self, type)) }
        return out
    }

    mutating func skip(_ type: FieldType) throws(ParquetError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error("the metadata nests deeper than \(Self.maxDepth) levels") }
        switch type {
        case .stop: throw error("unexpected end of struct")
        case .boolTrue, .boolFalse: return
        case .byte: _ = try byte()
        case .i16, .i32, .i64: _ = try varint()
        case .double:
            guard bytes.count - position >= 8 else { throw error("the metadata is cut short") }
            position += 8
        case .binary: _ = try binary()
        case .list, .set:
            let (elementType, count) = try listHeader()
            for _ in 0..<count {
                // Booleans inside a collection take one byte each.
                if elementType == .boolTrue || elementType == .boolFalse { _ = try byte() } else { try skip(elementType) }
            }
        case .map:
            let count = try varint()
            guard count > 0 else { return }
            guard count <= UInt64(bytes.count - position) else {
                throw error("a map in the metadata claims \(count) entries, more than its bytes hold")
            }
            let types = try byte()
            guard let key = FieldType(rawValue: types >> 4), let value = FieldType(rawValue: types & 0x0F) else {
                throw error("unknown Thrift type in a map")
            }
            for _ in 0..<count {
                try skipElement(key)
                try skipElement(value)
            }
        case .structure:
            try readStruct { _, _ throws(ParquetError) in }
        }
    }

    private mutating func skipElement(_ type: FieldType) throws(ParquetError) {
        if type == .boolTrue || type == .boolFalse { _ = try byte() } else { try skip(type) }
    }
}
