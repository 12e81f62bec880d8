import Foundation
import QuireDiagnostics
import Testing

@testable import QuireData

/// Broken data files: each must be a located error, never a crash.
@Suite struct LoaderErrorTests {
    func firstError(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch { return error.diagnostics(orAt: SourceLocation(path: "?")).first }
    }

    @Test func raggedCSVRowIsReportedAtItsOwnLine() throws {
        let site = try TestSite()
        try site.write("runs.csv", "step,loss\n1,0.5\n2,\"multi\nline\"\n3,0.2,extra\n")
        let scope = try site.scope()
        let error = firstError { _ = try scope.table(named: "runs", at: SourceLocation(path: "post.md", line: 9)) }
        #expect(error?.location == SourceLocation(path: "content/posts/p/runs.csv", line: 5))
        #expect(error?.message.contains("3 fields but the header has 2") == true)
    }

    @Test func unclosedQuoteIsReportedWhereItOpens() throws {
        let site = try TestSite()
        try site.write("a.csv", "x,y\n1,2\n3,\"open\n4,5\n")
        let error = firstError { _ = try site.scope().table(named: "a", at: SourceLocation(path: "post.md")) }
        #expect(error?.location.line == 3)
        #expect(error?.message.contains("never closed") == true)
    }

    @Test func malformedJSONLLineIsReportedAtItsLine() throws {
        let site = try TestSite()
        try site.write("events.jsonl", "{\"a\": 1}\n\n{\"a\": 2,}\n")
        let error = firstError { _ = try site.scope().table(named: "events", at: SourceLocation(path: "post.md")) }
        #expect(error?.location.path == "content/posts/p/events.jsonl")
        #expect(error?.location.line == 3)
    }

    @Test func jsonThatIsNotAnArrayOfObjects() throws {
        let site = try TestSite()
        try site.write("x.json", "{\"a\": 1}")
        try site.write("y.json", "[1, 2]")
        try site.write("z.json", "[{\"a\": 1},\n {\"a\": ]")
        let scope = try site.scope()
        let at = SourceLocation(path: "post.md")
        #expect(firstError { _ = try scope.table(named: "x", at: at) }?.message.contains("array of objects") == true)
        #expect(firstError { _ = try scope.table(named: "y", at: at) }?.message.contains("not an object") == true)
        #expect(firstError { _ = try scope.table(named: "z", at: at) }?.location.line == 2)
    }

    @Test func deeplyNestedJSONIsAnErrorNotAStackOverflow() throws {
        let site = try TestSite()
        try site.write("deep.json", String(repeating: "[", count: 100_000))
        let error = firstError { _ = try site.scope().table(named: "deep", at: SourceLocation(path: "post.md")) }
        #expect(error?.message.contains("nested deeper") == true)
    }

    @Test func npyHeaderThatPromisesMoreBytesThanTheFileHolds() throws {
        let site = try TestSite()
        // 3 × 4 float64 needs 96 bytes; only 40 are there.
        try site.write("acts.npy", npyBytes(descr: "<f8", shape: [3, 4], payload: doubleBytes([1, 2, 3, 4, 5])))
        let error = firstError { _ = try site.scope().matrix(named: "acts", at: SourceLocation(path: "post.md")) }
        #expect(error?.location.path == "content/posts/p/acts.npy")
        #expect(error?.message.contains("promises 96 bytes of data but the file holds 40") == true)
    }

    @Test func npyWithAnOverflowingShape() throws {
        let site = try TestSite()
        try site.write("big.npy", npyBytes(descr: "<f8", shape: [Int.max / 2, 4], payload: []))
        let error = firstError { _ = try site.scope().matrix(named: "big", at: SourceLocation(path: "post.md")) }
        #expect(error?.message.contains("too large") == true || error?.message.contains("promises") == true)
    }

    // Found by FuzzNPY: an empty array whose other dimensions overflow its strides.
    @Test func npyEmptyArrayWithHugeDimensions() throws {
        let site = try TestSite()
        try site.write("empty.npy", npyBytes(descr: "<f4", shape: [0, 1 << 62, 4], payload: []))
        let error = firstError { _ = try site.scope().matrix(named: "empty", at: SourceLocation(path: "post.md")) }
        #expect(error?.message.contains("too large") == true)
        // Found by FuzzNPY next: (25555555555, 3, 0) holds nothing but would loop for hours.
        try site.write("wide.npy", npyBytes(descr: "<f2", shape: [25_555_555_555, 3, 0], payload: []))
        let wide = firstError { _ = try site.scope().matrix(named: "wide", at: SourceLocation(path: "post.md")) }
        #expect(wide?.message.contains("an empty array of shape (25555555555 × 3 × 0) is too large") == true)
        try site.write("flat.npy", npyBytes(descr: ">i4", shape: [3553, 3_777_777, 0], payload: []))
        #expect(
            firstError { _ = try site.scope().matrix(named: "flat", at: SourceLocation(path: "post.md")) }?.message.contains("too large")
                == true)
    }

    @Test func npyWithAnUnsupportedDtypeOrRank() throws {
        let site = try TestSite()
        try site.write("c.npy", npyBytes(descr: "<c16", shape: [1], payload: Array(repeating: 0, count: 16)))
        try site.write("r4.npy", npyBytes(descr: "<f8", shape: [1, 1, 1, 1], payload: doubleBytes([1])))
        try site.write("junk.npy", Data("not numpy at all".utf8))
        let scope = try site.scope()
        let at = SourceLocation(path: "post.md")
        #expect(firstError { _ = try scope.matrix(named: "c", at: at) }?.message.contains("not supported") == true)
        #expect(firstError { _ = try scope.matrix(named: "r4", at: at) }?.message.contains("4-D") == true)
        #expect(firstError { _ = try scope.matrix(named: "junk", at: at) }?.message.contains("magic") == true)
    }

    @Test func unknownTableSuggestsTheNearestName() throws {
        let site = try TestSite()
        try site.write("losses.csv", "a\n1\n")
        let error = firstError { _ = try site.scope().table(named: "loses", at: SourceLocation(path: "post.md", line: 4)) }
        #expect(error?.location == SourceLocation(path: "post.md", line: 4))
        #expect(error?.hint == "did you mean 'losses'?")
    }

    @Test func symlinkOutOfContentIsRefused() throws {
        let site = try TestSite()
        let outside = try site.write("secret.csv", "a\n1\n", in: site.root)
        try FileManager.default.createSymbolicLink(at: site.bundle.appendingPathComponent("leak.csv"), withDestinationURL: outside)
        let error = firstError { _ = try site.scope() }
        #expect(error?.location.path == "content/posts/p/leak.csv")
        #expect(error?.message.contains("outside the content folder") == true)
    }

    @Test func symlinkedFolderOutOfContentIsRefused() throws {
        let site = try TestSite()
        let outside = site.root.appendingPathComponent("private")
        try site.write("secret.csv", "a\n1\n", in: outside)
        try FileManager.default.createSymbolicLink(at: site.bundle.appendingPathComponent("linked"), withDestinationURL: outside)
        // Either the folder is not followed (no table) or its file is refused; never readable.
        do {
            let scope = try site.scope()
            #expect(!scope.names.contains("secret"))
        } catch {
            #expect(error.diagnostics(orAt: SourceLocation(path: "?")).first?.message.contains("outside the content folder") == true)
        }
    }

    @Test func corruptSQLiteFileIsALocatedError() throws {
        let site = try TestSite()
        try site.write("runs.sqlite", "this is not a database, just text long enough to look like a header......")
        let error = firstError { _ = try site.scope() }
        #expect(error?.location.path == "content/posts/p/runs.sqlite")
    }
}
