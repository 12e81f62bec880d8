import CSQLite
import Foundation
import QuireDiagnostics

/// Runs a `query` body: a fresh in-memory SQLite database holding only the
/// tables the SQL names, the extra functions, and nothing that can write,
/// attach, load an extension or run forever.
public struct QueryEngine: Sendable {
    public struct Limits: Sendable {
        public var timeLimit: Double
        public var maxRows: Int
        public var maxCells: Int
        public init(timeLimit: Double = 10, maxRows: Int = 1_000_000, maxCells: Int = 20_000_000) {
            self.timeLimit = timeLimit
            self.maxRows = maxRows
            self.maxCells = maxCells
        }
    }

    public var limits: Limits
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Memory SQLite may use across all queries of the process.
    static let heapLimit: Int64 = 1 << 30

    /// - Parameter location: line 1 of the SQL (errors are placed within it).
    public func run(_ sql: String, scope: DataScope, at location: SourceLocation) throws -> Table {
        let trimmed = sql.trimmingCharacters(in: " \t\r\n")
        guard !trimmed.isEmpty else {
            throw Diagnostic.error(at: location, "the query is empty", hint: "write a SELECT statement over the tables in scope")
        }
        _ = sqlite3_hard_heap_limit64(Self.heapLimit)
        let database: SQLiteDatabase
        do { database = try SQLiteDatabase.inMemory() } catch {
            throw Diagnostic.error(at: location, "cannot start SQLite: \(error.message)")
        }
        let names = Self.referencedNames(in: sql, among: scope.names)
        let partial = try Self.columnsRead(by: sql, tables: names, scope: scope, at: location)
        var schemas: Set<String> = []
        for name in names {
            let table = try partial[name] ?? scope.table(named: name, at: Self.location(ofName: name, in: sql, from: location))
            // `mlflow.metrics` is SQL's schema-qualified name: table `metrics`
            // of a database attached as `mlflow`, before the authorizer that
            // refuses ATTACH to the query itself is in place.
            let (schema, local) = Self.schemaAndTable(name)
            do {
                if let schema, schemas.insert(schema).inserted {
                    try database.execute("ATTACH DATABASE ':memory:' AS \(SQLiteDatabase.quote(schema))")
                }
                try database.insert(table, as: local, schema: schema)
            } catch {
                throw Diagnostic.error(at: location, "cannot load table '\(name)' into SQLite: \(error.message)")
            }
        }
        SQLFunctions.register(on: database)
        do { try database.execute("PRAGMA query_only = 1") } catch {}
        let guardBox = Unmanaged.passRetained(QueryGuard(deadline: Date().timeIntervalSince1970 + limits.timeLimit))
        defer { guardBox.release() }
        sqlite3_set_authorizer(database.handle, QueryGuard.authorize, guardBox.toOpaque())
        sqlite3_progress_handler(database.handle, 1000, QueryGuard.progress, guardBox.toOpaque())
        do {
            return try database.query(sql, maxRows: limits.maxRows, maxCells: limits.maxCells)
        } catch {
            throw diagnose(error, guard: guardBox.takeUnretainedValue(), sql: sql, scope: scope, at: location)
        }
    }

    /// Tables read column by column (Parquet), holding only the columns the
    /// query reads; when the query does not prepare, holding no rows, so it
    /// fails on the real database with the same error and nothing is read.
    static func columnsRead(by sql: String, tables names: [String], scope: DataScope, at location: SourceLocation) throws -> [String: Table]
    {
        var schemas: [String: [String]] = [:]
        var partial: [String] = []
        for name in names {
            if let columns = try scope.columnNames(of: name) {
                schemas[name] = columns
                partial.append(name)
            } else {
                schemas[name] = try scope.table(named: name, at: Self.location(ofName: name, in: sql, from: location)).columnNames
            }
        }
        guard !partial.isEmpty else { return [:] }
        var tables: [String: Table] = [:]
        let read = ColumnUsage.columnsRead(by: sql, schemas: schemas)
        for name in partial {
            tables[name] =
                try read.map {
                    try scope.table(named: name, columns: $0[name] ?? [], at: Self.location(ofName: name, in: sql, from: location))
                }
                ?? ColumnUsage.emptyTable(columns: schemas[name] ?? [])
        }
        return tables
    }

    private func diagnose(
        _ error: SQLiteDatabase.SQLiteError, guard queryGuard: QueryGuard, sql: String, scope: DataScope, at location: SourceLocation
    ) -> Diagnostic {
        let place = error.offset.map { Self.location(ofByte: $0, in: sql, from: location) } ?? location
        if queryGuard.timedOut {
            return .error(
                at: location, "the query ran longer than \(Self.seconds(limits.timeLimit)) and was stopped",
                hint: "a recursive query may never end; add a LIMIT or a stopping condition")
        }
        if let refused = queryGuard.refused {
            return .error(
                at: place, "queries are read-only: \(refused) is not allowed", hint: "a query can only SELECT from the tables in scope")
        }
        if error.code == SQLITE_TOOBIG {
            return .error(
                at: location, "\(error.message); the limit is \(limits.maxRows) rows and \(limits.maxCells) cells",
                hint: "aggregate or add a LIMIT")
        }
        if error.code == SQLITE_NOMEM {
            return .error(
                at: location, "the query needs more memory than SQLite may use (\(Self.heapLimit >> 20) MB)",
                hint: "aggregate or add a LIMIT")
        }
        if error.message.hasPrefix("no such table: ") {
            let name = String(error.message.dropFirst("no such table: ".count))
            let word = error.offset == nil ? Self.location(ofName: name, in: sql, from: location) : place
            return .error(at: word, "no table named '\(name)' in scope", hint: scope.missingNameHint(name, usedAt: word))
        }
        if error.message.hasPrefix("no such column: ") {
            let name = String(error.message.dropFirst("no such column: ".count))
            let candidates = Self.referencedNames(in: sql, among: scope.names).compactMap { name in
                (try? scope.columnNames(of: name)) ?? (try? scope.table(named: name, at: location))?.columnNames
            }.flatMap { $0 }
            return .error(at: place, "no column named '\(name)'", hint: Suggestions.didYouMean(name, in: candidates))
        }
        return .error(at: place, "SQL error: \(error.message)")
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// `stem.table` → (`stem`, `table`): the part before the first dot is a
    /// schema, so a safetensors tensor `model.layers.0.weight` is
    /// `model."layers.0.weight"` in SQL.
    static func schemaAndTable(_ name: String) -> (schema: String?, table: String) {
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex else { return (nil, name) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// Identifiers in the SQL that name a table in scope, including dotted
    /// names written as `a.b`, `a."b.c"` or `"a.b.c"`. Words inside string literals are
    /// skipped; a column that happens to share a table's name only costs
    /// loading that table.
    public static func referencedNames(in sql: String, among names: [String]) -> [String] {
        let known = Set(names)
        var found: [String] = []
        var word = ""
        var chain: [String] = []
        var afterDot = false
        var quote: Character?
        // In `a.b.c` only `a`, `a.b` and `a.b.c` can name a table: what
        // follows a dot is a table of schema `a` or a column.
        func closeChain() {
            for last in chain.indices {
                let name = chain[...last].joined(separator: ".")
                if known.contains(name), !found.contains(name) { found.append(name) }
            }
            chain = []
        }
        func endWord() {
            guard !word.isEmpty else { return }
            if !afterDot { closeChain() }
            chain.append(word.lowercased())
            word = ""
            afterDot = false
        }
        for character in sql {
            if let open = quote {
                if character == open {
                    if open != "'" { endWord() } else { closeChain() }
                    quote = nil
                } else if open != "'" {
                    word.append(character)
                }
                continue
            }
            if character == "'" || character == "\"" || character == "`" || character == "[" {
                endWord()
                quote = character == "[" ? "]" : character
                continue
            }
            if character.isLetter || character.isNumber || character == "_" {
                if word.isEmpty, !afterDot { closeChain() }
                word.append(character)
            } else if character == ".", !word.isEmpty || (!chain.isEmpty && !afterDot) {
                endWord()
                afterDot = true
            } else {
                endWord()
                closeChain()
                afterDot = false
            }
        }
        endWord()
        closeChain()
        return found
    }

    /// Where the SQL first writes `name` as a whole word (any case), so an
    /// error about a table points at it; the query's start when it is not
    /// written plainly (quoted parts of a dotted name).
    static func location(ofName name: String, in sql: String, from start: SourceLocation) -> SourceLocation {
        // ASCII case only, so byte offsets stay those of `sql`.
        func folded(_ text: String) -> [UInt8] {
            text.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        }
        let text = folded(sql)
        let word = folded(name)
        func isIdentifier(_ byte: UInt8) -> Bool {
            byte >= 0x80 || byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        guard !word.isEmpty, text.count >= word.count else { return start }
        for offset in 0...(text.count - word.count) where text[offset..<offset + word.count].elementsEqual(word) {
            let before = offset == 0 || !isIdentifier(text[offset - 1]) && text[offset - 1] != UInt8(ascii: ".")
            let after = offset + word.count == text.count || !isIdentifier(text[offset + word.count])
            if before && after { return location(ofByte: offset, in: sql, from: start) }
        }
        return start
    }

    static func location(ofByte offset: Int, in text: String, from start: SourceLocation) -> SourceLocation {
        var line = 0
        var column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return start.advanced(lines: line, column: line == 0 ? start.column + column - 1 : column)
    }
}

/// What the authorizer and the progress handler share while one query runs.
final class QueryGuard {
    let deadline: Double
    var timedOut = false
    var refused: String?

    init(deadline: Double) { self.deadline = deadline }

    /// The first refusal names what the author wrote; later ones are its consequences.
    func refuse(_ what: String) {
        if refused == nil { refused = what }
    }

    static let progress: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { pointer in
        guard let pointer else { return 1 }
        let box = Unmanaged<QueryGuard>.fromOpaque(pointer).takeUnretainedValue()
        if Date().timeIntervalSince1970 > box.deadline {
            box.timedOut = true
            return 1
        }
        return 0
    }

    static let authorize:
        @convention(c) (
            UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
        ) -> Int32 = { pointer, action, first, second, _, _ in
            guard let pointer else { return SQLITE_DENY }
            let box = Unmanaged<QueryGuard>.fromOpaque(pointer).takeUnretainedValue()
            switch action {
            case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
                return SQLITE_OK
            case SQLITE_FUNCTION:
                let name = second.map { String(cString: $0) }?.lowercased() ?? ""
                if name == "load_extension" || name == "readfile" || name == "writefile" || name == "edit" {
                    box.refuse("the function \(name)()")
                    return SQLITE_DENY
                }
                return SQLITE_OK
            case SQLITE_PRAGMA:
                box.refuse("PRAGMA")
                return SQLITE_DENY
            default:
                // Schema changes show up first as writes to sqlite_schema.
                let target = first.map { String(cString: $0) } ?? ""
                let isSchemaWrite = [SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE].contains(action) && target.hasPrefix("sqlite_")
                box.refuse(isSchemaWrite ? "CREATE/DROP (changing the schema)" : QueryGuard.describe(action))
                return SQLITE_DENY
            }
        }

    static func describe(_ action: Int32) -> String {
        switch action {
        case SQLITE_ATTACH: "ATTACH"
        case SQLITE_DETACH: "DETACH"
        case SQLITE_INSERT: "INSERT"
        case SQLITE_UPDATE: "UPDATE"
        case SQLITE_DELETE: "DELETE"
        case SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_TABLE, SQLITE_CREATE_VIEW, SQLITE_CREATE_TEMP_VIEW,
            SQLITE_CREATE_INDEX, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_TEMP_TRIGGER,
            SQLITE_CREATE_VTABLE:
            "CREATE"
        case SQLITE_DROP_TABLE, SQLITE_DROP_VIEW, SQLITE_DROP_INDEX, SQLITE_DROP_TRIGGER, SQLITE_DROP_TEMP_TABLE,
            SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_VTABLE:
            "DROP"
        case SQLITE_ALTER_TABLE: "ALTER TABLE"
        case SQLITE_TRANSACTION: "a transaction"
        case SQLITE_SAVEPOINT: "SAVEPOINT"
        case SQLITE_ANALYZE: "ANALYZE"
        case SQLITE_REINDEX: "REINDEX"
        default: "this statement"
        }
    }
}
