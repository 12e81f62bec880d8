import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

/// The Parquet reader against files pyarrow writes, compared with what pyarrow
/// itself reads back from the same files.
@Suite struct ParquetTests {
    /// Every codec × page version × encoding quire reads, several row groups
    /// and pages per column, nulls in every nullable column, one of each type.
    static let writeEverything =
        PyArrowOracle.prelude + #"""
            import random
            rng = random.Random(7)
            n = 2500
            def maybe(v, i): return None if i % 7 == 3 else v
            words = ['alpha', 'beta', 'gamma', 'delta', 'épsilon', '', 'a much longer string value to defeat inlining']
            data = {
                'i8': pa.array([maybe(rng.randint(-128, 127), i) for i in range(n)], pa.int8()),
                'i16': pa.array([maybe(rng.randint(-30000, 30000), i) for i in range(n)], pa.int16()),
                'i32': pa.array([maybe(rng.randint(-2**31, 2**31 - 1), i) for i in range(n)], pa.int32()),
                'i64': pa.array([maybe(rng.randint(-2**63, 2**63 - 1), i) for i in range(n)], pa.int64()),
                'sorted64': pa.array([i * 1000 + rng.randint(0, 9) for i in range(n)], pa.int64()),
                'u32': pa.array([maybe(rng.randint(0, 2**32 - 1), i) for i in range(n)], pa.uint32()),
                'u64': pa.array([maybe(rng.randint(0, 2**63 - 1), i) for i in range(n)], pa.uint64()),
                'f32': pa.array([maybe(rng.uniform(-1e6, 1e6), i) for i in range(n)], pa.float32()),
                'f64': pa.array([maybe(rng.gauss(0, 1e3), i) for i in range(n)], pa.float64()),
                'flag': pa.array([maybe(rng.random() < 0.3, i) for i in range(n)], pa.bool_()),
                'word': pa.array([maybe(rng.choice(words), i) for i in range(n)], pa.string()),
                'text': pa.array([maybe('row %d %s' % (i, 'x' * rng.randint(0, 40)), i) for i in range(n)], pa.string()),
                'blob': pa.array([maybe(bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 6))), i) for i in range(n)], pa.binary()),
                'day': pa.array([maybe(datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 40000)), i) for i in range(n)], pa.date32()),
                'ts_ms': pa.array([maybe(rng.randint(-2**40, 2**41), i) for i in range(n)], pa.timestamp('ms', tz='UTC')),
                'ts_us': pa.array([maybe(rng.randint(-2**50, 2**51), i) for i in range(n)], pa.timestamp('us')),
                'ts_ns': pa.array([maybe(rng.randint(-2**61, 2**62), i) for i in range(n)], pa.timestamp('ns', tz='UTC')),
                't_ms': pa.array([maybe(rng.randint(0, 86400 * 1000 - 1), i) for i in range(n)], pa.time32('ms')),
                't_us': pa.array([maybe(rng.randint(0, 86400 * 10**6 - 1), i) for i in range(n)], pa.time64('us')),
                'money': pa.array([maybe(decimal.Decimal(rng.randint(-10**8, 10**8)) / 100, i) for i in range(n)], pa.decimal128(12, 2)),
                'required': pa.array([rng.randint(0, 5) for i in range(n)], pa.int32()),
            }
            table = pa.table(data)
            schema = table.schema.set(table.schema.get_field_index('required'), pa.field('required', pa.int32(), nullable=False))
            table = table.cast(schema)
            plain_ok = [c for c in table.column_names]
            configs = []
            for codec in ['none', 'snappy', 'gzip', 'zstd']:
                for version in ['1.0', '2.0']:
                    configs.append(('%s-v%s-dict' % (codec, version), dict(compression=codec, data_page_version=version, use_dictionary=True)))
                    configs.append(('%s-v%s-plain' % (codec, version), dict(compression=codec, data_page_version=version, use_dictionary=False)))
            delta = {c: 'DELTA_BINARY_PACKED' for c in ['i8', 'i16', 'i32', 'i64', 'sorted64', 'u32', 'u64', 'day', 'ts_ms', 'ts_us', 'ts_ns', 't_ms', 't_us', 'required']}
            delta.update({'word': 'DELTA_BYTE_ARRAY', 'text': 'DELTA_LENGTH_BYTE_ARRAY', 'blob': 'DELTA_BYTE_ARRAY', 'f32': 'BYTE_STREAM_SPLIT', 'f64': 'BYTE_STREAM_SPLIT', 'flag': 'RLE'})
            for codec in ['none', 'zstd']:
                for version in ['1.0', '2.0']:
                    configs.append(('%s-v%s-delta' % (codec, version), dict(compression=codec, data_page_version=version, use_dictionary=False, column_encoding=delta)))
            configs.append(('int96', dict(use_deprecated_int96_timestamps=True, compression='snappy')))
            result = {}
            for name, options in configs:
                path = '%s/%s.parquet' % (out_dir, name)
                pq.write_table(table, path, row_group_size=1000, data_page_size=2048, **options)
                meta = pq.ParquetFile(path).metadata
                assert meta.num_row_groups == 3
                result[name] = {'path': path, 'columns': read_back(path)}
            print(json.dumps(result))
            """#

    @Test func readsEveryCodecEncodingAndTypeAsPyarrowDoes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let oracle = try #require(try PyArrowOracle.run(Self.writeEverything, in: directory) as? [String: [String: Any]])
        #expect(oracle.count == 21)
        for (name, file) in oracle.sorted(by: { $0.key < $1.key }) {
            let path = try #require(file["path"] as? String)
            let expected = try #require(file["columns"] as? [String: [Any]])
            let table = try ParquetTable.open(path: path, displayPath: "\(name).parquet").table(columns: nil)
            #expect(table.rowCount == 2500, "\(name)")
            #expect(Set(table.columnNames) == Set(expected.keys), "\(name)")
            for column in table.columns {
                let want = try #require(expected[column.name])
                let mismatches = (0..<table.rowCount).filter { !Self.matches(column.values[$0], want[$0]) }
                #expect(
                    mismatches.isEmpty,
                    "\(name) column \(column.name): row \(mismatches.first ?? 0) is \(mismatches.first.map { column.values[$0] } ?? .null), pyarrow reads \(mismatches.first.map { want[$0] } ?? "")"
                )
            }
            // Types the contract names: booleans as integers, times as text.
            #expect(table.column(named: "flag")?.type == .integer)
            #expect(table.column(named: "money")?.type == .real)
            #expect(table.column(named: "ts_ns")?.type == .text)
            #expect(table.column(named: "day")?.type == .text)
        }
    }

    static func matches(_ value: Value, _ expected: Any) -> Bool {
        switch (value, expected) {
        case (.null, is NSNull): return true
        case (.text(let text), let want as String): return text == want
        case (.integer(let integer), let want as [String: String]): return want["integer"] == String(integer)
        case (.real(let real), let want as [String: String]):
            guard let text = want["real"], let double = Double(text) else { return false }
            return double == real || (double.isNaN && real.isNaN)
        default: return false
        }
    }

    // Found by FuzzParquet: Int64.min milliseconds overflowed when split. By
    // hand: −9223372036854775808 = −9223372036854776 s + 192 ms.
    @Test func extremeTimestampsFormatWithoutOverflow() {
        #expect(ParquetConversion.timestampText(.min, unit: .millis, utc: true).hasSuffix(".192Z"))
        #expect(ParquetConversion.timestampText(.max, unit: .nanos, utc: false) == "2262-04-11T23:47:16.854775807")
        #expect(ParquetConversion.timeText(-1, unit: .millis).hasSuffix(".999"))
    }

    @Test func columnUsageListsWhatAQueryReads() {
        let schemas = ["t": ["a", "b", "c"], "u": ["x", "y"]]
        #expect(ColumnUsage.columnsRead(by: "SELECT b, count(*) FROM t WHERE c > 1 GROUP BY b", schemas: schemas) == ["t": ["b", "c"]])
        #expect(
            ColumnUsage.columnsRead(by: "SELECT * FROM t JOIN u ON t.a = u.x", schemas: schemas) == [
                "t": ["a", "b", "c"], "u": ["x", "y"],
            ])
        #expect(
            ColumnUsage.columnsRead(by: "WITH s AS (SELECT y FROM u) SELECT count(*) FROM s", schemas: schemas)?["u"]?.contains("y") == true
        )
        #expect(ColumnUsage.columnsRead(by: "SELECT nope FROM t", schemas: schemas) == nil)
    }

    // Worked by hand: c0 holds 0…99, so sum(c0) = 99·100/2 = 4950.
    @Test func aQueryReadsOnlyTheColumnsItUses() throws {
        let site = try TestSite()
        let script =
            PyArrowOracle.prelude + #"""
                table = pa.table({'c%d' % i: pa.array([j * (i + 1) for j in range(100)], pa.int64()) for i in range(50)})
                path = out_dir + '/wide.parquet'
                pq.write_table(table, path, compression='zstd')
                meta = pq.ParquetFile(path).metadata.row_group(0)
                chunks = []
                for i in range(1, 50):
                    c = meta.column(i)
                    start = c.dictionary_page_offset if c.has_dictionary_page else c.data_page_offset
                    chunks.append([start, c.total_compressed_size])
                print(json.dumps(chunks))
                """#
        let chunks = try #require(try PyArrowOracle.run(script, in: site.bundle) as? [[Int]])
        #expect(chunks.count == 49)
        // Wreck every column chunk but c0's: reading any of them would fail.
        let url = site.bundle.appendingPathComponent("wide.parquet")
        var bytes = [UInt8](try Data(contentsOf: url))
        for chunk in chunks { for offset in chunk[0]..<chunk[0] + chunk[1] { bytes[offset] = 0xFF } }
        try Data(bytes).write(to: url)

        let scope = try site.scope()
        let at = SourceLocation(path: "content/posts/p/index.md", line: 3)
        let sum = try QueryEngine().run("SELECT sum(c0) AS total, count(*) AS n FROM wide WHERE c0 >= 0", scope: scope, at: at)
        #expect(sum.column(named: "total")?.values == .integer([4950]))
        #expect(sum.column(named: "n")?.values == .integer([100]))
        let counted = try QueryEngine().run("SELECT count(*) AS n FROM wide", scope: scope, at: at)
        #expect(counted.column(named: "n")?.values == .integer([100]))

        // Using a wrecked column is a located error naming file and column.
        #expect(throws: Diagnostic.self) { try QueryEngine().run("SELECT c7 FROM wide", scope: scope, at: at) }
        do { _ = try QueryEngine().run("SELECT * FROM wide", scope: scope, at: at) } catch let error as Diagnostic {
            #expect(error.location.path == "content/posts/p/wide.parquet")
            #expect(error.message.contains("column 'c1'"))
            #expect(error.message.contains("at byte"))
        }
        // A misspelt column is reported as SQL would, with the file's names as hints.
        do { _ = try QueryEngine().run("SELECT c00 FROM wide", scope: scope, at: at) } catch let error as Diagnostic {
            #expect(error.message == "no column named 'c00'")
            #expect(error.hint?.contains("c0") == true)
        }
    }

    @Test func nestedColumnsAreNamedErrorsAndFlatOnesStillRead() throws {
        let site = try TestSite()
        let script =
            PyArrowOracle.prelude + #"""
                table = pa.table({'id': [1, 2, 3], 'tags': [['a'], [], ['b', 'c']], 'point': [{'x': 1, 'y': 2}] * 3, 'score': [0.5, None, 2.0]})
                pq.write_table(table, out_dir + '/nested.parquet')
                print(json.dumps(read_back(out_dir + '/nested.parquet')['score']))
                """#
        let scores = try #require(try PyArrowOracle.run(script, in: site.bundle) as? [Any])
        let file = try ParquetTable.open(
            path: site.bundle.appendingPathComponent("nested.parquet").path, displayPath: "content/posts/p/nested.parquet")
        #expect(file.columnNames == ["id", "tags", "point", "score"])
        let flat = try file.table(columns: ["id", "score"])
        #expect(flat.column(named: "id")?.values == .integer([1, 2, 3]))
        #expect(flat.column(named: "score").map { column in (0..<3).allSatisfy { Self.matches(column.values[$0], scores[$0]) } } == true)
        for (name, words) in [("tags", "nested (a list)"), ("point", "group")] {
            do {
                _ = try file.column(named: name)
                Issue.record("\(name) should not read")
            } catch let error as Diagnostic {
                #expect(error.location.path == "content/posts/p/nested.parquet")
                #expect(error.message.contains("column '\(name)'"))
                #expect(error.message.contains(words))
                #expect(error.message.contains("flat Parquet columns only"))
            }
        }
    }

    @Test func unsupportedCodecIsNamed() throws {
        let site = try TestSite()
        let script =
            PyArrowOracle.prelude + #"""
                pq.write_table(pa.table({'x': list(range(100))}), out_dir + '/lz4.parquet', compression='lz4')
                print('null')
                """#
        _ = try PyArrowOracle.run(script, in: site.bundle)
        let file = try ParquetTable.open(path: site.bundle.appendingPathComponent("lz4.parquet").path, displayPath: "lz4.parquet")
        #expect(throws: Diagnostic.self) { try file.column(named: "x") }
        do { _ = try file.column(named: "x") } catch let error as Diagnostic {
            #expect(error.message.contains("LZ4"))
            #expect(error.message.contains("column 'x'"))
        }
    }

    /// Every prefix of a file and many single-byte corruptions: each either
    /// reads or is a Diagnostic naming the file; never a crash or a hang.
    @Test func truncatedAndCorruptFilesAreLocatedErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script =
            PyArrowOracle.prelude + #"""
                table = pa.table({'a': [i if i % 5 else None for i in range(300)], 's': ['v%d' % (i % 13) for i in range(300)], 'f': [i / 3 for i in range(300)]})
                pq.write_table(table, out_dir + '/small.parquet', compression='snappy', row_group_size=100, data_page_version='2.0')
                pq.write_table(table, out_dir + '/small-gzip.parquet', compression='gzip', use_dictionary=False)
                pq.write_table(table, out_dir + '/small-zstd.parquet', compression='zstd', column_encoding={'a': 'DELTA_BINARY_PACKED', 's': 'DELTA_BYTE_ARRAY'}, use_dictionary=False)
                print('null')
                """#
        _ = try PyArrowOracle.run(script, in: directory)
        for name in ["small", "small-gzip", "small-zstd"] {
            let original = [UInt8](try Data(contentsOf: directory.appendingPathComponent("\(name).parquet")))
            func attempt(_ bytes: [UInt8]) -> Diagnostic? {
                do {
                    _ = try ParquetTable.open(bytes: bytes, displayPath: "data/\(name).parquet").table(columns: nil)
                    return nil
                } catch {
                    return error as? Diagnostic ?? Diagnostic.error(at: SourceLocation(path: "?"), "not a Diagnostic: \(error)")
                }
            }
            #expect(attempt(original) == nil)
            for length in 0..<original.count {
                let error = attempt(Array(original.prefix(length)))
                #expect(error?.location.path == "data/\(name).parquet", "prefix of \(length) bytes")
            }
            var generator = SeededGenerator(seed: 42)
            for _ in 0..<1500 {
                var bytes = original
                let position = Int(generator.next() % UInt64(bytes.count))
                bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                if let error = attempt(bytes) { #expect(error.location.path == "data/\(name).parquet") }
            }
        }
        #expect(attemptMessage([UInt8]("not parquet at all".utf8)).contains("magic"))
        var lying = [UInt8]("PAR1".utf8) + [UInt8](repeating: 0, count: 8)
        lying += [0xFF, 0xFF, 0xFF, 0x7F] + [UInt8]("PAR1".utf8)
        #expect(attemptMessage(lying).contains("footer claims"))
    }

    func attemptMessage(_ bytes: [UInt8]) -> String {
        do {
            _ = try ParquetTable.open(bytes: bytes, displayPath: "x.parquet")
            return ""
        } catch { return (error as? Diagnostic)?.message ?? "" }
    }

    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quire-parquet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
