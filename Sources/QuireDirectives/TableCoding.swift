import QuireData

/// A compact binary form of tables for the cache. Decoding checks every length
/// against the bytes left, so a damaged file reads as a miss, not a crash.
enum TableCoding {
    static func encode(_ table: Table) -> [UInt8] {
        var writer = Writer()
        writer.table(table)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) -> Table? {
        var reader = Reader(bytes: bytes)
        guard let table = reader.table(), reader.atEnd else { return nil }
        return table
    }

    static func encodeNamed(_ tables: [String: Table]) -> [UInt8] {
        var writer = Writer()
        writer.integer(Int64(tables.count))
        for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
            writer.string(name)
            writer.table(table)
        }
        return writer.bytes
    }

    static func decodeNamed(_ bytes: [UInt8]) -> [String: Table]? {
        var reader = Reader(bytes: bytes)
        guard let count = reader.count() else { return nil }
        var result: [String: Table] = [:]
        for _ in 0..<count {
            guard let name = reader.string(), let table = reader.table() else { return nil }
            result[name] = table
        }
        return reader.atEnd ? result : nil
    }

    struct Writer {
        var bytes: [UInt8] = [0x51, 0x54, 0x42, 0x31]  // "QTB1"

        mutating func integer(_ value: Int64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ value: String) {
            integer(Int64(value.utf8.count))
            bytes.append(contentsOf: value.utf8)
        }

        mutating func table(_ table: Table) {
            integer(Int64(table.columns.count))
            integer(Int64(table.rowCount))
            for column in table.columns {
                string(column.name)
                switch column.values {
                case .integer(let values):
                    bytes.append(0)
                    for value in values {
                        flag(value)
                        if let value { integer(value) }
                    }
                case .real(let values):
                    bytes.append(1)
                    for value in values {
                        flag(value)
                        if let value { integer(Int64(bitPattern: value.bitPattern)) }
                    }
                case .text(let values):
                    bytes.append(2)
                    for value in values {
                        flag(value)
                        if let value { string(value) }
                    }
                case .boolean(let values):
                    bytes.append(3)
                    for value in values {
                        flag(value)
                        if let value { bytes.append(value ? 1 : 0) }
                    }
                }
            }
        }

        private mutating func flag<T>(_ value: T?) { bytes.append(value == nil ? 0 : 1) }
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 4
        let valid: Bool

        init(bytes: [UInt8]) {
            self.bytes = bytes
            valid = bytes.count >= 4 && Array(bytes[0..<4]) == [0x51, 0x54, 0x42, 0x31]
        }

        var atEnd: Bool { index == bytes.count }

        mutating func byte() -> UInt8? {
            guard valid, index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func integer() -> Int64? {
            guard valid, index + 8 <= bytes.count else { return nil }
            var value: UInt64 = 0
            for shift in 0..<8 { value |= UInt64(bytes[index + shift]) << (8 * shift) }
            index += 8
            return Int64(bitPattern: value)
        }

        /// A count or length that cannot exceed the bytes left.
        mutating func count() -> Int? {
            guard let value = integer(), value >= 0, value <= bytes.count - index else { return nil }
            return Int(value)
        }

        mutating func string() -> String? {
            guard let length = count() else { return nil }
            defer { index += length }
            return String(decoding: bytes[index..<index + length], as: UTF8.self)
        }

        mutating func table() -> Table? {
            guard let columnCount = count(), let rowCount = count() else { return nil }
            var columns: [Column] = []
            for _ in 0..<columnCount {
                guard let name = string(), let kind = byte() else { return nil }
                switch kind {
                case 0:
                    guard let v = cells({ $0.integer() }, rowCount) else { return nil }
                    columns.append(Column(name: name, integers: v))
                case 1:
                    guard let v = cells({ $0.integer().map { Double(bitPattern: UInt64(bitPattern: $0)) } }, rowCount) else { return nil }
                    columns.append(Column(name: name, doubles: v))
                case 2:
                    guard let v = cells({ $0.string() }, rowCount) else { return nil }
                    columns.append(Column(name: name, strings: v))
                case 3:
                    guard let v = cells({ $0.byte().map { $0 != 0 } }, rowCount) else { return nil }
                    columns.append(Column(name: name, booleans: v))
                default: return nil
                }
            }
            return Table(columns: columns)
        }

        private mutating func cells<T>(_ read: (inout Reader) -> T?, _ count: Int) -> [T?]? {
            var values: [T?] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                guard let flag = byte() else { return nil }
                if flag == 0 {
                    values.append(nil)
                    continue
                }
                guard let value = read(&self) else { return nil }
                values.append(value)
            }
            return values
        }
    }
}
