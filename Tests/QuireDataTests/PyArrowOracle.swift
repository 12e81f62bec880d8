import Foundation

/// Runs a Python script that writes Parquet files with pyarrow (the reference
/// writer) into a folder and prints, as JSON, what pyarrow reads back. A
/// missing python3 or pyarrow fails the test with what to install; the
/// scripts exit with status 3 when `import pyarrow` fails.
enum PyArrowOracle {
    static func run(_ script: String, in directory: URL) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw SetupError("cannot start python3 (\(error)); install python3 and `pip install pyarrow`") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        case 3: throw SetupError("Python's pyarrow is missing: run scripts/install-deps --test (or `pip install pyarrow`)")
        case 127: throw SetupError("python3 is not on PATH: install python3, then `pip install pyarrow`")
        default: throw SetupError("python3 failed (\(process.terminationStatus)): \(errorText)")
        }
    }

    /// Shared by the scripts: imports, and `quire_cells`, which turns what
    /// pyarrow reads back into the cells quire's contract promises (booleans
    /// 1/0, dates and timestamps ISO 8601 text computed with Python's own
    /// calendar, decimals as floats, binary as text or 0x hex); numbers come as
    /// `{"integer": "12"}` or `{"real": "0.1"}` so no JSON parser rounds them.
    static let prelude = #"""
        import sys, json, datetime, decimal, uuid
        try:
            import pyarrow as pa, pyarrow.parquet as pq, pyarrow.compute as pc
        except ImportError:
            sys.exit(3)
        out_dir = sys.argv[1]
        EPOCH = datetime.datetime(1970, 1, 1)
        DIGITS = {'ms': (1000, 3), 'us': (10**6, 6), 'ns': (10**9, 9), 's': (1, 0)}

        def iso(v, unit, utc):
            per, digits = DIGITS[unit]
            secs, frac = divmod(v, per)
            text = (EPOCH + datetime.timedelta(seconds=secs)).strftime('%Y-%m-%dT%H:%M:%S')
            if frac: text += '.%0*d' % (digits, frac)
            return text + ('Z' if utc else '')

        def clock(v, unit):
            per, digits = DIGITS[unit]
            secs, frac = divmod(v, per)
            text = '%02d:%02d:%02d' % (secs // 3600, secs // 60 % 60, secs % 60)
            if frac: text += '.%0*d' % (digits, frac)
            return text

        def quire_cells(column):
            t = column.type
            if pa.types.is_timestamp(t):
                raw = column.cast(pa.int64()).to_pylist()
                return [None if v is None else iso(v, t.unit, t.tz is not None) for v in raw]
            if pa.types.is_time(t):
                raw = column.cast(pa.int64() if pa.types.is_time64(t) else pa.int32()).to_pylist()
                return [None if v is None else clock(v, t.unit) for v in raw]
            values = column.to_pylist()
            def cell(v):
                if v is None: return None
                if isinstance(v, bool): return 1 if v else 0
                if isinstance(v, datetime.date): return v.isoformat()
                if isinstance(v, decimal.Decimal): return float(v)
                if isinstance(v, uuid.UUID): return str(v)
                if isinstance(v, bytes):
                    try: return v.decode('utf-8')
                    except UnicodeDecodeError: return '0x' + v.hex()
                return v
            return [exact(cell(v)) for v in values]

        def exact(v):
            # Numbers as text: JSON parsers may round what Python prints exactly.
            if isinstance(v, bool) or v is None or isinstance(v, str): return v
            return {'integer': str(v)} if isinstance(v, int) else {'real': repr(v)}

        def read_back(path):
            table = pq.read_table(path)
            return {name: quire_cells(table.column(name)) for name in table.column_names}

        """#

    struct SetupError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
