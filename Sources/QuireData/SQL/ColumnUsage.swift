import CSQLite

/// Which columns of which tables a query reads, learnt by preparing it (never
/// running it) against empty tables with the same columns: SQLite's
/// authorizer reports each table and column the statement reads, with `*`
/// already expanded. Lets a Parquet table be read one used column at a time.
enum ColumnUsage {
    /// Nil when the SQL does not prepare; running it will say why.
    static func columnsRead(by sql: String, schemas: [String: [String]]) -> [String: Set<String>]? {
        guard let database = try? SQLiteDatabase.inMemory() else { return nil }
        for (name, columns) in schemas where !columns.isEmpty {
            let list = columns.map(SQLiteDatabase.quote).joined(separator: ", ")
            guard (try? database.execute("CREATE TABLE \(SQLiteDatabase.quote(name)) (\(list))")) != nil else { return nil }
        }
        SQLFunctions.register(on: database)
        let recorder = Unmanaged.passRetained(ReadRecorder())
        defer { recorder.release() }
        sqlite3_set_authorizer(database.handle, ReadRecorder.record, recorder.toOpaque())
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        sqlite3_finalize(statement)
        guard code == SQLITE_OK else { return nil }
        return recorder.takeUnretainedValue().columns
    }

    /// A table with the columns and no rows, so a query that fails to prepare
    /// fails on the real database the same way without reading any data.
    static func emptyTable(columns: [String]) -> Table {
        Table(columns: columns.map { Column(name: $0, strings: []) })
    }
}

private final class ReadRecorder {
    var columns: [String: Set<String>] = [:]

    static let record:
        @convention(c) (
            UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
        ) -> Int32 = { pointer, action, table, column, _, _ in
            guard let pointer else { return SQLITE_OK }
            if action == SQLITE_READ, let table, let column {
                let recorder = Unmanaged<ReadRecorder>.fromOpaque(pointer).takeUnretainedValue()
                recorder.columns[String(cString: table).lowercased(), default: []].insert(String(cString: column))
            }
            return SQLITE_OK
        }
}
