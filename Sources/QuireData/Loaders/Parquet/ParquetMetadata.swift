/// The parts of Parquet's Thrift metadata quire reads. Field ids and enum
/// values are those of the format's `parquet.thrift` (apache/parquet-format).
enum ParquetPhysicalType: Int32 {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLengthByteArray = 7
}

enum ParquetEncoding: Int32 {
    case plain = 0
    case plainDictionary = 2
    case rle = 3
    case bitPacked = 4
    case deltaBinaryPacked = 5
    case deltaLengthByteArray = 6
    case deltaByteArray = 7
    case rleDictionary = 8
    case byteStreamSplit = 9

    static func name(_ raw: Int32) -> String {
        ParquetEncoding(rawValue: raw).map { "\($0)" } ?? "encoding \(raw)"
    }
}

enum ParquetCodec: Int32 {
    case uncompressed = 0
    case snappy = 1
    case gzip = 2
    case lzo = 3
    case brotli = 4
    case lz4 = 5
    case zstd = 6
    case lz4Raw = 7
}

enum ParquetTimeUnit: Equatable {
    case millis, micros, nanos
}

/// A column's logical annotation, from `logicalType` or, in older files, the
/// `converted_type` it supersedes.
enum ParquetLogicalType: Equatable {
    case string, enumeration, json, bson, uuid, float16
    case date
    case decimal(scale: Int, precision: Int)
    case time(ParquetTimeUnit)
    case timestamp(ParquetTimeUnit, utc: Bool)
    case integer(bits: Int, signed: Bool)
    case nested(String)
    case other
}

struct ParquetSchemaElement {
    var name = ""
    var type: Int32?
    var typeLength: Int32?
    /// 0 required, 1 optional, 2 repeated.
    var repetition: Int32?
    var childCount: Int32 = 0
    var convertedType: Int32?
    var scale: Int32?
    var precision: Int32?
    var logicalType: ParquetLogicalType?
}

struct ParquetColumnMetadata {
    var type: Int32 = -1
    var codec: Int32 = 0
    var valueCount: Int64 = -1
    var totalCompressedSize: Int64 = -1
    var dataPageOffset: Int64 = -1
    var dictionaryPageOffset: Int64?
}

struct ParquetRowGroup {
    var columns: [ParquetColumnMetadata] = []
    var rowCount: Int64 = -1
}

struct ParquetFileMetadata {
    var schema: [ParquetSchemaElement] = []
    var rowCount: Int64 = -1
    var rowGroups: [ParquetRowGroup] = []
}

struct ParquetPageHeader {
    enum Kind: Int32 {
        case dataPage = 0
        case indexPage = 1
        case dictionaryPage = 2
        case dataPageV2 = 3
    }

    var type: Int32 = -1
    var uncompressedSize: Int32 = -1
    var compressedSize: Int32 = -1
    /// Values in the page, nulls included (data pages) or dictionary entries.
    var valueCount: Int32 = -1
    var encoding: Int32 = 0
    var definitionLevelEncoding: Int32 = ParquetEncoding.rle.rawValue
    // Page v2 only:
    var nullCount: Int32 = 0
    var definitionLevelsLength: Int32 = 0
    var repetitionLevelsLength: Int32 = 0
    var isCompressed = true
}

extension ThriftCompactReader {
    mutating func fileMetadata() throws(ParquetError) -> ParquetFileMetadata {
        var metadata = ParquetFileMetadata()
        try readStruct { reader, field throws(ParquetError) in
            switch (field.id, field.type) {
            case (2, .list): metadata.schema = try reader.list { reader, _ throws(ParquetError) in try reader.schemaElement() }
            case (3, .i64): metadata.rowCount = try reader.i64()
            case (4, .list): metadata.rowGroups = try reader.list { reader, _ throws(ParquetError) in try reader.rowGroup() }
            case (8, .structure): throw reader.error("the file is encrypted, which quire does not read")
            default: break
            }
        }
        guard metadata.rowCount >= 0, !metadata.schema.isEmpty else { throw error("the file metadata lacks its schema or row count") }
        return metadata
    }

    mutating func schemaElement() throws(ParquetError) -> ParquetSchemaElement {
        var element = ParquetSchemaElement()
        try readStruct { reader, field throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): element.type = try reader.i32()
            case (2, .i32): element.typeLength = try reader.i32()
            case (3, .i32): element.repetition = try reader.i32()
            case (4, .binary): element.name = try reader.string()
            case (5, .i32): element.childCount = try reader.i32()
            case (6, .i32): element.convertedType = try reader.i32()
            case (7, .i32): element.scale = try reader.i32()
            case (8, .i32): element.precision = try reader.i32()
            case (10, .structure): element.logicalType = try reader.logicalType()
            default: break
            }
        }
        return element
    }

    /// The `LogicalType` union: exactly one field set, its id naming the type.
    mutating func logicalType() throws(ParquetError) -> ParquetLogicalType {
        var result = ParquetLogicalType.other
        try readStruct { reader, field throws(ParquetError) in
            guard field.type == .structure else { return }
            switch field.id {
            case 1: result = .string
            case 2: result = .nested("map")
            case 3: result = .nested("list")
            case 4: result = .enumeration
            case 5:
                var scale = 0
                var precision = 0
                try reader.readStruct { reader, field throws(ParquetError) in
                    switch (field.id, field.type) {
                    case (1, .i32): scale = Int(try reader.i32())
                    case (2, .i32): precision = Int(try reader.i32())
                    default: break
                    }
                }
                result = .decimal(scale: scale, precision: precision)
                return
            case 6: result = .date
            case 7, 8:
                var utc = false
                var unit = ParquetTimeUnit.millis
                try reader.readStruct { reader, field throws(ParquetError) in
                    switch (field.id, field.type) {
                    case (1, .boolTrue): utc = true
                    case (1, .boolFalse): utc = false
                    case (2, .structure): unit = try reader.timeUnit()
                    default: break
                    }
                }
                result = field.id == 7 ? .time(unit) : .timestamp(unit, utc: utc)
                return
            case 10:
                var bits = 64
                var signed = true
                try reader.readStruct { reader, field throws(ParquetError) in
                    switch (field.id, field.type) {
                    case (1, .byte): bits = Int(Int8(bitPattern: try reader.byte()))
                    case (2, .boolTrue): signed = true
                    case (2, .boolFalse): signed = false
                    default: break
                    }
                }
                result = .integer(bits: bits, signed: signed)
                return
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 15: result = .float16
            case 16: result = .nested("variant")
            default: result = .other
            }
            try reader.skip(.structure)
        }
        return result
    }

    mutating func timeUnit() throws(ParquetError) -> ParquetTimeUnit {
        var unit = ParquetTimeUnit.millis
        try readStruct { reader, field throws(ParquetError) in
            switch field.id {
            case 2: unit = .micros
            case 3: unit = .nanos
            default: unit = .millis
            }
        }
        return unit
    }

    mutating func rowGroup() throws(ParquetError) -> ParquetRowGroup {
        var group = ParquetRowGroup()
        try readStruct { reader, field throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .list): group.columns = try reader.list { reader, _ throws(ParquetError) in try reader.columnChunk() }
            case (3, .i64): group.rowCount = try reader.i64()
            default: break
            }
        }
        guard group.rowCount >= 0 else { throw error("a row group lacks its row count") }
        return group
    }

    mutating func columnChunk() throws(ParquetError) -> ParquetColumnMetadata {
        var metadata: ParquetColumnMetadata?
        try readStruct { reader, field throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .binary): throw reader.error("a column chunk is stored in another file, which quire does not read")
            case (3, .structure): metadata = try reader.columnMetadata()
            default: break
            }
        }
        guard let metadata else { throw error("a column chunk lacks its metadata") }
        return metadata
    }

    mutating func columnMetadata() throws(ParquetError) -> ParquetColumnMetadata {
        var metadata = ParquetColumnMetadata()
        try readStruct { reader, field throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): metadata.type = try reader.i32()
            case (4, .i32): metadata.codec = try reader.i32()
            case (5, .i64): metadata.valueCount = try reader.i64()
            case (7, .i64): metadata.totalCompressedSize = try reader.i64()
            case (9, .i64): metadata.dataPageOffset = try reader.i64()
            case (11, .i64): metadata.dictionaryPageOffset = try reader.i64()
            default: break
            }
        }
        guard metadata.valueCount >= 0, metadata.totalCompressedSize >= 0, metadata.dataPageOffset >= 0 else {
            throw error("a column chunk's metadata lacks its size, value count or offset")
        }
        return metadata
    }

    mutating func pageHeader() throws(ParquetError) -> ParquetPageHeader {
        var header = ParquetPageHeader()
        try readStruct { reader, field throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): header.type = try reader.i32()
            case (2, .i32): header.uncompressedSize = try reader.i32()
            case (3, .i32): header.compressedSize = try reader.i32()
            case (5, .structure):
                try reader.readStruct { reader, field throws(ParquetError) in
                    switch (field.id, field.type) {
                    case (1, .i32): header.valueCount = try reader.i32()
                    case (2, .i32): header.encoding = try reader.i32()
                    case (3, .i32): header.definitionLevelEncoding = try reader.i32()
                    default: break
                    }
                }
            case (7, .structure):
                try reader.readStruct { reader, field throws(ParquetError) in
                    switch (field.id, field.type) {
                    case (1, .i32): header.valueCount = try reader.i32()
                    case (2, .i32): header.encoding = try reader.i32()
                    default: break
                    }
                }
            case (8, .structure):
                try reader.readStruct { reader, field throws(ParquetError) in
                    switch (field.id, field.type) {
                    case (1, .i32): header.valueCount = try reader.i32()
                    case (2, .i32): header.nullCount = try reader.i32()
                    case (4, .i32): header.encoding = try reader.i32()
                    case (5, .i32): header.definitionLevelsLength = try reader.i32()
                    case (6, .i32): header.repetitionLevelsLength = try reader.i32()
                    case (7, .boolFalse): header.isCompressed = false
                    case (7, .boolTrue): header.isCompressed = true
                    default: break
                    }
                }
            default: break
            }
        }
        guard header.type >= 0, header.compressedSize >= 0, header.uncompressedSize >= 0 else {
            throw error("a page header lacks its type or sizes")
        }
        return header
    }
}
