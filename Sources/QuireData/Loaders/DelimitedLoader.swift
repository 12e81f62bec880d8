import QuireDiagnostics

/// CSV (RFC 4180) and TSV files: a header row, quoted fields with doubled
/// quotes and embedded line breaks, CRLF or LF endings. Every record must have
/// as many fields as the header; a ragged one is an error at its own line.
public enum DelimitedLoader {
    /// SQLite's own ceiling is 32,767 columns (its default limit is 2,000).
    static let maxColumns = 32_767
    /// A column name longer than this is a file that is not a table (a
    /// 200 MB line with no separator), refused before it is all copied.
    static let maxNameBytes = 4_096

    /// Linear in the file's size: each byte is looked at once, and header
    /// names are checked for repeats with a set.
    public static func load(_ bytes: [UInt8], separator: UInt8, path: String) throws -> Table {
        var parser = Parser(bytes: bytes, separator: separator, path: path)
        guard let header = try parser.nextRecord(maxFields: maxColumns, maxFieldBytes: maxNameBytes) else {
            throw Diagnostic.error(at: SourceLocation(path: path), "the file is empty; a header row is expected")
        }
        var names: [String] = []
        var seen = Set<String>()
        for (index, field) in header.fields.enumerated() {
            var name = field.trimmingCharacters(in: " \t")
            if index == 0, name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            if name.isEmpty { name = "column\(index + 1)" }
            name = ColumnBuilder.replacingControls(name)
            if !seen.insert(name).inserted {
                throw Diagnostic.error(
                    at: SourceLocation(path: path, line: header.line), "the header names column '\(name)' twice",
                    hint: "give every column a distinct name")
            }
            names.append(name)
        }
        var builders = names.map(ColumnBuilder.init(name:))
        while let record = try parser.nextRecord() {
            // A blank last line is not a record.
            if record.fields.count == 1, record.fields[0].isEmpty, names.count > 1 { continue }
            guard record.fields.count == names.count else {
                throw Diagnostic.error(
                    at: SourceLocation(path: path, line: record.line),
                    "this row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s") but the header has \(names.count)",
                    hint: "quote fields that contain '\(separator == 9 ? "\\t" : ",")' with double quotes")
            }
            for (i, field) in record.fields.enumerated() {
                builders[i].appendInferred(Substring(field))
            }
        }
        return Table(columns: builders.map { $0.build() })
    }

    struct Record {
        var fields: [String]
        var quoted: [Bool]
        var line: Int
    }

    struct Parser {
        let bytes: [UInt8]
        let separator: UInt8
        let path: String
        var index = 0
        var line = 1

        init(bytes: [UInt8], separator: UInt8, path: String) {
            self.bytes = bytes
            self.separator = separator
            self.path = path
        }

        /// Past `maxFields` fields the record is refused at once, before the rest
        /// of a runaway line is read.
        mutating func nextRecord(maxFields: Int = .max, maxFieldBytes: Int = .max) throws -> Record? {
            guard index < bytes.count else { return nil }
            let startLine = line
            var fields: [String] = []
            var quoted: [Bool] = []
            var field: [UInt8] = []
            var wasQuoted = false
            let quote = UInt8(ascii: "\"")
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote && field.isEmpty && !wasQuoted {
                    wasQuoted = true
                    index += 1
                    let openLine = line
                    var closed = false
                    while index < bytes.count {
                        let inner = bytes[index]
                        if inner == quote {
                            if index + 1 < bytes.count && bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if inner == UInt8(ascii: "\n") { line += 1 }
                        field.append(inner)
                        if field.count > maxFieldBytes { throw fieldTooLong(maxFieldBytes, line: startLine) }
                        index += 1
                    }
                    if !closed {
                        throw Diagnostic.error(
                            at: SourceLocation(path: path, line: openLine), "a quoted field is never closed",
                            hint: "a quote inside a quoted field is written as two quotes (\"\")")
                    }
                    continue
                }
                if byte == separator {
                    fields.append(Self.decode(field))
                    quoted.append(wasQuoted)
                    if fields.count >= maxFields {
                        throw Diagnostic.error(
                            at: SourceLocation(path: path, line: startLine),
                            "this row has more than \(maxFields) fields; quire reads at most \(maxFields) columns",
                            hint: "is this really a CSV file? a table this wide cannot be queried or charted")
                    }
                    field.removeAll(keepingCapacity: true)
                    wasQuoted = false
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    index += 1
                    if byte == UInt8(ascii: "\r"), index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                    line += 1
                    fields.append(Self.decode(field))
                    quoted.append(wasQuoted)
                    return Record(fields: fields, quoted: quoted, line: startLine)
                }
                if wasQuoted {
                    throw Diagnostic.error(
                        at: SourceLocation(path: path, line: line), "text follows a closing quote",
                        hint: "a quote inside a quoted field is written as two quotes (\"\")")
                }
                field.append(byte)
                if field.count > maxFieldBytes { throw fieldTooLong(maxFieldBytes, line: startLine) }
                index += 1
            }
            fields.append(Self.decode(field))
            quoted.append(wasQuoted)
            return Record(fields: fields, quoted: quoted, line: startLine)
        }

        func fieldTooLong(_ limit: Int, line: Int) -> Diagnostic {
            .error(
                at: SourceLocation(path: path, line: line), "a header field is longer than \(limit) bytes",
                hint: "is this really a CSV file with a header row?")
        }

        static func decode(_ bytes: [UInt8]) -> String {
            String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
