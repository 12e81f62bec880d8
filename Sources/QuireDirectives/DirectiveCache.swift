import Foundation
import QuireData

/// Results of `query` and `analysis` directives kept on disk under
/// `.quire-cache/`, keyed by `CacheKey`. A miss, a damaged entry or an
/// unwritable folder only costs recomputation, never an error.
/// Sendable: the counters are changed under `lock`; files are written whole
/// under unique temporary names and renamed into place.
public final class DirectiveCache: @unchecked Sendable {
    public let directory: URL
    private let lock = NSLock()
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init(directory: URL) {
        self.directory = directory
    }

    /// `.quire-cache/` under a site's root.
    public convenience init(siteRoot: URL) {
        self.init(directory: siteRoot.appendingPathComponent(".quire-cache"))
    }

    private func url(for key: String, suffix: String) -> URL {
        directory.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key + suffix)
    }

    public func table(for key: String) -> Table? {
        let found = (try? Data(contentsOf: url(for: key, suffix: ".table"))).flatMap { TableCoding.decode([UInt8]($0)) }
        count(hit: found != nil)
        return found
    }

    package func store(_ table: Table, for key: String) {
        write(Data(TableCoding.encode(table)), to: url(for: key, suffix: ".table"))
    }

    /// Several tables under one key (an op that defines NAME and NAME_suffix).
    package func tables(for key: String) -> [String: Table]? {
        guard let data = try? Data(contentsOf: url(for: key, suffix: ".tables")) else {
            count(hit: false)
            return nil
        }
        let found = TableCoding.decodeNamed([UInt8](data))
        count(hit: found != nil)
        return found
    }

    package func store(_ tables: [String: Table], for key: String) {
        write(Data(TableCoding.encodeNamed(tables)), to: url(for: key, suffix: ".tables"))
    }

    private func count(hit: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if hit { hits += 1 } else { misses += 1 }
    }

    /// Written beside and renamed into place, so a reader never sees half a file.
    private func write(_ data: Data, to url: URL) {
        let folder = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            _ = try? FileManager.default.removeItem(at: url)
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}

/// The cache key of a directive: SHA-256 over the engine version, the
/// directive's text and parameters, and the content digest of every input.
package enum CacheKey {
    /// Bump when any op's results change, so old entries are never reused.
    package static let engineVersion = "quire-data-2"

    /// Nil when an input's content is unknown (then nothing is cached).
    public static func make(
        directive: String, argument: String, body: String, inputs: [String], scope: DataScope, parameters: [String] = []
    ) -> String? {
        var parts = [engineVersion, directive, argument, body] + parameters
        for name in inputs.sorted() {
            guard let digest = scope.digest(of: name) else { return nil }
            parts.append(name + "=" + digest)
        }
        // Length-prefixed so no two different part lists hash the same text.
        return ContentHash.of(parts.map { "\($0.utf8.count):\($0)" }.joined())
    }
}
