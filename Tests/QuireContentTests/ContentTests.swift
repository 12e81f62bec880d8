import Foundation
import QuireConfig
import QuireDiagnostics
import Testing
@testable import QuireContent

@Suite struct FrontMatterTests {
    let utc = TimeZone(identifier: "UTC")!

    func parse(_ text: String, requireDate: Bool = true) throws -> (FrontMatter, [Diagnostic]) {
        let split = try SplitSource.split(text, path: "p.md")
        var warnings: [Diagnostic] = []
        let front = try FrontMatter.parse(split, path: "p.md", requireDate: requireDate, timezone: utc, warnings: &warnings)
        return (front, warnings)
    }

    @Test func readsEveryKey() throws {
        let (front, warnings) = try parse("""
            ---
            title: "Helix: part 2"
            date: 2026-03-01T10:30:00+02:00
            updated: 2026-03-05
            summary: Short.
            tags: [probes, pca]
            series: Helix
            draft: false
            slug: helix-2
            author: A. Author
            discuss: https://forum.example/t/1
            ---
            Body
            """)
        #expect(warnings.isEmpty)
        #expect(front.title == "Helix: part 2")
        #expect(front.date == Date(timeIntervalSince1970: 1_772_353_800))
        #expect(front.tags == ["probes", "pca"])
        #expect(front.series == "Helix")
        #expect(front.slug == "helix-2")
        #expect(front.discuss == "https://forum.example/t/1")
    }

    @Test func brokenFrontMatterIsLocated() throws {
        func errors(_ text: String) -> [String] {
            do { _ = try parse(text); return [] } catch { return error.diagnostics(orAt: SourceLocation(path: "?")).map(\.description) }
        }
        #expect(errors("no fence\n") == ["p.md:1:1: error: missing front matter"])
        #expect(errors("---\ntitle: x\n") == ["p.md:1:1: error: front matter is not closed"])
        #expect(errors("---\ndate: 2026-01-01\n---\n") == ["p.md:1:1: error: 'title' is required"])
        #expect(errors("---\ntitle: x\ndate: yesterday\n---\n") == ["p.md:3:7: error: 'date' is not an ISO 8601 date: 'yesterday'"])
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\ndraft: maybe\n---\n") == ["p.md:4:8: error: 'draft' must be true or false"])
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\ntags: {a: 1}\n---\n") == ["p.md:4:7: error: 'tags' must be a list"])
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\nslug: Not OK\n---\n") == ["p.md:4:7: error: slug 'Not OK' may only hold a-z, 0-9, '-' and '_'"])
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\ndiscuss: forum\n---\n") == ["p.md:4:10: error: 'discuss' must be an http(s) URL"])
        #expect(errors("---\n- a list\n---\n").first?.contains("expected a mapping") == true)
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\n  bad: indent\n---\n").first?.contains("invalid YAML") == true)
    }

    @Test func pagesDoNotNeedADate() throws {
        let (front, _) = try parse("---\ntitle: About\n---\n", requireDate: false)
        #expect(front.date == nil)
    }

    @Test func datesWithoutOffsetUseTheSiteTimeZone() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(ContentDate.parse("2026-01-01", timezone: berlin) == Date(timeIntervalSince1970: 1_767_222_000))
        #expect(ContentDate.parse("2026-01-01T00:00:00Z", timezone: berlin) == Date(timeIntervalSince1970: 1_767_225_600))
        #expect(ContentDate.parse("2026-01-01 12:00", timezone: utc) == Date(timeIntervalSince1970: 1_767_268_800))
        for bad in ["2026-02-30", "2026-13-01", "26-01-01", "2026-01-01T25:00", "", "2026-01-01Tx"] {
            #expect(ContentDate.parse(bad, timezone: utc) == nil, "\(bad)")
        }
    }

    @Test func slugsAndPermalinks() {
        #expect(Slug.make(from: "Helical Representations: Part 2!") == "helical-representations-part-2")
        #expect(Slug.make(from: "  ") == "untitled")
        #expect(Slug.make(from: "A newcomer's first note") == "a-newcomers-first-note")
        #expect(Slug.make(from: "Don’t panic") == "dont-panic")
        #expect(Slug.make(from: "Über-Modell") == "ber-modell")
        let date = ContentDate.parse("2026-03-09", timezone: utc)
        #expect(Permalink.expand("/:year/:month/:day/:slug/", slug: "x", date: date, timezone: utc) == "/2026/03/09/x/")
        #expect(Permalink.expand("/posts/:slug", slug: "x", date: date, timezone: utc) == "/posts/x/")
        // Unknown fields stay as written; a post without a date files under 1970.
        #expect(Permalink.expand("/:lang/:slug/", slug: "x", date: date, timezone: utc) == "/:lang/x/")
        #expect(Permalink.expand("/:year/:slug/", slug: "x", date: nil, timezone: utc) == "/1970/x/")
        #expect(Permalink.expand("/:year/:slug/", slug: "x", date: ContentDate.parse("0987-01-02", timezone: utc), timezone: utc) == "/0987/x/")
    }
}

@Suite struct SiteConfigTests {
    func load(_ yaml: String, baseURL: String? = nil) throws -> (SiteConfig, [Diagnostic]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try yaml.write(to: root.appendingPathComponent("quire.yaml"), atomically: true, encoding: .utf8)
        var warnings: [Diagnostic] = []
        return (try SiteConfig.load(from: root, baseURLOverride: baseURL, warnings: &warnings), warnings)
    }

    @Test func defaults() throws {
        let (config, warnings) = try load("title: T\nbase_url: https://x.example/blog\n")
        #expect(warnings.isEmpty)
        #expect(config.baseURL == "https://x.example/blog/")
        #expect(config.feedItems == 20)
        #expect(config.permalink == "/posts/:slug/")
        #expect(config.timezone.secondsFromGMT() == 0)
        #expect(config.language == "en")
    }

    @Test func badConfigIsLocatedAndComplete() throws {
        do {
            _ = try load("title: T\nbase_url: /relative\ntimezone: Mars/Olympus\nfeed_items: -1\npermalink: /posts/\n")
            Issue.record("expected errors")
        } catch {
            let messages = error.diagnostics(orAt: SourceLocation(path: "?")).map(\.description)
            #expect(messages.count == 4)
            #expect(messages.contains("quire.yaml:2:11: error: base_url must be an absolute http(s) URL, not '/relative'"))
            #expect(messages.contains("quire.yaml:3:11: error: unknown time zone 'Mars/Olympus'"))
            #expect(messages.contains("quire.yaml:4:13: error: 'feed_items' must be a whole number from 1 to 10000"))
            #expect(messages.contains("quire.yaml:5:12: error: permalink must start with '/' and contain ':slug'"))
        }
        let (_, warnings) = try load("title: T\nbase_url: https://x.example/\ntitel: typo\n")
        #expect(warnings.map(\.hint) == ["did you mean 'title'?"])
        let (overridden, _) = try load("title: T\nbase_url: https://x.example/\n", baseURL: "https://preview.example/")
        #expect(overridden.baseURL == "https://preview.example/")
    }
}
