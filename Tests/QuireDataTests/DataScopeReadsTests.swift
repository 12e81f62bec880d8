import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

/// What a scope records of what it read (`DataScope.reads`), the data half
/// of serve's per-item dependency records.
@Suite struct DataScopeReadsTests {
    @Test func recordsTheFoldersItListedAndOnlyTheFilesItRead() throws {
        let site = try TestSite()
        let used = try site.write("used.csv", "x\n1\n2\n")
        try site.write("unused.csv", "y\n3\n")
        let shared = try site.write("shared.csv", "z\n4\n", in: site.siteData)
        let scope = try site.scope()
        #expect(Set(scope.reads.folders.keys) == [site.bundle.path, site.siteData.path])
        #expect(scope.reads.files.isEmpty)

        _ = try scope.table(named: "used", at: SourceLocation(path: "p.md"))
        _ = scope.digest(of: "shared")
        let status = { (url: URL) in FileSystem.status(of: url.path, followingLinks: true) }
        #expect(scope.reads.files == [used.path: status(used), shared.path: status(shared)])
        // A miss reads no file; the folder listings it depends on are already recorded.
        #expect(throws: Diagnostic.self) { try scope.table(named: "absent", at: SourceLocation(path: "p.md")) }
        #expect(scope.reads.files.count == 2)
    }

    @Test func aListingChangesWhenADataFileIsAddedNotWhenOneIsEdited() throws {
        let site = try TestSite()
        let file = try site.write("a.csv", "x\n1\n")
        let before = DataScope.listing(of: site.bundle)
        #expect(before == file.path)
        try site.write("a.csv", "x\n1\n2\n3\n")
        #expect(DataScope.listing(of: site.bundle) == before)
        try site.write("notes.txt", "not data")
        #expect(DataScope.listing(of: site.bundle) == before)
        let added = try site.write("b.jsonl", "{\"x\": 1}\n")
        #expect(DataScope.listing(of: site.bundle) == before + "\n" + added.path)
        #expect(try site.scope().reads.folders[site.bundle.path] == DataScope.listing(of: site.bundle))
    }
}
