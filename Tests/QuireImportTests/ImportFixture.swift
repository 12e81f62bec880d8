import Foundation
import QuireImport
import QuireSite

/// An old Jekyll or Hugo site written to a temporary folder, imported into
/// another, built with the repository's theme (until the built-in theme lands).
struct ImportFixture {
    let folder: URL
    var source: URL { folder.appendingPathComponent("old") }
    var destination: URL { folder.appendingPathComponent("new") }
    var site: URL { destination.appendingPathComponent("site") }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init(_ files: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-import-\(UUID().uuidString)")
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = source.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// A small real PNG (1×1), so quire can read its size.
    func writePNG(_ path: String) throws {
        let url = source.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!.write(
            to: url)
    }

    /// Imports, adds the theme, checks as `quire import` does (unlinking
    /// links that reach nothing), builds into new/site; the report and the build's.
    func importAndBuild(_ generator: SiteImporter.Generator, drafts: Bool = false) async throws -> (ImportReport, BuildReport) {
        var report = try SiteImporter.run(generator, source: source, destination: destination)
        try FileManager.default.copyItem(
            at: Self.repositoryRoot.appendingPathComponent("templates"), to: destination.appendingPathComponent("templates"))
        _ = try await SiteImporter.checkUnlinkingBrokenLinks(destination, report: &report)
        let build = await SiteBuilder.build(BuildOptions(root: destination, includeDrafts: drafts))
        return (report, build)
    }

    func output(_ path: String) -> String? {
        try? String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }

    func imported(_ path: String) -> String? {
        try? String(contentsOf: destination.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path)
    }

    /// Every file below `root`, relative.
    static func files(under root: URL) -> [String] {
        let base = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let url as URL in walker {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                found.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
            }
        }
        return found.sorted()
    }

    /// Text of the HTML outside `<pre>`/`<code>` and tags: what a reader sees as prose.
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in [
            #"<pre[\s\S]*?</pre>"#, #"<code[\s\S]*?</code>"#, #"<math[\s\S]*?</math>"#, #"<script[\s\S]*?</script>"#, #"<[^>]+>"#,
        ] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Runs a program and captures what it prints.
struct Program {
    static func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
