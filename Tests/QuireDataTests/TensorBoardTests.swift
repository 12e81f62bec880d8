import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

/// TensorBoard event files written by the tensorboard package itself, read
/// back by quire and by TensorBoard's own EventAccumulator (the plugin one
/// its server uses), which must agree row for row.
@Suite struct TensorBoardTests {
    /// Writes runs with the real writers into the bundle given as argv[1],
    /// then prints what EventAccumulator reads from each run folder:
    /// [in bundle, run, tag, step, wall_time, value], in file order.
    static let writeAndRead = #"""
        import json, os, sys
        import numpy as np
        from tensorboard.summary import Writer
        from tensorboard.summary.writer.event_file_writer import EventFileWriter
        from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
        from tensorboard.backend.event_processing.plugin_event_accumulator import EventAccumulator
        from tensorboard.util import tensor_util

        bundle = sys.argv[1]
        def folder(*parts):
            path = os.path.join(bundle, *parts)
            os.makedirs(path, exist_ok=True)
            return path
        def simple(step, wall, **values):
            return event_pb2.Event(step=step, wall_time=wall, summary=summary_pb2.Summary(
                value=[summary_pb2.Summary.Value(tag=t, simple_value=v) for t, v in values.items()]))
        def start(step, wall):
            return event_pb2.Event(step=step, wall_time=wall, session_log=event_pb2.SessionLog(status=event_pb2.SessionLog.START))

        # a: TensorBoard 2 scalars from tensorboard.summary.Writer (float32 tensors, scalars plugin)
        w = Writer(folder("runs", "a"))
        for step in range(0, 300, 7):
            w.add_scalar("loss", 2.0 / (1 + step) + 0.1, step, wall_time=1.0e9 + step)
            w.add_scalar("lr", 3e-4 * 0.99 ** step, step, wall_time=1.0e9 + step + 0.25)
        w.close()

        # b: TensorBoard 1 simple_values; b/eval a nested run
        w = EventFileWriter(folder("runs", "b"))
        for step in range(0, 100, 10):
            w.add_event(simple(step, 1.5e9 + step, loss=1.0 / (step + 1), acc=step / 100))
        w.close()
        w = EventFileWriter(folder("runs", "b", "eval"))
        w.add_event(simple(50, 1.5e9 + 50, acc=0.625))
        w.close()

        # c: scalars as TensorFlow's C++ writer stores them: raw tensor_content, the
        # plugin named on a tag's first value only; plus a histogram tensor to skip
        w = EventFileWriter(folder("runs", "c"))
        scalars = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
        histograms = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="histograms"))
        for i in range(6):
            values = []
            for tag, dtype, number in [("double", types_pb2.DT_DOUBLE, np.float64(0.1 * i + 1 / 3)),
                                       ("half", types_pb2.DT_HALF, np.float16(i / 3)),
                                       ("count", types_pb2.DT_INT64, np.int64(i * 10 ** 12)),
                                       ("int", types_pb2.DT_INT32, np.int32(-i)),
                                       ("float", types_pb2.DT_FLOAT, np.float32(np.pi * i))]:
                tensor = tensor_pb2.TensorProto(dtype=dtype, tensor_shape=tensor_shape_pb2.TensorShapeProto(), tensor_content=number.tobytes())
                value = summary_pb2.Summary.Value(tag=tag, tensor=tensor)
                if i == 0:
                    value.metadata.CopyFrom(scalars)
                values.append(value)
            weights = tensor_util.make_tensor_proto(np.arange(6, dtype=np.float64).reshape(2, 3))
            values.append(summary_pb2.Summary.Value(tag="weights", tensor=weights, metadata=histograms))
            w.add_event(event_pb2.Event(step=i, wall_time=1.6e9 + i, summary=summary_pb2.Summary(value=values)))
        w.close()

        # d: a restarted run, as a supervisor marks it: START, crash at 40, START at 25
        w = EventFileWriter(folder("runs", "d"))
        w.add_event(start(0, 1.7e9))
        for step in range(0, 45, 5):
            w.add_event(simple(step, 1.7e9 + step, loss=100.0 - step))
        w.close()
        w = EventFileWriter(folder("runs", "d"))
        w.add_event(start(25, 1.7e9 + 1000))
        for step in range(25, 60, 5):
            w.add_event(simple(step, 1.7e9 + 1000 + step, loss=50.0 - step / 10))
        w.close()

        # e: a restart without START: TensorBoard keeps both attempts' points
        w = EventFileWriter(folder("runs", "e"))
        for step in range(0, 30, 10):
            w.add_event(simple(step, 1.8e9 + step, loss=float(step)))
        w.close()
        w = Writer(folder("runs", "e"))
        for step in range(10, 40, 10):
            w.add_scalar("loss", step + 0.5, step, wall_time=1.8e9 + 100 + step)
        w.close()

        # files right in the bundle: table "tfevents", run "."
        w = EventFileWriter(bundle)
        w.add_event(simple(3, 1.9e9, top=0.75))
        w.close()

        rows = []
        for directory, _, files in sorted(os.walk(bundle)):
            if not any("tfevents" in name for name in files):
                continue
            run = os.path.relpath(directory, os.path.join(bundle, "runs")) if directory != bundle else "."
            accumulator = EventAccumulator(directory, size_guidance={"tensors": 0}).Reload()
            for tag in sorted(accumulator.PluginTagToContent("scalars")):
                for event in accumulator.Tensors(tag):
                    # Numbers as repr text: Foundation's JSON reader may round the last bit.
                    rows.append([directory == bundle, run, tag, event.step, repr(float(event.wall_time)), repr(float(tensor_util.make_ndarray(event.tensor_proto).item()))])
        print(json.dumps(rows))
        """#

    struct Row: Equatable, CustomStringConvertible {
        var run: String, tag: String, step: Int64, wallTime: Double, value: Double
        var description: String { "\(run) \(tag) \(step) \(wallTime) \(value)" }
    }

    static func rows(_ table: Table) -> [Row] {
        (0..<table.rowCount).map { row in
            Row(
                run: table.value(row: row, column: "run")?.text ?? "?", tag: table.value(row: row, column: "tag")?.text ?? "?",
                step: Int64(table.value(row: row, column: "step")?.double ?? -1),
                wallTime: table.value(row: row, column: "wall_time")?.double ?? .nan,
                value: table.value(row: row, column: "value")?.double ?? .nan)
        }
    }

    /// The oracle's rows of one table, each (run, tag) series stably sorted by step.
    static func expected(_ json: Any, inBundle: Bool) -> [Row] {
        let rows = (json as? [[Any]] ?? []).filter { ($0[0] as? Bool) == inBundle }.map { row in
            Row(
                run: row[1] as? String ?? "", tag: row[2] as? String ?? "", step: (row[3] as? NSNumber)?.int64Value ?? -1,
                wallTime: (row[4] as? String).flatMap(Double.init) ?? .nan, value: (row[5] as? String).flatMap(Double.init) ?? .nan)
        }
        return rows.enumerated().sorted { a, b in
            (a.element.run, a.element.tag, a.element.step, a.offset) < (b.element.run, b.element.tag, b.element.step, b.offset)
        }.map(\.element)
    }

    @Test func readsWhatTensorBoardReads() throws {
        let site = try TestSite()
        let oracle = try PythonOracle.run(Self.writeAndRead, arguments: [site.bundle.path])
        let scope = try site.scope()
        let runs = try scope.table(named: "runs", at: SourceLocation(path: "post.md"))
        #expect(runs.columnNames == ["run", "tag", "step", "wall_time", "value"])
        let expected = Self.expected(oracle, inBundle: false)
        #expect(expected.count > 150, "the oracle read too little: \(expected.count) rows")
        let got = Self.rows(runs)
        #expect(got.count == expected.count)
        for (mine, theirs) in zip(got, expected) where mine != theirs {
            Issue.record("quire \(mine) ≠ TensorBoard \(theirs)")
            break
        }
        // The cases the fixture plants, checked by name as well.
        #expect(Set(got.map(\.run)) == ["a", "b", "b/eval", "c", "d", "e"])
        #expect(!got.contains { $0.tag == "weights" }, "a histogram is not a scalar")
        let restarted = got.filter { $0.run == "d" }
        #expect(restarted.map(\.step) == [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55], "the stale 25–40 of the crashed attempt are gone")
        #expect(restarted.first { $0.step == 30 }?.value == 47, "step 30 comes from the restart: 50 - 30/10")
        #expect(got.filter { $0.run == "e" }.map(\.step) == [0, 10, 10, 20, 20, 30], "without START both attempts show, in file order")

        let top = try scope.table(named: "tfevents", at: SourceLocation(path: "post.md"))
        #expect(Self.rows(top) == Self.expected(oracle, inBundle: true))
        #expect(Self.rows(top).map(\.run) == ["."])
    }

    @Test func groupsUnderContentDataByFirstFolder() throws {
        let site = try TestSite()
        _ = try PythonOracle.run(Self.writeAndRead, arguments: [site.siteData.appendingPathComponent("logs").path])
        let scope = try site.scope()
        #expect(scope.names.contains("logs"), "content/data/logs/… is table 'logs': \(scope.names)")
        let logs = try scope.table(named: "logs", at: SourceLocation(path: "post.md"))
        // One group: runs/… sits below logs/, so runs are 'runs/a', …, and the files right in logs/ are run '.'.
        #expect(Set(Self.rows(logs).map(\.run)) == [".", "runs/a", "runs/b", "runs/b/eval", "runs/c", "runs/d", "runs/e"])
    }

    // MARK: Damaged files

    /// The first event file of one run the oracle script writes.
    static func eventFile(run: String = "a") throws -> [UInt8] {
        let site = try TestSite()
        _ = try PythonOracle.run(Self.writeAndRead, arguments: [site.bundle.path])
        let folder = site.bundle.appendingPathComponent("runs/\(run)")
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("events.out.tfevents.") })
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// Record starts, from the framing alone (8-byte length, 4, data, 4).
    static func recordStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        var offset = 0
        while offset + 12 <= bytes.count {
            starts.append(offset)
            let length = (0..<8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            offset += 16 + length
        }
        return starts
    }

    func error(_ bytes: [UInt8]) -> Diagnostic? {
        do {
            _ = try TensorBoardLoader.load(bytes: bytes, displayPath: "runs/a/events.out.tfevents.x")
            return nil
        } catch {
            return error.diagnostics(orAt: SourceLocation(path: "?")).first
        }
    }

    @Test func everyDamagedRecordIsALocatedError() throws {
        let original = try Self.eventFile()
        let starts = Self.recordStarts(original)
        #expect(starts.count > 50)
        for start in starts.prefix(20) {
            var lengthFlipped = original
            lengthFlipped[start + 2] ^= 0x10
            let lengthError = try #require(error(lengthFlipped))
            #expect(lengthError.location.path == "runs/a/events.out.tfevents.x")
            #expect(lengthError.message.contains("length of the record at byte \(start) fails its checksum"), "\(lengthError.message)")

            var dataFlipped = original
            dataFlipped[start + 13] ^= 0x01
            let dataError = try #require(error(dataFlipped))
            #expect(dataError.message.contains("data of the record at byte \(start) fails its checksum"), "\(dataError.message)")

            var crcFlipped = original
            crcFlipped[start + 9] ^= 0x80
            #expect(error(crcFlipped)?.message.contains("at byte \(start)") == true)
        }
    }

    @Test func everyTruncationIsALocatedErrorOrAShorterLog() throws {
        let original = try Self.eventFile(run: "b")
        let starts = Set(Self.recordStarts(original) + [original.count])
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for cut in 1..<original.count {
                let problem = error(Array(original.prefix(cut)))
                if starts.contains(cut) {
                    #expect(problem == nil, "a cut between records at \(cut) is a complete shorter log")
                } else {
                    #expect(problem?.message.contains("byte") == true, "cut at \(cut): \(problem?.message ?? "no error")")
                    #expect(problem?.hint?.contains("cut short") == true)
                }
            }
        }
        #expect(elapsed < .seconds(20))
    }

    /// Seeded mutations of a real file with the checksums made right again
    /// afterwards, so the damage reaches the protobuf decoder and the scalar
    /// reader rather than stopping at a CRC: every outcome is a table or a
    /// Diagnostic (a crash would end the test run).
    @Test func mutatedRecordsWithValidChecksumsNeverCrash() throws {
        let original = try Self.eventFile(run: "c")
        let starts = Self.recordStarts(original)
        var random = SystemRandomNumberGenerator.Seeded(seed: 20_261_130)
        var loaded = 0
        var refused = 0
        for _ in 0..<4000 {
            var records: [[UInt8]] = starts.map { start in
                let length = (0..<8).reduce(0) { $0 | Int(original[start + $1]) << (8 * $1) }
                return Array(original[(start + 12)..<(start + 12 + length)])
            }
            let target = Int.random(in: 0..<records.count, using: &random)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                var payload = records[target]
                switch Int.random(in: 0..<4, using: &random) {
                case 0 where !payload.isEmpty:
                    payload[Int.random(in: 0..<payload.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                case 1 where !payload.isEmpty: payload.remove(at: Int.random(in: 0..<payload.count, using: &random))
                case 2: payload.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...payload.count, using: &random))
                default: payload = Array(payload.prefix(Int.random(in: 0...payload.count, using: &random)))
                }
                records[target] = payload
            }
            var bytes: [UInt8] = []
            for payload in records {
                let length = littleEndianBytes([UInt64(payload.count)])
                bytes += length + littleEndianBytes([CRC32C.masked(CRC32C.checksum(length))])
                bytes += payload + littleEndianBytes([CRC32C.masked(CRC32C.checksum(payload))])
            }
            do {
                _ = try TensorBoardLoader.load(bytes: bytes, displayPath: "m.tfevents")
                loaded += 1
            } catch let diagnostic as Diagnostic {
                #expect(diagnostic.message.contains("at byte"), "\(diagnostic.message)")
                refused += 1
            }
        }
        #expect(loaded > 100 && refused > 100, "both outcomes were exercised: \(loaded) loaded, \(refused) refused")
    }

    @Test func aLengthBeyondTheFileIsRefusedBeforeAnyAllocation() {
        // A header claiming 2^62 bytes, with a valid length checksum.
        var bytes = littleEndianBytes([UInt64(1) << 62])
        bytes += littleEndianBytes([CRC32C.masked(CRC32C.checksum(bytes))])
        bytes += [UInt8](repeating: 0, count: 20)
        let problem = error(bytes)
        #expect(
            problem?.message.contains("the record at byte 0 holds 4611686018427387904 bytes but the file ends 20 bytes after its header")
                == true, "\(problem?.message ?? "")")
    }

    @Test func aRecordThatIsNotAnEventIsAnError() {
        let payload: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        var bytes = littleEndianBytes([UInt64(payload.count)])
        bytes += littleEndianBytes([CRC32C.masked(CRC32C.checksum(bytes))])
        bytes += payload + littleEndianBytes([CRC32C.masked(CRC32C.checksum(payload))])
        #expect(error(bytes)?.message.contains("the record at byte 0 is not a TensorBoard Event") == true)
    }

    @Test func crc32cMatchesTheCatalogue() {
        // CRC-32C check value: "123456789" → 0xE3069283 (RFC 3720 B.4 / the CRC catalogue).
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        // RFC 3720 B.4: 32 bytes of zeros → 0x8A9136AA; of 0xFF → 0x62A8AB43.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        // Lengths around the 8-byte stride agree with the byte-at-a-time definition.
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for count in 0...bytes.count {
            var crc: UInt32 = ~0
            for byte in bytes.prefix(count) {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            }
            #expect(CRC32C.checksum(Array(bytes.prefix(count))) == ~crc)
        }
    }

    @Test func aBinaryFileIsNamedButNeverQuoted() throws {
        let site = try TestSite()
        var bytes = try Self.eventFile()
        bytes[Self.recordStarts(bytes)[3] + 13] ^= 1
        try site.write("runs/a/events.out.tfevents.1.host", Data(bytes))
        let scope = try site.scope()
        var caught: Diagnostic?
        do { _ = try scope.table(named: "runs", at: SourceLocation(path: "post.md")) } catch {
            caught = error.diagnostics(orAt: SourceLocation(path: "?")).first
        }
        let diagnostic = try #require(caught)
        let text = DiagnosticRenderer(root: site.root).render(diagnostic)
        #expect(text.hasPrefix("content/posts/p/runs/a/events.out.tfevents.1.host:1:1: error: damaged TensorBoard event file"))
        #expect(!text.contains(" 1 | "), "no line of a binary file is quoted:\n\(text)")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}

extension SystemRandomNumberGenerator {
    /// SplitMix64: a seeded generator, so a failing mutation can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
