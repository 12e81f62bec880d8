import Foundation
import Testing

@testable import QuireSite

/// What `quire serve` recalls instead of redoing must still change whenever
/// an edit reaches it: the link check kept per page (`LinkCheckMemo`) and the
/// sources not read again while their stamps hold (`ContentMemo`). The oracle
/// for the link check is a one-shot `quire check` of the same sources, which
/// checks every link of the site from nothing.
@Suite struct ServeRecallTests {
    static func post(_ title: String, date: String, body: String) -> String {
        "---\ntitle: \(title)\ndate: \(date)\n---\n\n\(body)\n"
    }

    static let linking = post("First", date: "2026-01-02", body: "See [its results](/posts/other/#results).")
    static let linked = post("Other", date: "2026-01-01", body: "## Results\n\nText.")

    func errors(_ report: BuildReport) -> [String] { report.errors.map(\.description) }

    /// The serve rebuild's errors, which must be the ones a full check of the same sources finds.
    func rebuild(_ serve: IncrementalBuild, _ fixture: SiteFixture, _ what: String) async -> [String] {
        let served = errors(await serve.rebuild())
        let checked = errors(await fixture.build { $0.writeOutput = false })
        #expect(served == checked, "after \(what): serve and a full check disagree")
        return served
    }

    @Test func aLinkBrokenOrMendedElsewhereIsFoundByTheNextRebuild() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/first.md": Self.linking,
            "content/posts/other.md": Self.linked,
            "content/posts/plain.md": Self.post("Plain", date: "2025-12-31", body: "Opening.\n\nNo links."),
        ])
        defer { fixture.remove() }
        let serve = IncrementalBuild(options: BuildOptions(root: fixture.root))
        #expect(await rebuild(serve, fixture, "the first build") == [])

        // The edited post's page has other ids; the broken link is on a page that did not change.
        try fixture.write("content/posts/other.md", Self.linked.replacingOccurrences(of: "## Results", with: "## Outcome"))
        #expect(
            await rebuild(serve, fixture, "the heading renamed") == [
                "content/posts/first.md:6:19: error: broken anchor '/posts/other/#results': /posts/other/index.html has no element with id 'results'"
            ])
        try fixture.write("content/posts/other.md", Self.linked)
        #expect(await rebuild(serve, fixture, "the heading restored") == [])

        try fixture.write("content/posts/first.md", Self.linking + "\nAnd [the third](/posts/third/).\n")
        #expect(
            await rebuild(serve, fixture, "a link to a post not yet written") == [
                "content/posts/first.md:8:17: error: broken link '/posts/third/': nothing is built at /posts/third/index.html"
            ])
        // A new file mends a link on a page that did not change.
        try fixture.write("content/posts/third.md", Self.post("Third", date: "2025-12-01", body: "Here."))
        #expect(await rebuild(serve, fixture, "the third post written") == [])

        // Hand-worked: a later paragraph of Plain changes only Plain's own page
        // (its summary is the first paragraph, so no listing changes), and
        // nothing links into it with a fragment: one page is checked again.
        try fixture.write("content/posts/plain.md", Self.post("Plain", date: "2025-12-31", body: "Opening.\n\nStill no links."))
        #expect(await rebuild(serve, fixture, "a paragraph of Plain edited") == [])
        #expect(await serve.memory.linkChecks.lastChecked == 1)
        #expect(try fixture.read("site/posts/plain/index.html").contains("Still no links."))
    }

    @Test func anEditKeepingTheSizeIsSeenBeforeAndAfterTheStampSettles() async throws {
        let fixture = try SiteFixture(files: ["content/posts/a.md": Self.post("A", date: "2026-01-01", body: "Version 1.")])
        defer { fixture.remove() }
        let serve = IncrementalBuild(options: BuildOptions(root: fixture.root))
        #expect(await serve.rebuild().succeeded)
        // Same size, written at once: the file's times may not have moved on a coarse clock.
        try fixture.write("content/posts/a.md", Self.post("A", date: "2026-01-01", body: "Version 2."))
        #expect((await serve.rebuild()).itemsRendered == 1)
        #expect(try fixture.read("site/posts/a/index.html").contains("Version 2."))

        // Once the file has been left alone for longer than the stamp's margin, a
        // rebuild trusts its stamp and does not read it; the next edit must still show.
        try await Task.sleep(for: .milliseconds(1_200))
        #expect((await serve.rebuild()).itemsRendered == 0)
        try fixture.write("content/posts/a.md", Self.post("A", date: "2026-01-01", body: "Version 3."))
        #expect((await serve.rebuild()).itemsRendered == 1)
        #expect(try fixture.read("site/posts/a/index.html").contains("Version 3."))
    }

    @Test func aFileAddedToOrRemovedFromASettledBundleIsSeen() async throws {
        let fixture = try SiteFixture(files: [
            "content/posts/b/index.md": Self.post("B", date: "2026-01-01", body: "A bundle.")
        ])
        defer { fixture.remove() }
        let serve = IncrementalBuild(options: BuildOptions(root: fixture.root))
        #expect(await serve.rebuild().succeeded)
        // Left alone past the stamp's margin, the folders' listings are remembered by their stamps.
        try await Task.sleep(for: .milliseconds(1_200))
        #expect(await serve.rebuild().succeeded)
        let published = fixture.site.appendingPathComponent("posts/b/notes.txt").path
        #expect(!FileManager.default.fileExists(atPath: published))

        try fixture.write("content/posts/b/notes.txt", "published beside the post")
        #expect(await serve.rebuild().succeeded)
        #expect(FileManager.default.fileExists(atPath: published))
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("content/posts/b/notes.txt"))
        #expect(await serve.rebuild().succeeded)
        #expect(!FileManager.default.fileExists(atPath: published))

        // A new post folder in posts/, whose own listing was remembered the same way.
        try fixture.write("content/posts/c/index.md", Self.post("C", date: "2026-01-02", body: "Another bundle."))
        #expect(await serve.rebuild().postCount == 2)
        #expect(try fixture.read("site/posts/c/index.html").contains("Another bundle."))
    }
}
