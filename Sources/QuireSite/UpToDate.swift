import Crypto
import Foundation
import QuireData
import QuireDiagnostics
import QuireDirectives

/// Lets a warm `quire build` with nothing changed do almost nothing: a
/// fingerprint of every input (sources, theme, configuration, data, options)
/// and of the output it produced is kept in `.quire-cache/`; when both still
/// match, the build is already done.
struct UpToDate {
    /// Bumped whenever output for the same input would change.
    static let engineVersion = "quire-site-1"

    let options: BuildOptions
    var stateFile: URL { options.root.appendingPathComponent(".quire-cache/last-build") }

    /// The fingerprint, and the content folders' listings read on the way
    /// (for the loader, `ContentLoader.listings`).
    func inputFingerprint() -> (fingerprint: String, contentListings: [String: [FileSystem.Entry]]) {
        var hasher = SHA256()
        let settings = [
            Self.engineVersion, CacheKey.engineVersion, Self.executableStamp, options.outputFolder.standardizedFileURL.path,
            "\(options.includeDrafts)", options.baseURL ?? "", "\(options.useCache)",
        ]
        hasher.update(data: Data(settings.joined(separator: "\n").utf8))
        let root = options.root.standardizedFileURL.path
        let content = FileSystem.walk(root + "/content", sorted: false, keepingListings: true)
        var files = content.files + FileSystem.walk(root + "/templates", sorted: false).files
        if let config = FileSystem.status(of: root + "/quire.yaml", followingLinks: true) {
            files.append(.init(path: root + "/quire.yaml", size: config.size, modified: config.modified))
        }
        // Path, size and modification time (nanoseconds), as make does: reading
        // every source to hash it would cost a cold build more than it saves.
        let sources = SetDigest.of(files) { "\($0.path)\u{0}\($0.size)\u{0}\($0.modified)" }
        hasher.update(data: Data(sources.hex.utf8))
        return (ContentHash.hex(hasher.finalize()), content.listings)
    }

    /// The running quire binary (path, size, modification time): a rebuilt
    /// engine may render the same input differently, so it is an input too.
    static let executableStamp: String = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        guard let status = FileSystem.status(of: path, followingLinks: true) else { return path }
        return "\(path):\(status.size):\(status.modified)"
    }()

    /// Paths and sizes of every file in the output folder.
    func outputFingerprint() -> String? {
        let root = options.outputFolder.standardizedFileURL.path
        return Self.outputFingerprint(
            FileSystem.walk(root, sorted: false).files.map { (String($0.path.dropFirst(root.count + 1)), $0.size) })
    }

    /// The same fingerprint from what a build just wrote, without walking it again.
    static func outputFingerprint(_ files: [(path: String, size: Int)]) -> String? {
        guard !files.isEmpty else { return nil }
        return SetDigest.of(files) { "/\($0.path):\($0.size)" }.hex
    }

    struct State: Codable {
        var input: String
        var output: String
        var posts: Int
        var pages: Int
        var files: Int
    }

    func recall() -> State? {
        guard let data = FileManager.default.contents(atPath: stateFile.path) else { return nil }
        return try? JSONDecoder().decode(State.self, from: data)
    }

    /// Written beside and renamed into place, without the `fsync` that
    /// Foundation's atomic write adds: on ext4 that made the journal commit
    /// every file and folder the build had just made (1–30 ms at 1,000 posts).
    /// A crash that loses this file, or the site's files, costs no more than
    /// a full build: the output's fingerprint holds every file's size too.
    func remember(_ state: State) {
        guard let data = try? JSONEncoder().encode(state) else { return }
        let temporary = stateFile.deletingLastPathComponent().path + "/.last-build-\(getpid())"
        do {
            try OutputTree.write(data, to: temporary, makingFolders: true)
            if rename(temporary, stateFile.path) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    func forget() {
        try? FileManager.default.removeItem(at: stateFile)
    }
}

/// A digest of a set of lines that does not depend on their order: each
/// line's SHA-256, added to the others 64 bits at a time. A walk finds files
/// in the order folders list them, which an edit may change, and a build
/// writes them in the order its cores finish; sorting ten thousand paths to
/// hash them in one order cost a build more than hashing them, which this
/// does on all cores.
struct SetDigest {
    private var lanes: [UInt64] = [0, 0, 0, 0]

    mutating func insert(_ line: String) {
        var line = line
        let digest = line.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        digest.withUnsafeBytes { bytes in
            for lane in lanes.indices {
                lanes[lane] &+= UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: lane * 8, as: UInt64.self))
            }
        }
    }

    mutating func formUnion(_ other: SetDigest) {
        for lane in lanes.indices { lanes[lane] &+= other.lanes[lane] }
    }

    /// The digest of `line(item)` for each item, on all cores.
    static func of<Item: Sendable>(_ items: [Item], line: @Sendable (Item) -> String) -> SetDigest {
        let chunk = 512
        let parts = stride(from: 0, to: items.count, by: chunk).map { items[$0..<min($0 + chunk, items.count)] }.parallelMap { part in
            var digest = SetDigest()
            for item in part { digest.insert(line(item)) }
            return digest
        }
        return parts.reduce(into: SetDigest()) { $0.formUnion($1) }
    }

    var hex: String {
        ContentHash.hex(lanes.flatMap { lane in withUnsafeBytes(of: lane.littleEndian) { Array($0) } })
    }
}
