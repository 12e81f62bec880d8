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
        let content = FileSystem.walk(root + "/content")
        var files = content.files + FileSystem.files(under: root + "/templates")
        if let config = FileSystem.status(of: root + "/quire.yaml", followingLinks: true) {
            files.append(.init(path: root + "/quire.yaml", size: config.size, modified: config.modified))
        }
        // Path, size and modification time (nanoseconds), as make does: reading
        // every source to hash it would cost a cold build more than it saves.
        for file in files {
            hasher.update(data: Data("\(file.path)\u{0}\(file.size)\u{0}\(file.modified)\n".utf8))
        }
        return (Self.hex(hasher.finalize()), content.listings)
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
        return Self.outputFingerprint(FileSystem.files(under: root).map { (String($0.path.dropFirst(root.count + 1)), $0.size) })
    }

    /// The same fingerprint from what a build just wrote, without walking it again.
    static func outputFingerprint(_ files: [(path: String, size: Int)]) -> String? {
        guard !files.isEmpty else { return nil }
        var hasher = SHA256()
        for file in files.sorted(by: { $0.path < $1.path }) { hasher.update(data: Data("/\(file.path):\(file.size)\n".utf8)) }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
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

    func remember(_ state: State) {
        try? FileManager.default.createDirectory(at: stateFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? JSONEncoder().encode(state).write(to: stateFile, options: .atomic)
    }

    func forget() {
        try? FileManager.default.removeItem(at: stateFile)
    }
}
