import CSQLite
import Foundation
import QuireDiagnostics

/// Reads one data file of a scope into a table, by its extension.
enum DataLoader {
    static func loadTable(_ file: DataScope.DataFile) throws -> Table {
        let location = SourceLocation(path: file.displayPath)
        if let table = file.databaseTable {
            return try SQLiteFileLoader.load(table: table, url: file.url, displayPath: file.displayPath)
        }
        if !file.eventFiles.isEmpty {
            return try TensorBoardLoader.load(file.eventFiles)
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: file.url))
        } catch {
            throw Diagnostic.error(at: location, "cannot read this data file")
        }
        switch file.url.pathExtension.lowercased() {
        case "csv": return try DelimitedLoader.load(bytes, separator: UInt8(ascii: ","), path: file.displayPath)
        case "tsv": return try DelimitedLoader.load(bytes, separator: UInt8(ascii: "\t"), path: file.displayPath)
        case "json": return try JSONLoader.loadArray(bytes, path: file.displayPath)
        case "jsonl": return try JSONLoader.loadLines(bytes, path: file.displayPath)
        default: throw Diagnostic.error(at: location, "quire cannot read '.\(file.url.pathExtension)' files as tables")
        }
    }
}

/// Tables inside a `.sqlite` / `.db` file, opened read-only.
enum SQLiteFileLoader {
    static func tableNames(url: URL, displayPath: String) throws -> [String] {
        do {
            let database = try SQLiteDatabase.openReadOnly(path: url.path)
            return try database.tableNames()
        } catch {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "cannot read this SQLite database: \(error.message)")
        }
    }

    /// A "table" may be a view that computes without end (a recursive CTE), so
    /// loading one is bounded like a query: time limit, row and cell caps, and
    /// SQLite's heap limit.
    static func load(table: String, url: URL, displayPath: String, limits: QueryEngine.Limits = .init()) throws -> Table {
        let at = SourceLocation(path: displayPath)
        _ = sqlite3_hard_heap_limit64(QueryEngine.heapLimit)
        let queryGuard = QueryGuard(deadline: Date().timeIntervalSince1970 + limits.timeLimit)
        do {
            let database = try SQLiteDatabase.openReadOnly(path: url.path)
            try database.execute("PRAGMA query_only = 1")
            let box = Unmanaged.passUnretained(queryGuard).toOpaque()
            sqlite3_progress_handler(database.handle, 1000, QueryGuard.progress, box)
            defer { sqlite3_progress_handler(database.handle, 0, nil, nil) }
            return try database.query("SELECT * FROM \(SQLiteDatabase.quote(table))", maxRows: limits.maxRows, maxCells: limits.maxCells)
        } catch {
            if queryGuard.timedOut {
                throw Diagnostic.error(
                    at: at, "reading table '\(table)' took longer than \(QueryEngine.seconds(limits.timeLimit)) and was stopped",
                    hint: "a view that never ends (a recursive query without a stopping condition)?")
            }
            if error.code == SQLITE_TOOBIG {
                throw Diagnostic.error(
                    at: at,
                    "table '\(table)' is too large: \(error.message); the limit is \(limits.maxRows) rows and \(limits.maxCells) cells")
            }
            if error.code == SQLITE_NOMEM {
                throw Diagnostic.error(
                    at: at, "reading table '\(table)' needs more memory than SQLite may use (\(QueryEngine.heapLimit >> 20) MB)")
            }
            throw Diagnostic.error(at: at, "cannot read table '\(table)' of this SQLite database: \(error.message)")
        }
    }
}

/// Matrices seen as tables and back, so a query can read a small matrix and an
/// analysis can take a numeric table as its matrix.
enum MatrixTable {
    static let maxCells = 20_000_000

    static func table(from matrix: Matrix, name: String, at location: SourceLocation) throws -> Table {
        guard matrix.dimensions <= 2 else {
            throw Diagnostic.error(
                at: location, "'\(name)' is a 3-D matrix \(shapeText(matrix.shape)), not a table",
                hint: "use it in an analysis (pca, probe) with 'layer:'")
        }
        guard matrix.elementCount <= maxCells else {
            throw Diagnostic.error(
                at: location, "'\(name)' is a matrix \(shapeText(matrix.shape)), too large to read as a table",
                hint: "use it in an analysis (pca, probe) instead")
        }
        let values = matrix.layerValues()
        let columns = matrix.columnCount
        if matrix.dimensions == 1 {
            return Table(columns: [Column(name: "value", doubles: values)])
        }
        return Table(
            columns: (0..<columns).map { column in
                Column(name: "c\(column)", doubles: stride(from: column, to: values.count, by: columns).map { values[$0] })
            })
    }

    static func matrix(from table: Table, name: String, at location: SourceLocation) throws -> Matrix {
        var values = [Double](repeating: 0, count: table.rowCount * table.columns.count)
        let width = table.columns.count
        for (c, column) in table.columns.enumerated() {
            guard column.type.isNumeric || column.type == .boolean else {
                throw Diagnostic.error(
                    at: location, "'\(name)' is used as a matrix but its column '\(column.name)' is not numeric",
                    hint: "select only numeric columns in a query first")
            }
            for (r, value) in column.doubles.enumerated() {
                guard let value else {
                    throw Diagnostic.error(
                        at: location, "'\(name)' is used as a matrix but column '\(column.name)' has a null in row \(r + 1)")
                }
                values[r * width + c] = value
            }
        }
        return Matrix(rows: table.rowCount, columns: width, values: values)
    }

    static func shapeText(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: " × ") + ")"
    }
}
