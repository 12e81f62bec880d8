import QuireDiagnostics

/// What an analysis op gives back: the main result (a table or a matrix) and
/// extra tables named `NAME_<suffix>`.
public struct AnalysisResult {
    public var table: Table?
    public var matrix: Matrix?
    public var extras: [(suffix: String, table: Table)] = []

    public init(table: Table? = nil, matrix: Matrix? = nil, extras: [(suffix: String, table: Table)] = []) {
        self.table = table
        self.matrix = matrix
        self.extras = extras
    }
}

/// Where each argument of an analysis was written, so a problem only the data
/// reveals (a misspelt column, a matrix too narrow for `k`) points at the
/// author's word. Arguments given nowhere fall back to the whole body.
package struct ArgumentPlaces {
    package var body: SourceLocation
    package var keys: [String: SourceLocation]
    /// The items of list arguments (`columns: [loss, lss]`), by argument and item.
    package var items: [String: [String: SourceLocation]]

    package init(body: SourceLocation, keys: [String: SourceLocation] = [:], items: [String: [String: SourceLocation]] = [:]) {
        self.body = body
        self.keys = keys
        self.items = items
    }

    package func of(_ key: String) -> SourceLocation { keys[key] ?? body }

    /// Where `value` is written inside `key`'s list; else the key's place.
    package func of(_ key: String, value: String) -> SourceLocation { items[key]?[value] ?? of(key) }

    package func mistyped(_ key: String, _ expected: String) -> Diagnostic {
        .error(at: of(key), "'\(key)' must be \(expected)")
    }
}

/// Column lookups with the errors an author needs ("no column 'phse'; did you mean 'phase'?").
struct TableAccess {
    let table: Table
    let tableName: String
    let places: ArgumentPlaces

    func column(_ name: String, key: String) throws -> Column {
        guard let column = table.column(named: name) else {
            throw Diagnostic.error(
                at: places.of(key, value: name), "no column '\(name)' in table '\(tableName)'",
                hint: Suggestions.didYouMean(name, in: table.columnNames) ?? "columns: \(table.columnNames.joined(separator: ", "))")
        }
        return column
    }

    func numeric(_ name: String, key: String) throws -> [Double?] {
        let column = try column(name, key: key)
        guard column.type.isNumeric || column.type == .boolean else {
            throw Diagnostic.error(at: places.of(key), "column '\(name)' of '\(tableName)' holds text, not numbers")
        }
        return column.doubles
    }

    /// Row indices per group of the `by` columns, groups in order of first appearance.
    func groups(by names: [String], key: String = "by") throws -> [[Int]] {
        guard !names.isEmpty else { return [Array(0..<table.rowCount)] }
        let columns = try names.map { try column($0, key: key) }
        var index: [[Value]: Int] = [:]
        var groups: [[Int]] = []
        for row in 0..<table.rowCount {
            let keyValues = columns.map { $0.values[row] }
            if let existing = index[keyValues] {
                groups[existing].append(row)
            } else {
                index[keyValues] = groups.count
                groups.append([row])
            }
        }
        return groups
    }

    /// `rows` sorted by the numeric or text column `order` (stable; nulls last).
    func sorted(_ rows: [Int], by order: String?, key: String = "order") throws -> [Int] {
        guard let order else { return rows }
        let column = try column(order, key: key)
        if column.type == .text {
            guard case .text(let texts) = column.values else { return rows }
            return rows.enumerated().sorted { a, b in
                switch (texts[a.element], texts[b.element]) {
                case (let x?, let y?): return x == y ? a.offset < b.offset : x < y
                case (nil, nil): return a.offset < b.offset
                case (nil, _): return false
                case (_, nil): return true
                }
            }.map(\.element)
        }
        let keys = column.doubles
        return rows.enumerated().sorted { a, b in
            switch (keys[a.element], keys[b.element]) {
            case (let x?, let y?): return x == y ? a.offset < b.offset : x < y
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return false
            case (_, nil): return true
            }
        }.map(\.element)
    }
}

/// SplitMix64: a small, fully specified generator, so a seed gives the same
/// permutation on every machine and in the reference scripts of the tests.
public struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<bound without modulo bias worth caring about (multiply-high).
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Fisher–Yates from the last position down.
    static func permutation(count: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            order.swapAt(i, generator.below(i + 1))
            i -= 1
        }
        return order
    }
}

extension Table {
    /// A copy with `column` appended, renaming it if the name is taken.
    func appending(_ column: Column) -> Table {
        var copy = columns
        var named = column
        var suffix = 2
        while copy.contains(where: { $0.name == named.name }) {
            named.name = "\(column.name)_\(suffix)"
            suffix += 1
        }
        copy.append(named)
        return Table(columns: copy)
    }
}
