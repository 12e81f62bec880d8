/// A column-oriented table: every column has one type and may hold nulls.
/// Directives pass these between each other; charts and HTML tables read them.
public struct Table: Sendable, Equatable {
    public private(set) var columns: [Column]
    public let rowCount: Int

    public init(columns: [Column]) {
        precondition(Set(columns.map(\.values.count)).count <= 1, "columns of one table must have equal length")
        self.columns = columns
        self.rowCount = columns.first?.values.count ?? 0
    }

    public var columnNames: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }

    public func value(row: Int, column name: String) -> Value? {
        column(named: name)?.values[row]
    }

    /// Rows picked (and possibly reordered) by index.
    public func rows(_ indices: some Sequence<Int>) -> Table {
        let picked = Array(indices)
        return Table(columns: columns.map { $0.picking(picked) })
    }
}

/// A named, typed column. Values are stored as a tagged array so a column of
/// numbers never costs a string per cell.
public struct Column: Sendable, Equatable {
    public var name: String
    public var values: ColumnValues

    public init(name: String, values: ColumnValues) {
        self.name = name
        self.values = values
    }

    public init(name: String, doubles: [Double?]) { self.init(name: name, values: .real(doubles)) }
    public init(name: String, integers: [Int64?]) { self.init(name: name, values: .integer(integers)) }
    public init(name: String, strings: [String?]) { self.init(name: name, values: .text(strings)) }
    public init(name: String, booleans: [Bool?]) { self.init(name: name, values: .boolean(booleans)) }

    public var type: ColumnType { values.type }
    public var count: Int { values.count }

    /// Numbers as doubles (booleans as 0/1); text and nulls are nil.
    public var doubles: [Double?] { values.doubles }

    func picking(_ indices: [Int]) -> Column {
        Column(name: name, values: values.picking(indices))
    }
}

public enum ColumnType: String, Sendable, Equatable {
    case integer, real, text, boolean

    public var isNumeric: Bool { self == .integer || self == .real }
}

public enum ColumnValues: Sendable, Equatable {
    case integer([Int64?])
    case real([Double?])
    case text([String?])
    case boolean([Bool?])

    public var type: ColumnType {
        switch self {
        case .integer: .integer
        case .real: .real
        case .text: .text
        case .boolean: .boolean
        }
    }

    public var count: Int {
        switch self {
        case .integer(let v): v.count
        case .real(let v): v.count
        case .text(let v): v.count
        case .boolean(let v): v.count
        }
    }

    public subscript(row: Int) -> Value {
        switch self {
        case .integer(let v): v[row].map(Value.integer) ?? .null
        case .real(let v): v[row].map(Value.real) ?? .null
        case .text(let v): v[row].map(Value.text) ?? .null
        case .boolean(let v): v[row].map(Value.boolean) ?? .null
        }
    }

    public var doubles: [Double?] {
        switch self {
        case .integer(let v): v.map { $0.map(Double.init) }
        case .real(let v): v
        case .text(let v): v.map { _ in nil }
        case .boolean(let v): v.map { $0.map { $0 ? 1 : 0 } }
        }
    }

    func picking(_ indices: [Int]) -> ColumnValues {
        switch self {
        case .integer(let v): .integer(indices.map { v[$0] })
        case .real(let v): .real(indices.map { v[$0] })
        case .text(let v): .text(indices.map { v[$0] })
        case .boolean(let v): .boolean(indices.map { v[$0] })
        }
    }
}

/// One cell.
public enum Value: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)

    public var isNull: Bool { self == .null }

    public var double: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .real(let d): d
        case .boolean(let b): b ? 1 : 0
        case .null, .text: nil
        }
    }

    /// Plain text for CSV cells, descriptions and labels (no formatting applied).
    public var text: String {
        switch self {
        case .null: ""
        case .integer(let i): String(i)
        case .real(let d): Value.shortest(d)
        case .text(let s): s
        case .boolean(let b): b ? "true" : "false"
        }
    }

    /// Shortest round-tripping form, without a trailing ".0" for whole numbers.
    static func shortest(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
