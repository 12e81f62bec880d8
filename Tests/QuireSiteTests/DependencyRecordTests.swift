import Foundation
import Testing

@testable import QuireSite

/// `quire serve` re-makes an item only when an input its dependency record
/// names changed (ItemInputs): its source, the data folders its directives
/// listed and the data files they read, and what every page reads (the
/// templates). Counts are `BuildReport.itemsRendered`; which posts read what
/// is fixed by the fixture below, so each expected count is worked out by hand.
@Suite struct DependencyRecordTests {
    static func post(_ title: String, date: String, body: String) -> String {
        "---\ntitle: \(title)\ndate: \(date)\n---\n\n\(body)\n"
    }

    /// Five items: three posts with inline values (two read content/data/shared.csv,
    /// one its own bundle's own.csv), one post and one page with no directives.
    static func fixture() throws -> SiteFixture {
        try SiteFixture(files: [
            "content/data/shared.csv": "v\n10\n",
            "content/posts/reads-shared.md": post("Reads shared", date: "2026-01-01", body: "Shared is {{ shared.v[0] }}."),
            "content/posts/shadow/index.md": post("Shadow", date: "2026-01-02", body: "Here shared is {{ shared.v[0] }}."),
            "content/posts/own/index.md": post("Own", date: "2026-01-03", body: "Own is {{ own.v[0] }}."),
            "content/posts/own/own.csv": "v\n1\n",
            "content/posts/plain.md": post("Plain", date: "2026-01-04", body: "No directives, no values."),
            "content/about.md": "---\ntitle: About\n---\n\nAbout us.\n",
        ])
    }

    /// The fixture, served once: its first rebuild makes every item.
    func served() async throws -> (SiteFixture, IncrementalBuild) {
        let site = try Self.fixture()
        let serve = IncrementalBuild(options: BuildOptions(root: site.root))
        #expect(try await rebuild(serve, "first") == 5)
        return (site, serve)
    }

    func rebuild(_ serve: IncrementalBuild, _ what: String) async throws -> Int {
        let report = await serve.rebuild()
        try #require(report.succeeded, "\(what): \(report.diagnostics.map(\.description))")
        return report.itemsRendered
    }

    @Test func aDataFileEditReRendersExactlyThePostsThatReadIt() async throws {
        let (site, serve) = try await served()
        defer { site.remove() }
        #expect(try await rebuild(serve, "nothing changed") == 0)

        try site.write("content/data/shared.csv", "v\n20000\n")
        #expect(try await rebuild(serve, "shared.csv edited") == 2, "reads-shared and shadow read it; own only listed its folder")
        #expect(try site.read("site/posts/reads-shared/index.html").contains("Shared is 20000."))
        #expect(try site.read("site/posts/shadow/index.html").contains("Here shared is 20000."))

        try site.write("content/posts/own/own.csv", "v\n7777\n")
        #expect(try await rebuild(serve, "own.csv edited") == 1)
        #expect(try site.read("site/posts/own/index.html").contains("Own is 7777."))
    }

    @Test func aDataFileAddedUnderANameAPostMissedReRendersIt() async throws {
        let (site, serve) = try await served()
        defer { site.remove() }
        // shadow looked for `shared` in its bundle first and missed; a bundle file now shadows the site-wide one.
        try site.write("content/posts/shadow/shared.csv", "v\n31\n")
        #expect(try await rebuild(serve, "shadow/shared.csv added") == 1)
        #expect(try site.read("site/posts/shadow/index.html").contains("Here shared is 31."))
        #expect(try site.read("site/posts/reads-shared/index.html").contains("Shared is 10."))
    }

    @Test func aNewSiteDataFileReRendersOnlyPostsWithDirectives() async throws {
        let (site, serve) = try await served()
        defer { site.remove() }
        // Any name those three looked up may now resolve differently; plain and about have no directives.
        try site.write("content/data/more.csv", "w\n1\n")
        #expect(try await rebuild(serve, "content/data/more.csv added") == 3)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/data/more.csv"))
        #expect(try await rebuild(serve, "content/data/more.csv removed") == 3)
    }

    /// A rebuild that fails writes nothing; the items it made are not recalled
    /// as if their pages were on disk.
    @Test func anItemMadeInAFailedRebuildIsWrittenByTheNextGoodOne() async throws {
        let (site, serve) = try await served()
        defer { site.remove() }
        try site.write("content/posts/plain.md", Self.post("Plain", date: "2026-01-04", body: "See [the next one](/posts/later/)."))
        let failed = await serve.rebuild()
        #expect(!failed.succeeded, "the link leads nowhere yet")
        try site.write("content/posts/later.md", Self.post("Later", date: "2026-01-05", body: "Here."))
        #expect(try await rebuild(serve, "the linked post added") == 2, "later is new; plain's page was never written")
        #expect(try site.read("site/posts/plain/index.html").contains("the next one"))
    }

    @Test func anEditedPostReRendersOnlyItselfAndATemplateEditEveryItem() async throws {
        let (site, serve) = try await served()
        defer { site.remove() }
        try site.write("content/posts/plain.md", Self.post("Plain", date: "2026-01-04", body: "Edited, still no directives."))
        #expect(try await rebuild(serve, "plain.md edited") == 1)
        try site.write("content/posts/reads-shared.md", Self.post("Reads shared", date: "2026-01-01", body: "Now {{ shared.v[0] }}!"))
        #expect(try await rebuild(serve, "reads-shared.md edited") == 1)
        try site.write("templates/partials/footer.mustache", "<footer>a new footer</footer>")
        #expect(try await rebuild(serve, "a template added") == 5)
        #expect(try site.read("site/about/index.html").contains("a new footer"))
        try site.write("templates/partials/footer.mustache", "<footer>the footer, edited</footer>")
        #expect(try await rebuild(serve, "a template edited") == 5)
        #expect(try site.read("site/posts/plain/index.html").contains("the footer, edited"))
    }
}
