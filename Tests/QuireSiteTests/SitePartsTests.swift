import Foundation
import QuireDiagnostics
import QuireMarkdown
import Testing

@testable import QuireContent
@testable import QuireSite

/// The small parts a build is assembled from, each against values worked out
/// by hand.
@Suite struct SitePartsTests {
    static func post(_ slug: String, tags: [String] = [], series: String? = nil) -> ContentItem {
        ContentItem(
            kind: .post, sourcePath: "content/posts/\(slug).md", sourceFile: "/site/content/posts/\(slug).md",
            bundleDirectory: nil, frontMatter: FrontMatter(title: slug, tags: tags, series: series), markdown: "",
            bodyLineOffset: 0, slug: slug, permalink: "/posts/\(slug)/")
    }

    @Test func taxonomyGroupsBySlugKeepingTheFirstSpellingAndEachPostOnce() {
        // Newest first: c, b, a.
        let posts = [
            Self.post("c", tags: ["ML", "Probes"], series: "Helix"),
            Self.post("b", tags: ["ml", "ML"]),
            Self.post("a", tags: ["probes", "PCA"], series: "helix"),
        ]
        let taxonomy = Taxonomy(posts: posts)
        #expect(taxonomy.tags.map(\.slug) == ["ml", "pca", "probes"], "sorted by slug")
        #expect(taxonomy.tags.map(\.name) == ["ML", "PCA", "Probes"], "the newest post's spelling")
        #expect(taxonomy.tags.map(\.posts) == [[0, 1], [2], [0, 2]], "b tagged ML twice is listed once")
        #expect(taxonomy.series.map(\.name) == ["Helix"])
        #expect(taxonomy.series.map(\.posts) == [[0, 2]])
        #expect(Taxonomy(posts: []).tags.isEmpty)
    }

    @Test func tableOfContentsNestsWithoutSkippingLevels() throws {
        func toc(_ markdown: String) -> String? {
            TableOfContents.html(for: MarkdownDocument(markdown, path: "p.md").headings)
        }
        #expect(toc("## A\n\n## B\n") == nil, "fewer than three headings need no table")
        #expect(toc("# Title\n\n## A\n\n##### Deep\n\n## B\n") == nil, "h1 and h5 do not count")
        // h2 A, h3 B, h2 C, h4 D: D is one level under C, never two.
        #expect(
            toc("## A\n\n### B\n\n## C\n\n#### D\n")
                == "<ol><li><a href=\"#a\">A</a><ol><li><a href=\"#b\">B</a></li></ol></li>"
                + "<li><a href=\"#c\">C</a><ol><li><a href=\"#d\">D</a></li></ol></li></ol>")
        // Starting deeper than it goes later still closes every list it opens.
        #expect(
            toc("### A\n\n### B\n\n## C\n")
                == "<ol><li><a href=\"#a\">A</a></li><li><a href=\"#b\">B</a></li><li><a href=\"#c\">C</a></li></ol>")
        #expect(try #require(toc("## Fish & chips\n\n## B\n\n## C\n")).contains(">Fish &amp; chips</a>"))
    }

    @Test func siteURLsHonourABaseWithAPath() {
        let blog = SiteURLs(baseURL: "https://example.org/blog")
        #expect(blog.base == "https://example.org/blog/")
        #expect(blog.root == "/blog/")
        #expect(blog.link("/posts/x/") == "/blog/posts/x/")
        #expect(blog.absolute("/posts/x/") == "https://example.org/blog/posts/x/")
        #expect(blog.link("/") == "/blog/")
        let plain = SiteURLs(baseURL: "https://example.org/")
        #expect(plain.root == "/")
        #expect(plain.link("/tags/ml/") == "/tags/ml/")
        #expect(plain.absolute("/feed.xml") == "https://example.org/feed.xml")
        #expect(SiteURLs(baseURL: "https://example.org").root == "/")
    }

    @Test func outputFilesForSitePaths() {
        #expect(SiteURLs.outputFile(forPath: "/") == "index.html")
        #expect(SiteURLs.outputFile(forPath: "/posts/x/") == "posts/x/index.html")
        #expect(SiteURLs.outputFile(forPath: "/about") == "about/index.html")
        #expect(SiteURLs.outputFile(forPath: "/2019/03/04/x.html") == "2019/03/04/x.html")
    }

    @Test func outputListRefusesAPathClaimedTwice() throws {
        var list = OutputList()
        try list.add("a/index.html", .data(Data("a".utf8)), owner: "content/posts/a.md")
        try list.add("b/index.html", .data(Data("b".utf8)), owner: "content/posts/b.md")
        #expect(list.files.map(\.path) == ["a/index.html", "b/index.html"], "in the order added")
        #expect(
            throws: Diagnostic.error(
                at: SourceLocation(path: "content/about.md"), "'a/index.html' would be written twice (also by content/posts/a.md)",
                hint: "give one of them another slug")
        ) {
            try list.add("a/index.html", .data(Data()), owner: "content/about.md")
        }
        #expect(list.files.count == 2, "the refused file is not added")
    }
}
