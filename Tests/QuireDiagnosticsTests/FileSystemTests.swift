import Foundation
import Testing

@testable import QuireDiagnostics

/// `FileSystem` against Foundation's FileManager, which reads the same facts
/// through its own code path.
@Suite struct FileSystemTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-fs-\(UUID().uuidString)")

    func makeTree() throws {
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("folder"), withIntermediateDirectories: true)
        try Data(repeating: 7, count: 1234).write(to: root.appendingPathComponent("file.csv"))
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "file.csv")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
    }

    @Test func entriesNameEveryChildWithItsKind() throws {
        try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let entries = FileSystem.entries(in: root.path).sorted { $0.name < $1.name }
        #expect(entries.map(\.name) == (try FileManager.default.contentsOfDirectory(atPath: root.path)).sorted())
        // ext4 and tmpfs fill d_type; a file system that does not leaves it nil.
        let kinds = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.kind) })
        for (name, expected) in [("folder", FileSystem.Kind.folder), ("file.csv", .file), ("link", .link), ("dangling", .link)] {
            #expect(kinds[name]! == nil || kinds[name]! == expected, "\(name)")
        }
        #expect(FileSystem.entries(in: root.path + "/missing").isEmpty)
        #expect(FileSystem.entries(in: root.path + "/file.csv").isEmpty)
    }

    @Test func statusMatchesFoundation() throws {
        try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("file.csv").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let status = try #require(FileSystem.status(of: path))
        #expect(status.kind == .file)
        #expect(status.size == 1234)
        #expect(status.size == (attributes[.size] as? Int))
        let foundationSeconds = try #require(attributes[.modificationDate] as? Date).timeIntervalSince1970
        #expect(abs(Double(status.modified) / 1e9 - foundationSeconds) < 1e-3)

        #expect(FileSystem.status(of: root.appendingPathComponent("folder").path)?.kind == .folder)
        #expect(FileSystem.status(of: root.appendingPathComponent("link").path)?.kind == .link)
        #expect(FileSystem.status(of: root.appendingPathComponent("link").path, followingLinks: true)?.size == 1234)
        #expect(FileSystem.status(of: root.appendingPathComponent("dangling").path)?.kind == .link)
        #expect(FileSystem.status(of: root.appendingPathComponent("dangling").path, followingLinks: true) == nil)
        #expect(FileSystem.status(of: root.appendingPathComponent("missing").path) == nil)
    }
}
