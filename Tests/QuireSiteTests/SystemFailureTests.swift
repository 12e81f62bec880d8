import Foundation
import QuireDiagnostics
import QuireSite
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// When the system refuses (a read-only or full disk, a file where the output
/// folder should be, a post that cannot be read), the error names the file
/// and gives the system's reason: `PATH: error: cannot write: REASON`, never
/// a line of quire.yaml that has nothing to do with it.
@Suite struct SystemFailureTests {
    static let post = "---\ntitle: A\ndate: 2026-01-01\n---\nWords.\n"

    static func errors(_ report: BuildReport) -> [String] {
        report.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func anOutputPathThatIsAFileIsReportedThere() async throws {
        let fixture = try SiteFixture(files: ["content/posts/a.md": Self.post, "site": "not a folder"])
        defer { fixture.remove() }
        let report = await fixture.build()
        #expect(Self.errors(report) == ["site: error: cannot write the site: it is a file, not a folder"])
    }

    @Test func aPostLinkThatLeadsNowhereIsAnErrorWithTheReason() async throws {
        let fixture = try SiteFixture(files: ["content/posts/a.md": Self.post])
        defer { fixture.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: fixture.root.appendingPathComponent("content/posts/gone.md").path,
            withDestinationPath: "/nonexistent/quire-test.md")
        let report = await fixture.build()
        #expect(Self.errors(report) == ["content/posts/gone.md: error: cannot read: No such file or directory"])
    }

    /// Root reads every file, so this runs for other users only.
    @Test(.enabled(if: getuid() != 0, "root may read any file"))
    func anUnreadablePostIsPermissionDenied() async throws {
        let fixture = try SiteFixture(files: ["content/posts/a.md": Self.post, "content/posts/b.md": Self.post])
        defer { fixture.remove() }
        let locked = fixture.root.appendingPathComponent("content/posts/b.md").path
        chmod(locked, 0)
        defer { chmod(locked, 0o644) }
        let report = await fixture.build()
        #expect(Self.errors(report) == ["content/posts/b.md: error: cannot read: Permission denied"])
    }

    /// A read-only file system, then a full one: each a small tmpfs, which
    /// needs root and a system that lets it mount.
    @Test(.enabled(if: TinyDisk.canMount, "needs root and mount(8)"))
    func aReadOnlyOrFullDiskNamesTheFile() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/a.md": Self.post,
            "content/posts/b.md": Self.post.replacingOccurrences(of: "Words.", with: String(repeating: "Many words. ", count: 20_000)),
        ])
        defer { fixture.remove() }
        let disk = try TinyDisk(kilobytes: 64)
        defer { disk.unmount() }
        let full = await fixture.build { $0.output = disk.folder.appendingPathComponent("site") }
        let fullErrors = Self.errors(full)
        #expect(fullErrors.count == 1)
        #expect(fullErrors.first?.hasPrefix(disk.folder.path + "/site/") == true)
        #expect(fullErrors.first?.hasSuffix(": error: cannot write: No space left on device") == true, "\(fullErrors)")

        try disk.makeReadOnly()
        let readOnly = await fixture.build { $0.output = disk.folder.appendingPathComponent("site") }
        #expect(Self.errors(readOnly) == ["\(disk.folder.path)/.site.lock: error: cannot create the lock file: Read-only file system"])
    }
}

/// A tmpfs of a few kilobytes, mounted for one test.
struct TinyDisk {
    let folder: URL

    static let canMount: Bool = {
        guard getuid() == 0, let disk = try? TinyDisk(kilobytes: 16) else { return false }
        disk.unmount()
        return true
    }()

    init(kilobytes: Int) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.run("mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])
    }

    func makeReadOnly() throws {
        try Self.run("mount", ["-o", "remount,ro", folder.path])
    }

    func unmount() {
        try? Self.run("umount", [folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    struct Failure: Error { var command: String }

    static func run(_ command: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(command: ([command] + arguments).joined(separator: " ")) }
    }
}
