import Foundation
import QuireDiagnostics

/// A `.parquet` file as a table whose columns are read one by one, only when
/// asked for: opening it reads the footer alone (the file is memory-mapped, so
/// column chunks nobody uses are never touched, let alone decompressed).
/// Flat schemas only; a nested column is listed but reading it is an error
/// that names it.
/// Sendable: the file's bytes and metadata are immutable, and the one
/// mutable field, the decoded columns, is read and written under `lock`.
public final class ParquetTable: @unchecked Sendable {
    public let displayPath: String
    public let rowCount: Int
    public let columnNames: [String]

    /// Rows quire will read from one file: each cell costs 9–16 bytes.
    public static let maxRows = 100_000_000

    private struct Field {
        var element: ParquetSchemaElement
        /// Index of its column chunk within each row group; nil for a nested field.
        var leaf: Int?
        /// Why quire cannot read it, when it cannot.
        var unsupported: Unsupported?
    }

    private struct Unsupported {
        var reason: String
        var isNested: Bool
    }

    private let storage: MatrixStorage
    private let metadata: ParquetFileMetadata
    private let fields: [Field]
    private let dataRange: Range<Int>
    /// Columns already decoded; guarded by `lock`.
    private var loaded: [String: Column] = [:]
    private let lock = NSLock()

    /// Maps the file and reads its footer.
    public static func open(path: String, displayPath: String) throws -> ParquetTable {
        guard let storage = MatrixStorage.map(path: path) else {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "cannot read this Parquet file (empty or unreadable)")
        }
        return try ParquetTable(storage: storage, displayPath: displayPath)
    }

    /// The same over bytes in memory (tests, fuzzing); the table keeps a copy.
    public static func open(bytes: [UInt8], displayPath: String) throws -> ParquetTable {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 16)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
        let storage = MatrixStorage(base: UnsafeRawPointer(pointer), byteCount: bytes.count) { pointer.deallocate() }
        return try ParquetTable(storage: storage, displayPath: displayPath)
    }

    private init(storage: MatrixStorage, displayPath: String) throws {
        self.storage = storage
        self.displayPath = displayPath
        let file = UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount)
        do {
            let (metadata, footerStart) = try Self.readFooter(file)
            self.metadata = metadata
            self.dataRange = 4..<footerStart
            self.fields = try Self.flatFields(metadata.schema)
            let leafCount = try Self.leafCount(metadata.schema)
            var rows = 0
            for group in metadata.rowGroups {
                guard group.columns.count == leafCount else {
                    throw ParquetError("a row group has \(group.columns.count) column chunks for \(leafCount) columns")
                }
                rows += Int(min(group.rowCount, Int64(Self.maxRows + 1)))
                guard rows <= Self.maxRows else {
                    throw ParquetError("the file has more than \(Self.maxRows) rows, more than quire reads from one file")
                }
            }
            self.rowCount = rows
            self.columnNames = fields.map(\.element.name)
        } catch let error as ParquetError {
            throw Self.diagnostic(error, path: displayPath)
        }
    }

    static func diagnostic(_ error: ParquetError, path: String) -> Diagnostic {
        let place = error.offset.map { " (at byte \($0))" } ?? ""
        return .error(at: SourceLocation(path: path), "cannot read this Parquet file: \(error.message)\(place)")
    }

    /// The columns asked for, in the file's order; nil asks for every column
    /// quire can read (a nested one is an error only when named). A table
    /// needs a row count, so asking for none reads the cheapest column.
    public func table(columns wanted: Set<String>?) throws -> Table {
        var names =
            wanted.map { wanted in columnNames.filter(wanted.contains) }
            ?? fields.filter { $0.unsupported == nil }.map(\.element.name)
        if names.isEmpty, let cheapest = cheapestColumn() { names = [cheapest] }
        return Table(columns: try names.map(column(named:)))
    }

    public func column(named name: String) throws -> Column {
        if let column = lock.withLock({ loaded[name] }) { return column }
        guard let field = fields.first(where: { $0.element.name == name }) else {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "this Parquet file has no column '\(name)'")
        }
        if let unsupported = field.unsupported {
            throw Diagnostic.error(
                at: SourceLocation(path: displayPath),
                "column '\(name)' \(unsupported.reason)" + (unsupported.isNested ? "; quire reads flat Parquet columns only" : ""),
                hint: unsupported.isNested
                    ? "flatten it when writing the file (pyarrow's Table.flatten, pandas json_normalize), or leave it out of the query"
                    : "convert it to a number or a string when writing the file")
        }
        guard let leaf = field.leaf, let conversion = ParquetConversion.of(field.element),
            let physical = field.element.type.flatMap(ParquetPhysicalType.init(rawValue:))
        else {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "column '\(name)' has a type quire does not read")
        }
        let reader = ParquetColumnReader(
            file: UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount), dataRange: dataRange,
            element: field.element, physical: physical, conversion: conversion, isOptional: field.element.repetition == 1)
        var builder = ParquetColumnBuilder()
        builder.reserve(rowCount, kind: conversion.kind)
        do {
            for group in metadata.rowGroups {
                try reader.read(group.columns[leaf], rowCount: Int(group.rowCount), into: &builder)
            }
        } catch let error as ParquetError {
            var located = error
            located.message = "column '\(name)': " + error.message
            throw Self.diagnostic(located, path: displayPath)
        }
        let values = builder.values(as: conversion.kind)
        guard values.count == rowCount else {
            throw Self.diagnostic(ParquetError("column '\(name)' holds \(values.count) values for \(rowCount) rows"), path: displayPath)
        }
        let column = Column(name: name, values: values)
        lock.withLock { loaded[name] = column }
        return column
    }

    /// One already read, or else the one with the fewest bytes to read.
    private func cheapestColumn() -> String? {
        if let loaded = lock.withLock({ columnNames.first(where: { loaded[$0] != nil }) }) { return loaded }
        let readable = fields.filter { $0.unsupported == nil && $0.leaf != nil }
        return readable.min { a, b in
            compressedSize(a.leaf!) < compressedSize(b.leaf!)
        }?.element.name ?? fields.first?.element.name
    }

    private func compressedSize(_ leaf: Int) -> Int64 {
        metadata.rowGroups.reduce(0) { $0 &+ $1.columns[leaf].totalCompressedSize }
    }

    private static let magic: [UInt8] = Array("PAR1".utf8)

    /// `PAR1`, the column chunks, the Thrift footer, its 4-byte length, `PAR1`.
    private static func readFooter(_ file: UnsafeRawBufferPointer) throws -> (ParquetFileMetadata, Int) {
        guard file.count >= 12 else { throw ParquetError("the file is \(file.count) bytes, too short to be Parquet") }
        guard Array(file[0..<4]) == magic else { throw ParquetError("it does not start with the Parquet magic bytes PAR1", at: 0) }
        let tail = Array(file[(file.count - 4)...])
        if tail == Array("PARE".utf8) { throw ParquetError("the file is encrypted, which quire does not read") }
        guard tail == magic else { throw ParquetError("it does not end with PAR1; the file may be cut short", at: file.count - 4) }
        let footerLength = Int(UInt32(littleEndian: file.loadUnaligned(fromByteOffset: file.count - 8, as: UInt32.self)))
        let footerStart = file.count - 8 - footerLength
        guard footerStart >= 4 else {
            throw ParquetError("the footer claims \(footerLength) bytes, more than the file holds", at: file.count - 8)
        }
        var reader = ThriftCompactReader(UnsafeRawBufferPointer(rebasing: file[footerStart..<(file.count - 8)]), fileOffset: footerStart)
        return (try reader.fileMetadata(), footerStart)
    }

    private static func leafCount(_ schema: [ParquetSchemaElement]) throws -> Int {
        schema.dropFirst().filter { $0.childCount <= 0 }.count
    }

    /// The root's children, in order. A group or a repeated field is nested:
    /// its leaves still occupy column chunks, so they are counted and skipped.
    private static func flatFields(_ schema: [ParquetSchemaElement]) throws -> [Field] {
        guard let root = schema.first, root.childCount >= 0 else { throw ParquetError("the schema has no root") }
        var fields: [Field] = []
        var index = 1
        var leaf = 0
        for _ in 0..<Int(root.childCount) {
            guard index < schema.count else { throw ParquetError("the schema lists fewer columns than its root claims") }
            let element = schema[index]
            if element.childCount > 0 {
                // Walk the group's subtree to find where the next field starts.
                var pending = 1
                while pending > 0 {
                    guard index < schema.count, schema[index].childCount >= 0 else {
                        throw ParquetError("the schema's groups are malformed")
                    }
                    pending += Int(schema[index].childCount) - 1
                    if schema[index].childCount == 0 { leaf += 1 }
                    index += 1
                }
                let kind = element.logicalType ?? ParquetConversion.legacyLogicalType(element)
                let description = if case .nested(let name)? = kind { "is nested (a \(name))" } else { "is a group of nested fields" }
                fields.append(Field(element: element, leaf: nil, unsupported: Unsupported(reason: description, isNested: true)))
                continue
            }
            var unsupported: Unsupported?
            if element.repetition == 2 {
                unsupported = Unsupported(reason: "is repeated (a list)", isNested: true)
            } else if case .nested(let kind) = element.logicalType {
                unsupported = Unsupported(reason: "is nested (a \(kind))", isNested: true)
            } else if ParquetConversion.of(element) == nil {
                unsupported = Unsupported(reason: "has a type quire does not read", isNested: false)
            }
            fields.append(Field(element: element, leaf: leaf, unsupported: unsupported))
            leaf += 1
            index += 1
        }
        guard index == schema.count else { throw ParquetError("the schema has \(schema.count - index) elements outside its root") }
        return fields
    }
}
