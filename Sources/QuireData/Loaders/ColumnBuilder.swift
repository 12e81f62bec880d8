/// Collects the cells of one column while a file is read, then settles on the
/// narrowest type that holds every non-null cell: integer, real, boolean, text.
struct ColumnBuilder {
    let name: String
    private(set) var cells: [Cell] = []

    enum Cell: Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case boolean(Bool)
        case text(String)
    }

    init(name: String) { self.name = Self.replacingControls(name) }

    mutating func append(_ cell: Cell) {
        if case .text(let text) = cell { cells.append(.text(Self.replacingControls(text))) } else { cells.append(cell) }
    }

    /// NUL and the other C0 controls (not tab, LF, CR) as U+FFFD: data is
    /// untrusted, and no output it reaches (HTML, SVG, XML, CSV) may carry them.
    /// Returns the text itself, uncopied, when it has none, which is nearly always.
    static func replacingControls(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 9 && $0 != 10 && $0 != 13 }) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.value < 0x20 && scalar.value != 9 && scalar.value != 10 && scalar.value != 13 ? "\u{FFFD}" : scalar
                }))
    }
    mutating func dropLast() { cells.removeLast() }

    /// A CSV cell: empty is null, numbers are numbers, anything else is text.
    mutating func appendInferred(_ raw: Substring) {
        if raw.isEmpty {
            cells.append(.null)
            return
        }
        // " 12" after a comma and a space is still the number 12, as in pandas.
        var number = raw
        while number.first == " " { number.removeFirst() }
        while number.last == " " { number.removeLast() }
        if let i = Int64(number) {
            cells.append(.integer(i))
            return
        }
        if !number.isEmpty, Self.looksNumeric(number), let d = Double(number) {
            cells.append(.real(d))
            return
        }
        cells.append(.text(Self.replacingControls(String(raw))))
    }

    /// Swift's Double(...) accepts "nan", "inf" and hex floats; a CSV author
    /// who writes "nan" or "Infinity" means those too, but "0x1p3" is text.
    private static func looksNumeric(_ raw: Substring) -> Bool {
        let lowered = raw.lowercased()
        if ["nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"].contains(lowered) { return true }
        return raw.utf8.allSatisfy { byte in
            (48...57).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
    }

    func build() -> Column {
        var sawInteger = false
        var sawReal = false
        var sawBoolean = false
        var sawText = false
        for cell in cells {
            switch cell {
            case .null: break
            case .integer: sawInteger = true
            case .real: sawReal = true
            case .boolean: sawBoolean = true
            case .text: sawText = true
            }
        }
        if sawText || (sawBoolean && (sawInteger || sawReal)) {
            return Column(name: name, strings: cells.map(Self.textOf))
        }
        if sawBoolean {
            return Column(name: name, booleans: cells.map { if case .boolean(let b) = $0 { b } else { nil } })
        }
        if sawReal {
            return Column(
                name: name,
                doubles: cells.map {
                    switch $0 {
                    case .integer(let i): Double(i)
                    case .real(let d): d
                    default: nil
                    }
                })
        }
        if sawInteger {
            return Column(name: name, integers: cells.map { if case .integer(let i) = $0 { i } else { nil } })
        }
        // All null: a text column of nulls keeps the column visible.
        return Column(name: name, strings: cells.map { _ in nil })
    }

    private static func textOf(_ cell: Cell) -> String? {
        switch cell {
        case .null: nil
        case .integer(let i): String(i)
        case .real(let d): Value.shortest(d)
        case .boolean(let b): b ? "true" : "false"
        case .text(let s): s
        }
    }
}
