import QuireDiagnostics

/// The non-null values of one page (or a dictionary), already in the form the
/// table column takes.
enum ParquetValues {
    case integers([Int64])
    case reals([Double])
    case texts([String])

    var count: Int {
        switch self {
        case .integers(let values): values.count
        case .reals(let values): values.count
        case .texts(let values): values.count
        }
    }

    func gather(_ indices: [UInt32]) throws -> ParquetValues {
        let size = count
        guard indices.allSatisfy({ Int($0) < size }) else {
            throw ParquetError("a dictionary index is past the dictionary's \(size) entries")
        }
        switch self {
        case .integers(let values): return .integers(indices.map { values[Int($0)] })
        case .reals(let values): return .reals(indices.map { values[Int($0)] })
        case .texts(let values): return .texts(indices.map { values[Int($0)] })
        }
    }
}

/// How a column's stored values become table cells, from its physical type
/// and logical annotation. Booleans become 1/0; dates, times and timestamps
/// ISO 8601 text; decimals and float16 reals; binary without an annotation
/// text when it is valid UTF-8 (older writers store strings so), else `0x` hex.
enum ParquetConversion: Equatable {
    case integer, unsigned32, unsigned64, boolean
    case real
    case decimal(scale: Int)
    case float16
    case date
    case time(ParquetTimeUnit)
    case timestamp(ParquetTimeUnit, utc: Bool)
    case int96Timestamp
    case string, binary, uuid

    var kind: ColumnType {
        switch self {
        case .integer, .unsigned32, .unsigned64, .boolean: .integer
        case .real, .decimal, .float16: .real
        case .date, .time, .timestamp, .int96Timestamp, .string, .binary, .uuid: .text
        }
    }

    /// Nil when quire cannot read the pairing; the caller names the column.
    static func of(_ element: ParquetSchemaElement) -> ParquetConversion? {
        guard let raw = element.type, let physical = ParquetPhysicalType(rawValue: raw) else { return nil }
        let logical = element.logicalType ?? legacyLogicalType(element)
        switch (physical, logical) {
        case (.boolean, _): return .boolean
        case (.float, _), (.double, _): return .real
        case (.int96, _): return .int96Timestamp
        case (.int32, .date?): return .date
        case (.int32, .time(let unit)?), (.int64, .time(let unit)?): return .time(unit)
        case (.int64, .timestamp(let unit, let utc)?): return .timestamp(unit, utc: utc)
        case (.int32, .decimal(let scale, _)?), (.int64, .decimal(let scale, _)?),
            (.byteArray, .decimal(let scale, _)?), (.fixedLengthByteArray, .decimal(let scale, _)?):
            return (0...38).contains(scale) ? .decimal(scale: scale) : nil
        case (.int32, .integer(32, false)?): return .unsigned32
        case (.int64, .integer(64, false)?): return .unsigned64
        case (.int32, _), (.int64, _): return .integer
        case (.fixedLengthByteArray, .uuid?): return element.typeLength == 16 ? .uuid : nil
        case (.fixedLengthByteArray, .float16?): return element.typeLength == 2 ? .float16 : nil
        case (.byteArray, .string?), (.byteArray, .enumeration?), (.byteArray, .json?): return .string
        case (.byteArray, _), (.fixedLengthByteArray, _): return .binary
        }
    }

    /// `converted_type`, for files written before `logicalType` existed.
    static func legacyLogicalType(_ element: ParquetSchemaElement) -> ParquetLogicalType? {
        switch element.convertedType {
        case 0?: .string
        case 1?, 2?: .nested("map")
        case 3?: .nested("list")
        case 4?: .enumeration
        case 5?: .decimal(scale: Int(element.scale ?? 0), precision: Int(element.precision ?? 0))
        case 6?: .date
        case 7?: .time(.millis)
        case 8?: .time(.micros)
        case 9?: .timestamp(.millis, utc: true)
        case 10?: .timestamp(.micros, utc: true)
        case 13?: .integer(bits: 32, signed: false)
        case 14?: .integer(bits: 64, signed: false)
        case 19?: .json
        default: nil
        }
    }

    func fromIntegers(_ raw: [Int64]) throws -> ParquetValues {
        switch self {
        case .integer, .boolean: return .integers(raw)
        case .unsigned32: return .integers(raw.map { $0 & 0xFFFF_FFFF })
        case .unsigned64:
            guard raw.allSatisfy({ $0 >= 0 }) else {
                throw ParquetError("an unsigned 64-bit value is above \(Int64.max), more than quire's integers hold")
            }
            return .integers(raw)
        case .decimal(let scale):
            let divisor = Self.powerOfTen(scale)
            return .reals(raw.map { Double($0) / divisor })
        case .date: return .texts(raw.map { Self.dateText(days: Int($0)) })
        case .time(let unit): return .texts(raw.map { Self.timeText($0, unit: unit) })
        case .timestamp(let unit, let utc): return .texts(raw.map { Self.timestampText($0, unit: unit, utc: utc) })
        default: throw ParquetError("integers cannot be read as \(self)")
        }
    }

    /// One BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value.
    func text(_ bytes: UnsafeRawBufferPointer) -> String {
        switch self {
        case .string: return String(decoding: bytes, as: UTF8.self)
        case .uuid:
            let hex = ContentHash.hex(bytes)
            let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                String(hex.dropFirst(range.lowerBound).prefix(range.count))
            }
            return parts.joined(separator: "-")
        default:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            return "0x" + ContentHash.hex(bytes)
        }
    }

    /// One byte-array value as a number (decimals, float16).
    func real(_ bytes: UnsafeRawBufferPointer) -> Double {
        if case .float16 = self {
            let bits = UInt16(bytes[0]) | UInt16(bytes[1]) << 8
            return Self.halfToDouble(bits)
        }
        guard case .decimal(let scale) = self, !bytes.isEmpty else { return .nan }
        // Big-endian two's complement, of any length.
        var value = 0.0
        for byte in bytes { value = value * 256 + Double(byte) }
        if bytes[0] & 0x80 != 0 { value -= Self.powerOfTwo(8 * bytes.count) }
        return value / Self.powerOfTen(scale)
    }

    static func int96Text(_ bytes: UnsafeRawBufferPointer) -> String {
        let nanosOfDay = Int64(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)))
        let julianDay = Int64(Int32(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))))
        // Julian day 2440588 is 1970-01-01.
        let days = julianDay - 2_440_588
        let (product, overflow) = days.multipliedReportingOverflow(by: 86_400_000_000_000)
        guard !overflow else { return "" }
        return timestampText(product &+ nanosOfDay, unit: .nanos, utc: false)
    }

    static func dateText(days: Int) -> String {
        let (year, month, day) = CivilDays.date(days: days)
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    static func unitsPerSecond(_ unit: ParquetTimeUnit) -> (Int64, Int) {
        switch unit {
        case .millis: (1_000, 3)
        case .micros: (1_000_000, 6)
        case .nanos: (1_000_000_000, 9)
        }
    }

    /// `2024-03-01T12:30:05Z`, with a fraction in the unit's digits when it is not zero.
    static func timestampText(_ value: Int64, unit: ParquetTimeUnit, utc: Bool) -> String {
        let (perSecond, digits) = unitsPerSecond(unit)
        let seconds = floorDivide(value, perSecond)
        // Wrapping: the product may pass Int64.min, the difference never leaves 0..<perSecond.
        let fraction = value &- seconds &* perSecond
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        var text = dateText(days: Int(days)) + "T" + clockText(secondOfDay)
        if fraction != 0 { text += "." + padded(Int(fraction), digits) }
        return utc ? text + "Z" : text
    }

    static func timeText(_ value: Int64, unit: ParquetTimeUnit) -> String {
        let (perSecond, digits) = unitsPerSecond(unit)
        let seconds = floorDivide(value, perSecond)
        // Wrapping: the product may pass Int64.min, the difference never leaves 0..<perSecond.
        let fraction = value &- seconds &* perSecond
        var text = clockText(Int(seconds % 86_400))
        if fraction != 0 { text += "." + padded(Int(fraction), digits) }
        return text
    }

    private static func clockText(_ secondOfDay: Int) -> String {
        padded(secondOfDay / 3600, 2) + ":" + padded(secondOfDay / 60 % 60, 2) + ":" + padded(secondOfDay % 60, 2)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    private static func powerOfTwo(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 2 }
        return result
    }

    private static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int(bits >> 10 & 0x1F)
        let mantissa = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * powerOfTwoNegative(24)
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    private static func powerOfTwoNegative(_ exponent: Int) -> Double {
        Double(sign: .plus, exponent: -exponent, significand: 1)
    }
}
