import CSQLite

/// A thin owner of one `sqlite3*` connection: open, run, read results into a
/// `Table`, load a `Table` in. Errors come back as `SQLiteError` for the caller
/// to place in the author's file.
final class SQLiteDatabase {
    struct SQLiteError: Error {
        var code: Int32
        var message: String
        /// Byte offset in the SQL text of the problem, when SQLite knows it.
        var offset: Int?
    }

    let handle: OpaquePointer

    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens an existing database file read-only (never creating it).
    static func openReadOnly(path: String) throws(SQLiteError) -> SQLiteDatabase {
        try open(path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
    }

    /// Opens or creates a database file for writing (tests and tools, never a query).
    static func openForWriting(path: String) throws(SQLiteError) -> SQLiteDatabase {
        try open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
    }

    /// A private in-memory database.
    static func inMemory() throws(SQLiteError) -> SQLiteDatabase {
        try open(":memory:", flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX)
    }

    private static func open(_ path: String, flags: Int32) throws(SQLiteError) -> SQLiteDatabase {
        var pointer: OpaquePointer?
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard code == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open the database"
            if let pointer { sqlite3_close_v2(pointer) }
            throw SQLiteError(code: code, message: message)
        }
        // Extensions stay off whatever the library's default.
        sqlite3_enable_load_extension(pointer, 0)
        return SQLiteDatabase(handle: pointer)
    }

    private init(handle: OpaquePointer) { self.handle = handle }

    deinit { sqlite3_close_v2(handle) }

    func error(_ code: Int32) -> SQLiteError {
        let offset = sqlite3_error_offset(handle)
        return SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), offset: offset >= 0 ? Int(offset) : nil)
    }

    func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// Runs one statement (text after it must be only white space or comments)
    /// and collects its rows, stopping with an error past `maxRows` or `maxCells`.
    func query(_ sql: String, maxRows: Int = .max, maxCells: Int = .max) throws(SQLiteError) -> Table {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let utf8 = Array(sql.utf8CString)
        var rest = ""
        let prepared = utf8.withUnsafeBufferPointer { buffer in
            let code = sqlite3_prepare_v2(handle, buffer.baseAddress, Int32(buffer.count), &statement, &tail)
            if let tail { rest = String(cString: tail) }
            return code
        }
        guard prepared == SQLITE_OK else { throw error(prepared) }
        if !rest.trimmingCharacters(in: " \t\r\n;").isEmpty, Self.isStatement(rest, in: handle) {
            sqlite3_finalize(statement)
            throw SQLiteError(
                code: SQLITE_MISUSE, message: "a query is one SELECT statement; text follows the first one",
                offset: utf8.count - 1 - rest.utf8.count)
        }
        guard let statement else { throw SQLiteError(code: SQLITE_MISUSE, message: "the query is empty") }
        defer { sqlite3_finalize(statement) }
        let columnCount = Int(sqlite3_column_count(statement))
        var builders = (0..<columnCount).map { index in
            ColumnBuilder(name: sqlite3_column_name(statement, Int32(index)).map { String(cString: $0) } ?? "column\(index + 1)")
        }
        var rows = 0
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw error(step) }
            rows += 1
            if rows > maxRows || rows * max(1, columnCount) > maxCells {
                throw SQLiteError(
                    code: SQLITE_TOOBIG, message: "the result has more than \(min(maxRows, maxCells / max(1, columnCount))) rows")
            }
            for index in 0..<columnCount {
                builders[index].append(Self.cell(statement, Int32(index)))
            }
        }
        return Table(columns: Self.uniquelyNamed(builders.map { $0.build() }))
    }

    /// Whether `text` holds a statement rather than only comments.
    private static func isStatement(_ text: String, in handle: OpaquePointer) -> Bool {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, text, -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        return code != SQLITE_OK || statement != nil
    }

    /// Names of the ordinary tables of the database, in name order.
    func tableNames() throws(SQLiteError) -> [String] {
        let table = try query("SELECT name FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
        guard case .text(let names)? = table.columns.first?.values else { return [] }
        return names.compactMap { $0 }
    }

    /// Creates `name` (in the attached database `schema`, if given) with one
    /// column per table column and inserts every row.
    func insert(_ table: Table, as name: String, schema: String? = nil) throws(SQLiteError) {
        let target = (schema.map { Self.quote($0) + "." } ?? "") + Self.quote(name)
        let columns = table.columns.map { column -> String in
            let type: String =
                switch column.type {
                case .integer, .boolean: "INTEGER"
                case .real: "REAL"
                case .text: "TEXT"
                }
            return Self.quote(column.name) + " " + type
        }
        try execute("CREATE TABLE \(target) (\(columns.joined(separator: ", ")))")
        guard !table.columns.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, "INSERT INTO \(target) VALUES (\(placeholders))", -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw error(prepared) }
        defer { sqlite3_finalize(statement) }
        try execute("BEGIN")
        for row in 0..<table.rowCount {
            sqlite3_reset(statement)
            for (index, column) in table.columns.enumerated() {
                let slot = Int32(index + 1)
                switch column.values[row] {
                case .null: sqlite3_bind_null(statement, slot)
                case .integer(let i): sqlite3_bind_int64(statement, slot, i)
                case .real(let d): sqlite3_bind_double(statement, slot, d)
                case .boolean(let b): sqlite3_bind_int64(statement, slot, b ? 1 : 0)
                case .text(let s): sqlite3_bind_text(statement, slot, s, -1, Self.transient)
                }
            }
            let step = sqlite3_step(statement)
            guard step == SQLITE_DONE else { throw error(step) }
        }
        try execute("COMMIT")
    }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func cell(_ statement: OpaquePointer, _ index: Int32) -> ColumnBuilder.Cell {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_NULL: return .null
        case SQLITE_BLOB: return .text("<blob of \(sqlite3_column_bytes(statement, index)) bytes>")
        default:
            guard let text = sqlite3_column_text(statement, index) else { return .null }
            let count = Int(sqlite3_column_bytes(statement, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        }
    }

    /// SQL allows two result columns with one name (`SELECT a, a`); a table does not.
    static func uniquelyNamed(_ columns: [Column]) -> [Column] {
        var seen: Set<String> = []
        return columns.map { column in
            var renamed = column
            var suffix = 2
            while seen.contains(renamed.name) {
                renamed.name = "\(column.name)_\(suffix)"
                suffix += 1
            }
            seen.insert(renamed.name)
            return renamed
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
