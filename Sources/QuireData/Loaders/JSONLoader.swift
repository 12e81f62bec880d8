import QuireDiagnostics

/// `.json` (an array of objects) and `.jsonl` (one object per line) files.
/// Nested objects are flattened into `a.b` columns; arrays are kept as JSON text.
public enum JSONLoader {
    public static func loadArray(_ bytes: [UInt8], path: String) throws -> Table {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw Diagnostic.error(
                at: SourceLocation(path: path, line: error.line, column: error.column), "malformed JSON: \(error.message)")
        }
        guard case .array(let elements) = document else {
            throw Diagnostic.error(
                at: SourceLocation(path: path), "a JSON data file must hold an array of objects",
                hint: "wrap the objects in [ … ], or use .jsonl for one object per line")
        }
        var rows: [[(String, JSONValue)]] = []
        for (i, element) in elements.enumerated() {
            guard case .object(let members) = element else {
                throw Diagnostic.error(
                    at: SourceLocation(path: path), "element \(i) of the array is not an object",
                    hint: "every element becomes one row, so each must be { … }")
            }
            rows.append(members)
        }
        return build(rows)
    }

    public static func loadLines(_ bytes: [UInt8], path: String) throws -> Table {
        var rows: [[(String, JSONValue)]] = []
        var lineStart = 0
        var lineNumber = 1
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let isBlank = bytes[lineStart..<lineEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if !isBlank {
                let value: JSONValue
                do {
                    value = try JSONParser.parse(bytes, range: lineStart..<lineEnd)
                } catch {
                    throw Diagnostic.error(
                        at: SourceLocation(path: path, line: lineNumber, column: error.column),
                        "malformed JSON on this line: \(error.message)", hint: "each line of a .jsonl file must be one complete JSON object"
                    )
                }
                guard case .object(let members) = value else {
                    throw Diagnostic.error(
                        at: SourceLocation(path: path, line: lineNumber), "this line is not a JSON object",
                        hint: "each line becomes one row, so each must be { … }")
                }
                rows.append(members)
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        return build(rows)
    }

    static func build(_ rows: [[(String, JSONValue)]]) -> Table {
        var order: [String] = []
        var builders: [String: ColumnBuilder] = [:]
        for (rowIndex, members) in rows.enumerated() {
            var flat: [(String, JSONValue)] = []
            flatten(members, prefix: "", into: &flat)
            for (key, value) in flat {
                if builders[key] == nil {
                    order.append(key)
                    var builder = ColumnBuilder(name: key)
                    for _ in 0..<rowIndex { builder.append(.null) }
                    builders[key] = builder
                }
                // A key repeated in one object: the last one wins, as in most JSON readers.
                if builders[key]!.cells.count == rowIndex + 1 { builders[key]!.dropLast() }
                builders[key]!.append(cell(value))
            }
            for key in order where builders[key]!.cells.count == rowIndex { builders[key]!.append(.null) }
        }
        return Table(columns: order.map { builders[$0]!.build() })
    }

    private static func flatten(_ members: [(String, JSONValue)], prefix: String, into flat: inout [(String, JSONValue)]) {
        for (key, value) in members {
            let name = prefix.isEmpty ? key : prefix + "." + key
            if case .object(let inner) = value, !inner.isEmpty {
                flatten(inner, prefix: name, into: &flat)
            } else {
                flat.append((name, value))
            }
        }
    }

    private static func cell(_ value: JSONValue) -> ColumnBuilder.Cell {
        switch value {
        case .null: .null
        case .bool(let b): .boolean(b)
        case .integer(let i): .integer(i)
        case .real(let d): .real(d)
        case .string(let s): .text(s)
        case .array, .object: .text(JSONWriter.text(value))
        }
    }
}

/// Compact JSON text of a value, for arrays kept as one cell.
enum JSONWriter {
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .real(let d): return Value.shortest(d)
        case .string(let s): return quoted(s)
        case .array(let items): return "[" + items.map(text).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { quoted($0.0) + ":" + text($0.1) }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
