import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

@Suite struct CacheTests {
    @Test func secondBuildHitsAndEditingTheDataFileMisses() throws {
        let site = try DirectiveTestSite()
        try site.write("losses.csv", "step,loss\n1,0.9\n2,0.5\n")
        let cache = DirectiveCache(siteRoot: site.root)
        let query = site.block("query", "best", "SELECT min(loss) AS best FROM losses")
        let analysis = site.block("analysis", "smooth", "op: ewm\nfrom: best\ncolumns: best\nweight: 0.5")
        func build() throws -> (Table, Table) {
            let context = try site.context(cache: cache)
            _ = try QueryDirective().run(query, in: context)
            _ = try AnalysisDirective().run(analysis, in: context)
            let at = SourceLocation(path: site.post)
            return (try context.scope.table(named: "best", at: at), try context.scope.table(named: "smooth", at: at))
        }
        let first = try build()
        #expect(cache.misses == 2 && cache.hits == 0)
        let second = try build()
        #expect(cache.hits == 2)
        #expect(second.0 == first.0 && second.1 == first.1)
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".quire-cache").path))

        // Same names, same size, different bytes: the key changes, the result follows.
        try site.write("losses.csv", "step,loss\n1,0.9\n2,0.4\n")
        let third = try build()
        #expect(cache.misses == 4)
        #expect(third.0.column(named: "best")?.values == .real([0.4]))
        #expect(third.1.column(named: "best_ewm")?.values == .real([0.4]))
    }

    @Test func noCacheMeansNoFolder() throws {
        let site = try DirectiveTestSite()
        try site.write("losses.csv", "step,loss\n1,0.9\n")
        _ = try QueryDirective().run(site.block("query", "best", "SELECT 1 AS one FROM losses"), in: site.context(cache: nil))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".quire-cache").path))
    }

    @Test func damagedEntryIsAMissNotACrash() throws {
        let site = try DirectiveTestSite()
        try site.write("losses.csv", "step,loss\n1,0.9\n")
        let cache = DirectiveCache(siteRoot: site.root)
        let block = site.block("query", "best", "SELECT loss FROM losses")
        _ = try QueryDirective().run(block, in: site.context(cache: cache))
        let folder = site.root.appendingPathComponent(".quire-cache")
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        where url.pathExtension == "table" {
            try Data([0x51, 0x54, 0x42, 0x31, 0xFF, 0xFF]).write(to: url)
        }
        let context = try site.context(cache: cache)
        _ = try QueryDirective().run(block, in: context)
        #expect(try context.scope.table(named: "best", at: SourceLocation(path: site.post)).column(named: "loss")?.values == .real([0.9]))
    }
}
