import Foundation
import QuireDiagnostics
import SwiftProtobuf

/// TensorBoard event files (`events.out.tfevents.*`) as one table per group:
/// columns run, tag, step, wall_time, value — PRODUCT §3. Scalars come from
/// TensorBoard 1 `simple_value`s and from TensorBoard 2 tensors whose tag the
/// "scalars" plugin owns. A run's files are read in name order (their names
/// start with the time they were opened) with the restart rules of the
/// EventAccumulator that TensorBoard's server uses (plugin_event_accumulator),
/// so quire shows the points TensorBoard shows.
public enum TensorBoardLoader {
    /// One event file of a group, and the run it belongs to.
    struct EventFile: Sendable, Equatable {
        var url: URL
        var displayPath: String
        /// The folder holding the file, relative to the group's folder ("." for the group's own).
        var run: String
    }

    static func load(_ files: [EventFile]) throws -> Table {
        var runs: [String: RunAccumulator] = [:]
        for file in files.sorted(by: { ($0.run, $0.url.lastPathComponent) < ($1.run, $1.url.lastPathComponent) }) {
            guard let reader = TFRecordReader.opening(path: file.url.path, displayPath: file.displayPath) else {
                throw Diagnostic.error(at: SourceLocation(path: file.displayPath), "cannot read this TensorBoard event file")
            }
            try runs[file.run, default: RunAccumulator()].read(reader)
        }
        return table(&runs)
    }

    /// The rows of one event file read on its own (tests, fuzzing).
    public static func load(bytes: [UInt8], displayPath: String) throws -> Table {
        var run = RunAccumulator()
        try run.read(TFRecordReader.reading(bytes, displayPath: displayPath))
        var runs = [".": run]
        return table(&runs)
    }

    /// Empties `runs` as it goes: each series is freed once its rows are in
    /// the table, so the points are never held twice (a gigabyte of events
    /// is over ten million rows).
    static func table(_ runs: inout [String: RunAccumulator]) -> Table {
        var runColumn: [String?] = []
        var tagColumn: [String?] = []
        var steps: [Int64?] = []
        var wallTimes: [Double?] = []
        var values: [Double?] = []
        var total = 0
        for run in runs.values { for series in run.series.values { total += series.steps.count } }
        runColumn.reserveCapacity(total)
        tagColumn.reserveCapacity(total)
        steps.reserveCapacity(total)
        wallTimes.reserveCapacity(total)
        values.reserveCapacity(total)
        for run in runs.keys.sorted() {
            var accumulator = runs.removeValue(forKey: run)!
            for tag in accumulator.series.keys.sorted() {
                let series = accumulator.series.removeValue(forKey: tag)!
                // Stable, so points a restarted run logged twice stay in file order.
                let order = series.steps.indices.sorted { (series.steps[$0], $0) < (series.steps[$1], $1) }
                for index in order {
                    runColumn.append(run)
                    tagColumn.append(tag)
                    steps.append(series.steps[index])
                    wallTimes.append(series.wallTimes[index])
                    values.append(series.values[index])
                }
            }
        }
        return Table(columns: [
            Column(name: "run", strings: runColumn), Column(name: "tag", strings: tagColumn),
            Column(name: "step", integers: steps), Column(name: "wall_time", doubles: wallTimes),
            Column(name: "value", doubles: values),
        ])
    }
}

/// One tag's points in the order they were read.
struct ScalarSeries {
    var steps: [Int64] = []
    var wallTimes: [Double] = []
    var values: [Double] = []

    mutating func append(step: Int64, wallTime: Double, value: Double) {
        steps.append(step)
        wallTimes.append(wallTime)
        values.append(value)
    }

    /// Drops the points at `step` or later, as a restart makes them stale.
    mutating func purge(from step: Int64) {
        guard steps.contains(where: { $0 >= step }) else { return }
        let kept = steps.indices.filter { steps[$0] < step }
        steps = kept.map { steps[$0] }
        wallTimes = kept.map { wallTimes[$0] }
        values = kept.map { values[$0] }
    }
}

/// What TensorBoard's (plugin) EventAccumulator keeps for one run (one folder):
/// - from files of version 2 on ("brain.Event:2", all current writers), the
///   first SessionLog START opens the run; each later START at step s is a
///   restart and discards every point at step s or later;
/// - in older files, an event with a summary whose step is below the last
///   summary's step discards that event's tags' points from its step on;
/// - otherwise nothing is discarded: a step logged twice shows twice.
/// A tag's plugin is set by the first value of the tag that carries metadata
/// (writers may send it only with a tag's first value).
struct RunAccumulator {
    var series: [String: ScalarSeries] = [:]
    private var fileVersion: Double?
    private var seenSessionStart = false
    private var mostRecentStep: Int64 = -1
    private var plugins: [String: String] = [:]

    mutating func read(_ reader: TFRecordReader) throws {
        var options = BinaryDecodingOptions()
        // Graphs, images and histograms are skipped, not kept as unknown fields.
        options.discardUnknownFields = true
        while let record = try reader.next() {
            let event: Tensorboard_Event
            do {
                // The payload lives in the reader's buffer; decoding copies what it keeps.
                let bytes = Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: record.payload.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!),
                    count: record.payload.count, deallocator: .none)
                event = try Tensorboard_Event(serializedBytes: bytes, options: options)
            } catch {
                throw reader.damaged("the record at byte \(record.offset) is not a TensorBoard Event (\(error))")
            }
            try add(event, at: record.offset, reader: reader)
        }
    }

    mutating func add(_ event: Tensorboard_Event, at offset: Int, reader: TFRecordReader) throws {
        if case .fileVersion(let text)? = event.what {
            // "brain.Event:2" → 2; TensorBoard takes an unreadable version as -1.
            fileVersion = text.split(separator: ":").last.flatMap { Double($0) } ?? -1
        }
        if let version = fileVersion, version != 0, version >= 2 {
            if case .sessionLog(let log)? = event.what, log.status == .start {
                if seenSessionStart {
                    for tag in series.keys { series[tag]?.purge(from: event.step) }
                }
                seenSessionStart = true
            }
        } else if case .summary(let summary)? = event.what, event.step < mostRecentStep {
            for value in summary.value { series[value.tag]?.purge(from: event.step) }
        }
        guard case .summary(let summary)? = event.what else { return }
        mostRecentStep = event.step
        for value in summary.value {
            if value.hasMetadata, plugins[value.tag] == nil {
                plugins[value.tag] = value.metadata.pluginData.pluginName
            }
            switch value.value {
            case .simpleValue(let number)?:
                series[value.tag, default: ScalarSeries()].append(step: event.step, wallTime: event.wallTime, value: Double(number))
            case .tensor(let tensor)? where plugins[value.tag] == "scalars":
                let number = try Self.scalar(of: tensor, tag: value.tag, at: offset, reader: reader)
                series[value.tag, default: ScalarSeries()].append(step: event.step, wallTime: event.wallTime, value: number)
            default:
                continue
            }
        }
    }

    /// The one number of a scalar tensor, from its typed list or its raw content.
    static func scalar(of tensor: Tensorboard_TensorProto, tag: String, at offset: Int, reader: TFRecordReader) throws -> Double {
        func fail(_ problem: String) -> Diagnostic {
            reader.damaged("the scalar '\(tag)' in the record at byte \(offset) \(problem)")
        }
        var elements: Int64 = 1
        for dimension in tensor.tensorShape.dim {
            let (product, overflow) = elements.multipliedReportingOverflow(by: dimension.size)
            guard dimension.size >= 0, !overflow else { throw fail("has an invalid shape") }
            elements = product
        }
        guard elements == 1 else { throw fail("holds \(elements) values, not one") }
        let content = tensor.tensorContent
        func raw<T: FixedWidthInteger>(_ type: T.Type) throws -> T? {
            if content.isEmpty { return nil }
            guard content.count == MemoryLayout<T>.size else { throw fail("has \(content.count) bytes of content for one value") }
            return content.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
        }
        // An empty tensor of a known type is zero, as numpy reads it.
        switch tensor.dtype {
        case 1: return Double(try raw(UInt32.self).map { Float(bitPattern: $0) } ?? tensor.floatVal.first ?? 0)
        case 2: return try raw(UInt64.self).map { Double(bitPattern: $0) } ?? tensor.doubleVal.first ?? 0
        case 19:
            let bits = try raw(UInt16.self) ?? tensor.halfVal.first.map { UInt16(truncatingIfNeeded: $0) } ?? 0
            return Double(Matrix.halfToFloat(bits))
        case 14:
            let bits = try raw(UInt16.self) ?? tensor.halfVal.first.map { UInt16(truncatingIfNeeded: $0) } ?? 0
            return Double(Float(bitPattern: UInt32(bits) << 16))
        case 3: return Double(try raw(UInt32.self).map { Int32(bitPattern: $0) } ?? tensor.intVal.first ?? 0)
        case 9: return Double(try raw(UInt64.self).map { Int64(bitPattern: $0) } ?? tensor.int64Val.first ?? 0)
        default: throw fail("has TensorFlow dtype \(tensor.dtype); quire reads float, double, half, bfloat16, int32 and int64 scalars")
        }
    }
}
