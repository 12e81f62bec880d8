import Foundation
import QuireData
import QuireDiagnostics

/// `{{ NAME.column | max | fmt ".1%" }}` in prose — PRODUCT §3 "Inline values".
public enum InlineValues {
    static let aggregates = ["sum", "mean", "median", "min", "max", "count", "first", "last"]

    /// Evaluates the text between `{{` and `}}` against the post's tables.
    public static func evaluate(_ expression: String, at location: SourceLocation, in context: DirectiveContext) throws -> String {
        if let foreign = ForeignTemplateSyntax.diagnostic(expression, at: location, tableNames: context.scope.names) { throw foreign }
        let stages = splitPipes(expression)
        guard let reference = stages.first?.trimmingCharacters(in: .whitespaces), !reference.isEmpty else {
            throw Diagnostic.error(at: location, "an inline value needs a table and column", hint: "write {{ NAME.column }}")
        }
        let (tableName, columnName, index) = try parseReference(reference, at: location)
        let tableWord = place(of: tableName, in: expression, at: location)
        let table = try context.scope.table(named: tableName, at: tableWord)
        guard let column = table.column(named: columnName) else {
            let columnWord = place(of: columnName, in: expression, after: tableWord.column - location.column - 1, at: location)
            throw Diagnostic.error(
                at: columnWord, "no column '\(columnName)' in table '\(tableName)'",
                hint: Suggestions.didYouMean(columnName, in: table.columnNames) ?? "columns: \(table.columnNames.joined(separator: ", "))")
        }
        var value: Value
        var aggregated = false
        var format: NumberFormat?
        if let index {
            let row = index < 0 ? table.rowCount + index : index
            guard row >= 0, row < table.rowCount else {
                throw Diagnostic.error(
                    at: location,
                    "row \(index) is outside table '\(tableName)', which has \(table.rowCount) row\(table.rowCount == 1 ? "" : "s")")
            }
            value = column.values[row]
        } else {
            guard table.rowCount > 0 || stages.count > 1 else {
                throw Diagnostic.error(at: location, "table '\(tableName)' has no rows")
            }
            value = table.rowCount > 0 ? column.values[0] : .null
        }
        for stage in stages.dropFirst() {
            let words = stage.trimmingCharacters(in: .whitespaces)
            if words.hasPrefix("fmt") {
                guard format == nil else { throw Diagnostic.error(at: location, "'fmt' may appear only once") }
                format = try parseFormat(String(words.dropFirst(3)), at: location)
                continue
            }
            guard format == nil else { throw Diagnostic.error(at: location, "'fmt' must come last in an inline value") }
            guard index == nil, !aggregated else {
                throw Diagnostic.error(
                    at: location, "'\(words)' needs a whole column; it cannot follow \(aggregated ? "another summary" : "a row index")")
            }
            guard aggregates.contains(words) else {
                let pipe = expression.firstIndex(of: "|").map { expression.distance(from: expression.startIndex, to: $0) } ?? 0
                throw Diagnostic.error(
                    at: place(of: words, in: expression, after: pipe, at: location), "unknown summary '\(words)'",
                    hint: Suggestions.didYouMean(words, in: aggregates + ["fmt"])
                        ?? "accepted: \(aggregates.joined(separator: ", ")), fmt \"…\"")
            }
            value = try aggregate(words, of: column, tableName: tableName, at: location)
            aggregated = true
        }
        return text(value, format: format)
    }

    /// Where `word` is written inside `{{ … }}` (`location` is the opening
    /// braces), so a caret points at the word rather than the braces.
    static func place(of word: String, in expression: String, after offset: Int = -1, at location: SourceLocation) -> SourceLocation {
        let start = expression.index(expression.startIndex, offsetBy: max(0, min(offset + 1, expression.count)))
        guard !word.isEmpty, let range = expression[start...].range(of: word, options: .caseInsensitive) else { return location }
        return location.advanced(
            lines: 0, column: location.column + 2 + expression.distance(from: expression.startIndex, to: range.lowerBound))
    }

    static func splitPipes(_ expression: String) -> [String] {
        var parts: [String] = [""]
        var inQuote: Character?
        for character in expression {
            if let open = inQuote {
                if character == open { inQuote = nil }
            } else if character == "\"" || character == "'" {
                inQuote = character
            } else if character == "|" {
                parts.append("")
                continue
            }
            parts[parts.count - 1].append(character)
        }
        return parts
    }

    static func parseReference(_ reference: String, at location: SourceLocation) throws -> (String, String, Int?) {
        var text = Substring(reference)
        var index: Int?
        if text.hasSuffix("]"), let open = text.lastIndex(of: "[") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
            guard let value = Int(inside) else {
                throw Diagnostic.error(at: location, "'[\(inside)]' is not a row number", hint: "rows count from 0; -1 is the last row")
            }
            index = value
            text = text[..<open]
        }
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
            throw Diagnostic.error(at: location, "'\(reference)' does not name a column", hint: "write {{ NAME.column }}")
        }
        let table = String(text[..<dot]).trimmingCharacters(in: .whitespaces).lowercased()
        let column = String(text[text.index(after: dot)...]).trimmingCharacters(in: .whitespaces)
        return (table, column, index)
    }

    static func parseFormat(_ argument: String, at location: SourceLocation) throws -> NumberFormat {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, let quote = trimmed.first, quote == "\"" || quote == "'", trimmed.last == quote else {
            throw Diagnostic.error(at: location, "fmt needs a quoted d3-format specifier", hint: "for example | fmt \",.0f\"")
        }
        let specifier = String(trimmed.dropFirst().dropLast())
        do { return try NumberFormat(specifier) } catch {
            throw Diagnostic.error(
                at: location, "'\(specifier)' is not a d3-format specifier", hint: "for example ',.0f', '.1%', '.3s', '.2e' or 'd'")
        }
    }

    static func aggregate(_ name: String, of column: Column, tableName: String, at location: SourceLocation) throws -> Value {
        let present = (0..<column.count).map { column.values[$0] }.filter { !$0.isNull }
        switch name {
        case "count": return .integer(Int64(present.count))
        case "first": return present.first ?? .null
        case "last": return present.last ?? .null
        default: break
        }
        guard column.type.isNumeric || column.type == .boolean else {
            throw Diagnostic.error(at: location, "'\(name)' needs numbers but column '\(column.name)' of '\(tableName)' holds text")
        }
        let numbers = present.compactMap(\.double).filter { !$0.isNaN }
        guard !numbers.isEmpty else { return .null }
        switch name {
        case "sum":
            let total = numbers.reduce(0, +)
            return column.type == .integer ? .integer(Int64(exactly: total) ?? 0) : .real(total)
        case "mean": return .real(numbers.reduce(0, +) / Double(numbers.count))
        case "median":
            let sorted = numbers.sorted()
            let middle = sorted.count / 2
            return .real(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
        default:
            // Integers compared as integers: Int64.max through Double rounds up
            // past Int64.max and trapped (found by FuzzInlineValues).
            if column.type == .integer {
                let integers = present.compactMap { value -> Int64? in if case .integer(let i) = value { i } else { nil } }
                return (name == "min" ? integers.min() : integers.max()).map(Value.integer) ?? .null
            }
            return .real((name == "min" ? numbers.min() : numbers.max()) ?? 0)
        }
    }

    static let plain = try? NumberFormat("")

    static func text(_ value: Value, format: NumberFormat?) -> String {
        switch value {
        case .integer(let i): return format.map { $0.format(Double(i)) } ?? String(i)
        case .real(let d): return (format ?? plain).map { $0.format(d) } ?? value.text
        default: return value.text
        }
    }
}
