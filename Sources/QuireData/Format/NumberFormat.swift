/// d3-format specifiers (`,.0f`, `.1%`, `.3s`, `.2e`, `d`, `+.2f`, `$,.2f`,
/// `08.3f`, `.3~s` …) with d3's en-US locale: `,` groups thousands, `−`
/// (U+2212) is the minus sign, SI prefixes use `µ`.
public struct NumberFormat: Sendable, Equatable {
    public struct InvalidSpecifier: Error, Equatable {
        public var specifier: String
    }

    public var fill: Character = " "
    public var align: Character = ">"
    public var sign: Character = "-"
    public var symbol: Character?
    public var zero = false
    public var width: Int?
    public var comma = false
    public var precision: Int?
    public var trim = false
    public var type: Character?

    static let types: Set<Character> = ["e", "f", "g", "r", "s", "%", "p", "d", "b", "o", "x", "X", "c", "n"]
    static let prefixes = ["y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"]
    static let minus = "\u{2212}"

    /// The specifier `.{precision}{~}{type}`, for formats built in code.
    public init(type: Character?, precision: Int?, trim: Bool = false) {
        self.type = type
        self.precision = precision
        self.trim = trim
    }

    public init(_ specifier: String) throws(InvalidSpecifier) {
        var rest = Substring(specifier)
        let aligns: Set<Character> = ["<", ">", "=", "^"]
        if rest.count >= 2, aligns.contains(rest[rest.index(after: rest.startIndex)]) {
            fill = rest.removeFirst()
            align = rest.removeFirst()
        } else if let first = rest.first, aligns.contains(first) {
            align = rest.removeFirst()
        }
        if let first = rest.first, "+-( ".contains(first) { sign = rest.removeFirst() }
        if let first = rest.first, first == "$" || first == "#" { symbol = rest.removeFirst() }
        if rest.first == "0" {
            zero = true
            rest.removeFirst()
        }
        let widthDigits = rest.prefix(while: \.isASCIIDigit)
        if !widthDigits.isEmpty {
            guard let value = Int(widthDigits), value <= 1000 else { throw InvalidSpecifier(specifier: specifier) }
            width = value
            rest = rest.dropFirst(widthDigits.count)
        }
        if rest.first == "," {
            comma = true
            rest.removeFirst()
        }
        if rest.first == "." {
            rest.removeFirst()
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, let value = Int(digits.prefix(4)) else { throw InvalidSpecifier(specifier: specifier) }
            precision = value
            rest = rest.dropFirst(digits.count)
        }
        if rest.first == "~" {
            trim = true
            rest.removeFirst()
        }
        if let first = rest.first {
            guard Self.types.contains(first) else { throw InvalidSpecifier(specifier: specifier) }
            type = first
            rest.removeFirst()
        }
        guard rest.isEmpty else { throw InvalidSpecifier(specifier: specifier) }
    }

    public func format(_ value: Double) -> String {
        var type = self.type
        var precision = self.precision
        var comma = self.comma
        var trim = self.trim
        var fill = self.fill
        var align = self.align
        var zero = self.zero
        if type == "n" {
            comma = true
            type = "g"
        } else if type == nil {
            if precision == nil { precision = 12 }
            trim = true
            type = "g"
        }
        if zero || (fill == "0" && align == "=") {
            zero = true
            fill = "0"
            align = "="
        }
        let kind = type ?? "g"
        var prefix = symbol == "$" ? "$" : (symbol == "#" && "boxX".contains(kind) ? "0" + kind.lowercased() : "")
        var suffix = "%p".contains(kind) ? "%" : ""
        let maybeSuffix = "defgprs%".contains(kind)
        let digits: Int
        if let precision {
            digits = "gprs".contains(kind) ? max(1, min(21, precision)) : max(0, min(20, precision))
        } else {
            digits = 6
        }

        let negative = value < 0 || (value == 0 && value.sign == .minus)
        var prefixExponent = 0
        var body: String
        if value.isNaN {
            body = "NaN"
        } else if kind == "c" {
            body = Value.shortest(value)
        } else {
            body = Self.formatType(kind, abs(value), digits, prefixExponent: &prefixExponent)
        }
        if trim { body = Self.trimmed(body) }
        var showNegative = negative && !value.isNaN
        if showNegative, Double(body) == 0, sign != "+" { showNegative = false }
        prefix = (showNegative ? (sign == "(" ? "(" : Self.minus) : (sign == "-" || sign == "(" ? "" : String(sign))) + prefix
        suffix =
            (kind == "s" && !value.isNaN ? Self.prefixes[8 + prefixExponent / 3] : "") + suffix + (showNegative && sign == "(" ? ")" : "")
        if maybeSuffix, let cut = body.firstIndex(where: { !$0.isASCIIDigit }) {
            suffix = String(body[cut...]) + suffix
            body = String(body[..<cut])
        }
        if comma && !zero { body = Self.group(body, width: .max) }
        let width = self.width ?? 0
        let length = prefix.count + body.count + suffix.count
        var padding = length < width ? String(repeating: fill, count: width - length) : ""
        if comma && zero {
            body = Self.group(padding + body, width: padding.isEmpty ? .max : width - suffix.count)
            padding = ""
        }
        switch align {
        case "<": return prefix + body + suffix + padding
        case "=": return prefix + padding + body + suffix
        case "^":
            let half = padding.count / 2
            return String(padding.prefix(half)) + prefix + body + suffix + String(padding.dropFirst(half))
        default: return padding + prefix + body + suffix
        }
    }

    private static func formatType(_ kind: Character, _ x: Double, _ p: Int, prefixExponent: inout Int) -> String {
        guard x.isFinite else { return "Infinity" }
        switch kind {
        case "%": return JavaScriptNumber.toFixed(x * 100, p)
        case "f": return JavaScriptNumber.toFixed(x, p)
        case "e": return JavaScriptNumber.toExponential(x, p)
        case "g": return JavaScriptNumber.toPrecision(x, p)
        case "r": return rounded(x, p)
        case "p": return rounded(x * 100, p)
        case "s": return siPrefixed(x, p, prefixExponent: &prefixExponent)
        case "d": return JavaScriptNumber.toFixed(x, 0)
        case "b", "o", "x", "X":
            let radix = kind == "b" ? 2 : kind == "o" ? 8 : 16
            let whole = x.rounded(.toNearestOrAwayFromZero)
            guard whole < 9.2e18 else { return JavaScriptNumber.toFixed(x, 0) }
            let text = String(Int64(whole), radix: radix)
            return kind == "X" ? text.uppercased() : text
        default: return JavaScriptNumber.toPrecision(x, p)
        }
    }

    /// d3's formatRounded: `p` significant digits in plain decimal notation.
    private static func rounded(_ x: Double, _ p: Int) -> String {
        let (digits, exponent) = DecimalDigits(x).significant(p)
        let coefficient = JavaScriptNumber.text(digits)
        if exponent < 0 { return "0." + String(repeating: "0", count: -exponent - 1) + coefficient }
        if coefficient.count > exponent + 1 {
            return String(coefficient.prefix(exponent + 1)) + "." + String(coefficient.dropFirst(exponent + 1))
        }
        return coefficient + String(repeating: "0", count: exponent - coefficient.count + 1)
    }

    /// d3's formatPrefixAuto: `p` significant digits scaled to an SI prefix.
    private static func siPrefixed(_ x: Double, _ p: Int, prefixExponent: inout Int) -> String {
        let (digits, exponent) = DecimalDigits(x).significant(p)
        let coefficient = JavaScriptNumber.text(digits)
        prefixExponent = max(-8, min(8, Int((Double(exponent) / 3).rounded(.down)))) * 3
        let i = exponent - prefixExponent + 1
        let n = coefficient.count
        if i == n { return coefficient }
        if i > n { return coefficient + String(repeating: "0", count: i - n) }
        if i > 0 { return String(coefficient.prefix(i)) + "." + String(coefficient.dropFirst(i)) }
        // Less than 1y: d3 pads with -i zeros, then the value's own digits.
        let tail: String
        if p + i - 1 > 0 {
            tail = JavaScriptNumber.text(DecimalDigits(x).significant(p + i - 1).digits)
        } else {
            let mantissa = "\(x)".split(separator: "e").first ?? ""
            tail = String(mantissa.filter(\.isASCIIDigit).drop(while: { $0 == "0" }))
        }
        return "0." + String(repeating: "0", count: -i) + tail
    }

    /// d3's formatTrim: drops insignificant trailing zeros of the fraction.
    static func trimmed(_ s: String) -> String {
        let characters = Array(s)
        var start = -1
        var end = -1
        var i = 1
        scan: while i < characters.count {
            switch characters[i] {
            case ".":
                start = i
                end = i
            case "0":
                if start == 0 { start = i }
                end = i
            default:
                guard characters[i].isASCIIDigit else { break scan }
                if start > 0 { start = 0 }
            }
            i += 1
        }
        guard start > 0 else { return s }
        return String(characters[..<start]) + String(characters[(end + 1)...])
    }

    /// Thousands separators, in groups of three, within `width` characters.
    static func group(_ value: String, width: Int) -> String {
        let characters = Array(value)
        var groups: [String] = []
        var i = characters.count
        var length = 0
        while i > 0 {
            var size = 3
            if length + size + 1 > width { size = max(1, width - length) }
            let start = max(0, i - size)
            groups.append(String(characters[start..<i]))
            i -= size
            length += size + 1
            if length > width { break }
        }
        return groups.reversed().joined(separator: ",")
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
