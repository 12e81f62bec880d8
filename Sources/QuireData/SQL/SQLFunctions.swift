import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The functions PRODUCT §3 promises in every query, registered on a connection.
enum SQLFunctions {
    static func register(on database: SQLiteDatabase) {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        let handle = database.handle
        let cache = Unmanaged.passRetained(RegexCache()).toOpaque()
        sqlite3_create_function_v2(handle, "regexp", 2, flags, cache, regexpFunction, nil, nil) {
            Unmanaged<RegexCache>.fromOpaque($0!).release()
        }
        sqlite3_create_function_v2(handle, "regexp_count", 2, flags, cache, regexpCountFunction, nil, nil, nil)
        sqlite3_create_function_v2(handle, "repetition", 2, flags, nil, repetitionFunction, nil, nil, nil)

        for (name, _) in unary {
            let key = Unmanaged.passRetained(NameBox(name)).toOpaque()
            sqlite3_create_function_v2(handle, name, 1, flags, key, unaryFunction, nil, nil) {
                Unmanaged<NameBox>.fromOpaque($0!).release()
            }
        }
        sqlite3_create_function_v2(
            handle, "atan2", 2, flags, nil,
            { context, _, arguments in
                guard let y = SQLFunctions.double(arguments, 0), let x = SQLFunctions.double(arguments, 1) else {
                    return sqlite3_result_null(context)
                }
                SQLFunctions.result(context, atan2(y, x))
            }, nil, nil, nil)
        sqlite3_create_function_v2(
            handle, "pow", 2, flags, nil,
            { context, _, arguments in
                guard let x = SQLFunctions.double(arguments, 0), let y = SQLFunctions.double(arguments, 1) else {
                    return sqlite3_result_null(context)
                }
                SQLFunctions.result(context, pow(x, y))
            }, nil, nil, nil)
        sqlite3_create_function_v2(
            handle, "pi", 0, flags, nil,
            { context, _, _ in
                sqlite3_result_double(context, Double.pi)
            }, nil, nil, nil)
    }

    static let unary: [String: @Sendable (Double) -> Double] = [
        "sin": sin, "cos": cos, "tan": tan, "asin": asin, "acos": acos, "atan": atan,
        "sqrt": sqrt, "exp": exp, "ln": log, "log10": log10, "floor": floor, "ceil": ceil,
    ]

    final class NameBox {
        let function: @Sendable (Double) -> Double
        init(_ name: String) { function = unary[name] ?? { $0 } }
    }

    /// Compiled patterns, so a regexp over a million rows compiles once.
    final class RegexCache {
        var compiled: [String: BoundedRegex] = [:]
        func regex(_ pattern: String) throws(BoundedRegex.Failure) -> BoundedRegex {
            if let hit = compiled[pattern] { return hit }
            let made = try BoundedRegex(pattern)
            if compiled.count > 64 { compiled.removeAll() }
            compiled[pattern] = made
            return made
        }
    }

    static func bytes(_ arguments: UnsafeMutablePointer<OpaquePointer?>?, _ index: Int) -> [UInt8]? {
        guard let value = arguments?[index], sqlite3_value_type(value) != SQLITE_NULL, let bytes = sqlite3_value_text(value) else {
            return nil
        }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(sqlite3_value_bytes(value))))
    }

    /// Runs `body` on the cached pattern; a bad pattern or a runaway match
    /// becomes the SQL error the query reports at its location.
    static func withRegex(_ context: OpaquePointer?, _ pattern: String, _ body: (BoundedRegex) throws(BoundedRegex.Failure) -> Void) {
        guard let box = sqlite3_user_data(context) else { return sqlite3_result_null(context) }
        do throws(BoundedRegex.Failure) {
            try body(try Unmanaged<RegexCache>.fromOpaque(box).takeUnretainedValue().regex(pattern))
        } catch .invalid(let reason) {
            sqlite3_result_error(context, "invalid regular expression '\(pattern)': \(reason)", -1)
        } catch .unavailable(let why) {
            sqlite3_result_error(context, "regexp() \(why)", -1)
        } catch {
            sqlite3_result_error(
                context,
                "the regular expression '\(pattern)' backtracks too much on one value (over \(BoundedRegex.matchLimit) steps) and was stopped; "
                    + "avoid nested repeats such as (a+)+", -1)
        }
    }

    static func text(_ arguments: UnsafeMutablePointer<OpaquePointer?>?, _ index: Int) -> String? {
        guard let value = arguments?[index], sqlite3_value_type(value) != SQLITE_NULL, let bytes = sqlite3_value_text(value) else {
            return nil
        }
        let count = Int(sqlite3_value_bytes(value))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    static func double(_ arguments: UnsafeMutablePointer<OpaquePointer?>?, _ index: Int) -> Double? {
        guard let value = arguments?[index] else { return nil }
        switch sqlite3_value_type(value) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER, SQLITE_FLOAT: return sqlite3_value_double(value)
        default:
            guard let text = text(arguments, index) else { return nil }
            return Double(text.trimmingCharacters(in: " "))
        }
    }

    /// NaN becomes NULL: SQLite has no NaN and would store it as NULL anyway.
    static func result(_ context: OpaquePointer?, _ value: Double) {
        if value.isNaN { sqlite3_result_null(context) } else { sqlite3_result_double(context, value) }
    }

    static let unaryFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
        context, _, arguments in
        guard let box = sqlite3_user_data(context), let x = double(arguments, 0) else { return sqlite3_result_null(context) }
        result(context, Unmanaged<NameBox>.fromOpaque(box).takeUnretainedValue().function(x))
    }

    static let regexpFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
        context, _, arguments in
        guard let pattern = text(arguments, 0), let subject = bytes(arguments, 1) else { return sqlite3_result_null(context) }
        withRegex(context, pattern) { regex throws(BoundedRegex.Failure) in sqlite3_result_int(context, try regex.matches(subject) ? 1 : 0)
        }
    }

    static let regexpCountFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
        context, _, arguments in
        guard let subject = bytes(arguments, 0), let pattern = text(arguments, 1) else { return sqlite3_result_null(context) }
        withRegex(context, pattern) { regex throws(BoundedRegex.Failure) in
            sqlite3_result_int64(context, Int64(try regex.count(in: subject)))
        }
    }

    static let repetitionFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
        context, _, arguments in
        guard let subject = text(arguments, 0), let n = double(arguments, 1) else { return sqlite3_result_null(context) }
        guard n >= 1, n < 1_000_000 else { return sqlite3_result_error(context, "repetition(text, n) needs n ≥ 1", -1) }
        sqlite3_result_double(context, repetition(subject, n: Int(n)))
    }

    /// Of the word n-grams of `text` (lowercased, split on white space), the
    /// share equal to an earlier one; 0 when there are none.
    static func repetition(_ text: String, n: Int) -> Double {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace })
        guard words.count >= n else { return 0 }
        var seen: Set<ArraySlice<Substring>> = []
        var repeats = 0
        let total = words.count - n + 1
        for start in 0..<total {
            let gram = words[start..<start + n]
            if !seen.insert(gram).inserted { repeats += 1 }
        }
        return Double(repeats) / Double(total)
    }
}
