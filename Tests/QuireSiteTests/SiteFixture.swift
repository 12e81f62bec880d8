import Foundation
import QuireSite

/// A throwaway site in a temporary folder. It has no `templates/` (the
/// built-in theme is used) unless `copyTheme` copies the repository's in,
/// for tests about a site's own theme.
struct SiteFixture {
    let root: URL

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init(config: String = SiteFixture.defaultConfig, files: [String: String], copyTheme: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyTheme {
            try FileManager.default.copyItem(
                at: Self.repositoryRoot.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        }
        try write("quire.yaml", config)
        for (path, text) in files { try write(path, text) }
    }

    static let defaultConfig = """
        title: Fixture
        base_url: https://fixture.example/
        author: Tester
        description: A test site.
        """

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func build(_ configure: (inout BuildOptions) -> Void = { _ in }) async -> BuildReport {
        var options = BuildOptions(root: root)
        configure(&options)
        return await SiteBuilder.build(options)
    }

    var site: URL { root.appendingPathComponent("site") }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Every file under `folder` → its bytes, for comparing whole builds.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        for case let url as URL in walker {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = FileManager.default.contents(atPath: url.path)
            }
        }
        return files
    }
}

/// Runs a program and captures what it prints.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String]? = nil) throws
        -> ProcessResult
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        if let folder { process.currentDirectoryURL = folder }
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a chatty program cannot fill the pipe and stall.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func available(_ program: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(program)"]).status) == 0
    }
}
