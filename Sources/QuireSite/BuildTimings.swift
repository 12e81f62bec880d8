import Foundation

/// Where a build's time went, by stage, for `--timings`.
public struct BuildTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []
    /// The slowest directives: source location and seconds.
    public var slowestDirectives: [(location: String, seconds: Double)] = []

    public init() {}

    mutating func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try work()
    }

    mutating func measure<T>(_ name: String, _ work: () async throws -> T) async rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try await work()
    }

    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }

    public var report: String {
        let line = { (name: String, seconds: Double) in
            "  " + name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%8.3f s", seconds)
        }
        var lines = stages.map { line($0.name, $0.seconds) }
        lines.append(line("total", total))
        if !slowestDirectives.isEmpty {
            lines.append("  slowest directives:")
            lines += slowestDirectives.map { String(format: "    %8.3f s  ", $0.seconds) + $0.location }
        }
        return lines.joined(separator: "\n")
    }
}
