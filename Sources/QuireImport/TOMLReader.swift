import Foundation
import QuireDiagnostics

/// Enough TOML for Hugo's config files and `+++` front matter: tables,
/// arrays of tables, dotted and quoted keys, basic, literal and multi-line
/// strings, numbers, booleans, dates (kept as text), arrays and inline tables.
struct TOMLReader {
    private let bytes: [UInt8]
    private let path: String
    private let lineOffset: Int
    private var position = 0
    private var line = 1

    static func read(_ text: String, path: String, lineOffset: Int = 0) throws -> ImportValue {
        var reader = TOMLReader(bytes: Array(text.utf8), path: path, lineOffset: lineOffset)
        return try reader.document()
    }

    private init(bytes: [UInt8], path: String, lineOffset: Int) {
        self.bytes = bytes
        self.path = path
        self.lineOffset = lineOffset
    }

    /// The document as nested tables; `table` is the path of the current `[header]`.
    private mutating func document() throws -> ImportValue {
        var root = ImportValue.table([])
        var table: [String] = []
        while true {
            skipBlankAndComments()
            guard let byte = peek else { break }
            if byte == UInt8(ascii: "[") {
                position += 1
                let isArray = peek == UInt8(ascii: "[")
                if isArray { position += 1 }
                table = try keyPath()
                try expect("]")
                if isArray {
                    try expect("]")
                    try Self.appendTable(at: table, in: &root)
                } else {
                    try Self.insert(.table([]), at: table, in: &root, replace: false)
                }
            } else {
                let key = try keyPath()
                skipSpaces()
                try expect("=")
                skipSpaces()
                let value = try self.value()
                try Self.insert(value, at: table + key, in: &root, replace: true)
            }
            skipSpaces()
            if peek == UInt8(ascii: "#") { skipComment() }
            guard peek == nil || peek == 10 || peek == 13 else { throw problem("expected the end of the line") }
        }
        return root
    }

    // MARK: Tables

    private static func insert(_ value: ImportValue, at keys: [String], in table: inout ImportValue, replace: Bool) throws {
        guard case .table(var entries) = table, let first = keys.first else { return }
        let index = entries.firstIndex { $0.key == first }
        if keys.count == 1 {
            if let index {
                if replace { entries[index].value = value }
            } else {
                entries.append((first, value))
            }
        } else {
            var child = index.map { entries[$0].value } ?? .table([])
            // `[[a]]` then `[a.b]` or `a.b = 1` goes into a's last element.
            if case .list(var items) = child, var last = items.popLast() {
                try insert(value, at: Array(keys.dropFirst()), in: &last, replace: replace)
                items.append(last)
                child = .list(items)
            } else {
                try insert(value, at: Array(keys.dropFirst()), in: &child, replace: replace)
            }
            if let index { entries[index].value = child } else { entries.append((first, child)) }
        }
        table = .table(entries)
    }

    private static func appendTable(at keys: [String], in table: inout ImportValue) throws {
        guard case .table(var entries) = table, let first = keys.first else { return }
        let index = entries.firstIndex { $0.key == first }
        if keys.count == 1 {
            var items: [ImportValue] = []
            if let index, case .list(let existing) = entries[index].value { items = existing }
            items.append(.table([]))
            if let index { entries[index].value = .list(items) } else { entries.append((first, .list(items))) }
        } else {
            var child = index.map { entries[$0].value } ?? .table([])
            if case .list(var items) = child, var last = items.popLast() {
                try appendTable(at: Array(keys.dropFirst()), in: &last)
                items.append(last)
                child = .list(items)
            } else {
                try appendTable(at: Array(keys.dropFirst()), in: &child)
            }
            if let index { entries[index].value = child } else { entries.append((first, child)) }
        }
        table = .table(entries)
    }

    // MARK: Keys and values

    private mutating func keyPath() throws -> [String] {
        var keys: [String] = []
        repeat {
            skipSpaces()
            keys.append(try key())
            skipSpaces()
        } while skip(".")
        return keys
    }

    private mutating func key() throws -> String {
        if peek == UInt8(ascii: "\"") { return try basicString() }
        if peek == UInt8(ascii: "'") { return try literalString() }
        let start = position
        while let byte = peek, Self.isBareKey(byte) { position += 1 }
        guard position > start else { throw problem("expected a key") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func value() throws -> ImportValue {
        guard let byte = peek else { throw problem("expected a value") }
        switch byte {
        case UInt8(ascii: "\""): return .text(try basicString())
        case UInt8(ascii: "'"): return .text(try literalString())
        case UInt8(ascii: "["):
            position += 1
            var items: [ImportValue] = []
            while true {
                skipBlankAndComments()
                if skip("]") { return .list(items) }
                items.append(try value())
                skipBlankAndComments()
                if skip("]") { return .list(items) }
                try expect(",")
            }
        case UInt8(ascii: "{"):
            position += 1
            var table = ImportValue.table([])
            skipSpaces()
            if skip("}") { return table }
            repeat {
                let keys = try keyPath()
                try expect("=")
                skipSpaces()
                try Self.insert(try value(), at: keys, in: &table, replace: true)
                skipSpaces()
            } while skip(",")
            try expect("}")
            return table
        default:
            let start = position
            while let byte = peek, byte != UInt8(ascii: ","), byte != UInt8(ascii: "]"), byte != UInt8(ascii: "}"),
                byte != UInt8(ascii: "#"), byte != 10, byte != 13
            {
                position += 1
            }
            let word = String(decoding: bytes[start..<position], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "": throw problem("expected a value")
            default:
                // Numbers as written (underscores dropped); dates and times stay text.
                let number = word.replacingOccurrences(of: "_", with: "")
                return Double(number) != nil || Int(number.dropFirst(2), radix: 16) != nil ? .number(number) : .text(word)
            }
        }
    }

    private mutating func basicString() throws -> String {
        let multiline = starts(with: "\"\"\"")
        position += multiline ? 3 : 1
        if multiline { skipNewline() }
        var text: [UInt8] = []
        while let byte = peek {
            if multiline ? starts(with: "\"\"\"") && !starts(with: "\"\"\"\"") : byte == UInt8(ascii: "\"") {
                position += multiline ? 3 : 1
                return String(decoding: text, as: UTF8.self)
            }
            if byte == 10 {
                guard multiline else { throw problem("a string must end on its line") }
                line += 1
            }
            position += 1
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                continue
            }
            guard let escaped = peek else { break }
            position += 1
            switch escaped {
            case UInt8(ascii: "n"): text.append(10)
            case UInt8(ascii: "t"): text.append(9)
            case UInt8(ascii: "r"): text.append(13)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(escaped)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = escaped == UInt8(ascii: "u") ? 4 : 8
                guard position + count <= bytes.count,
                    let code = UInt32(String(decoding: bytes[position..<(position + count)], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(code)
                else { throw problem("bad \\u escape") }
                position += count
                text += Array(String(Character(scalar)).utf8)
            case 10, 13, 32,
                9 where multiline:
                // A backslash at the end of a line joins it to the next.
                position -= 1
                while let next = peek, next == 10 || next == 13 || next == 32 || next == 9 {
                    if next == 10 { line += 1 }
                    position += 1
                }
            default: throw problem("unknown escape '\\\(Character(Unicode.Scalar(escaped)))'")
            }
        }
        throw problem("string is not closed")
    }

    private mutating func literalString() throws -> String {
        let multiline = starts(with: "'''")
        position += multiline ? 3 : 1
        if multiline { skipNewline() }
        let start = position
        while let byte = peek {
            if multiline ? starts(with: "'''") && !starts(with: "''''") : byte == UInt8(ascii: "'") {
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                position += multiline ? 3 : 1
                return text
            }
            if byte == 10 {
                guard multiline else { throw problem("a string must end on its line") }
                line += 1
            }
            position += 1
        }
        throw problem("string is not closed")
    }

    // MARK: Scanning

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func starts(with text: String) -> Bool {
        let pattern = Array(text.utf8)
        return position + pattern.count <= bytes.count && Array(bytes[position..<(position + pattern.count)]) == pattern
    }

    private mutating func skip(_ character: Character) -> Bool {
        guard peek == character.asciiValue else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ character: Character) throws {
        skipSpaces()
        guard skip(character) else { throw problem("expected '\(character)'") }
    }

    private mutating func skipSpaces() {
        while peek == 32 || peek == 9 { position += 1 }
    }

    private mutating func skipNewline() {
        if peek == 13 { position += 1 }
        if peek == 10 {
            position += 1
            line += 1
        }
    }

    private mutating func skipComment() {
        while let byte = peek, byte != 10 { position += 1 }
    }

    private mutating func skipBlankAndComments() {
        while let byte = peek {
            switch byte {
            case 32, 9, 13: position += 1
            case 10:
                position += 1
                line += 1
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95
    }

    private func problem(_ message: String) -> Diagnostic {
        .error(at: SourceLocation(path: path, line: lineOffset + line), "TOML could not be read: \(message)")
    }
}
