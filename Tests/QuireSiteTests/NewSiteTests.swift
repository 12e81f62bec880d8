import Foundation
import QuireDiagnostics
import QuireSite
import Testing

@testable import QuireConfig

/// `quire init`, `quire new` and `quire --version`, run as a user would.
@Suite struct NewSiteTests {
    static var quire: String { CommandLineTests.quire }

    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quire-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func initThenBuildThenCheckInAnEmptyFolder() throws {
        let parent = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let made = try ProcessResult.run(
            Self.quire, ["init", "mysite", "--title", "Notes: first", "--base-url", "https://notes.example/blog/"], in: parent)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("cd mysite && quire serve"))
        let site = parent.appendingPathComponent("mysite")
        #expect(
            !FileManager.default.fileExists(atPath: site.appendingPathComponent("templates").path), "the built-in theme needs no templates/"
        )
        #expect(
            try String(contentsOf: site.appendingPathComponent(".gitignore"), encoding: .utf8).split(separator: "\n").filter {
                !$0.hasPrefix("#")
            } == ["site/", ".quire-cache/", ".site.lock"])

        let built = try ProcessResult.run(Self.quire, ["build"], in: site)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty, "no warnings: \(built.stderr)")
        let post = try String(contentsOf: site.appendingPathComponent("site/posts/first-post/index.html"), encoding: .utf8)
        #expect(post.contains("<figure class=\"chart\""), "the first post has a chart")
        // The inline values, worked out by hand from reading.csv: 120+95+160+140+60+185+150+170.
        #expect(post.contains("Over 8 weeks that makes 1,080"))
        #expect(post.contains("135 a week on average"))
        #expect(post.contains("185 in the best week"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("site/about/index.html").path))
        let feed = try String(contentsOf: site.appendingPathComponent("site/feed.xml"), encoding: .utf8)
        #expect(feed.contains("https://notes.example/blog/posts/first-post/"))
        let home = try String(contentsOf: site.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(home.contains("<h1>Notes: first</h1>"))
        #expect(!home.contains("·  ·") && !post.contains("·  ·"), "an empty author leaves no empty slot between dots")

        let checked = try ProcessResult.run(Self.quire, ["check"], in: site)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("no problems in 1 posts and 1 pages"))
    }

    @Test func theConfigInitWritesHasEveryKeyAtItsDefault() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try NewSite.create(in: folder, date: Date(timeIntervalSince1970: 0))
        let text = try String(contentsOf: folder.appendingPathComponent("quire.yaml"), encoding: .utf8)
        for key in SiteConfig.knownKeys {
            let line = text.split(separator: "\n").first { $0.hasPrefix("\(key):") }
            #expect(line != nil, "quire.yaml has no '\(key)'")
            #expect(line?.contains(" # ") == true, "'\(key)' has no comment")
        }
        var warnings: [Diagnostic] = []
        let loaded = try SiteConfig.load(from: folder, warnings: &warnings)
        #expect(warnings.isEmpty, "\(warnings)")
        // Every value written is the default SiteConfig itself chooses.
        #expect(loaded == SiteConfig(title: NewSite.defaultTitle, baseURL: NewSite.defaultBaseURL))
    }

    @Test func initRefusesAFolderWithAnythingInIt() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "notes".write(to: folder.appendingPathComponent("todo.txt"), atomically: true, encoding: .utf8)
        let result = try ProcessResult.run(Self.quire, ["init"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: \(folder.path) is not empty (todo.txt)"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["todo.txt"], "nothing was written")

        let badURL = try ProcessResult.run(Self.quire, ["init", "other", "--base-url", "example.org"], in: folder)
        #expect(badURL.status == 1)
        #expect(badURL.stderr.contains("--base-url must be an absolute http(s) URL"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other").path))
    }

    @Test func aNewPostIsADraftLeftOutOfTheBuild() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ProcessResult.run(Self.quire, ["init"], in: folder).status == 0)
        let created = try ProcessResult.run(Self.quire, ["new", "post", "Half written"], in: folder)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("created content/posts/half-written/index.md"))
        #expect(
            created.stdout.contains("draft") && created.stdout.contains("--drafts") && created.stdout.contains("draft: true"),
            "says how to publish")
        let source = try String(contentsOf: folder.appendingPathComponent("content/posts/half-written/index.md"), encoding: .utf8)
        #expect(source.contains("\ndraft: true\n"))

        #expect(try ProcessResult.run(Self.quire, ["build"], in: folder).status == 0)
        let draftPage = folder.appendingPathComponent("site/posts/half-written/index.html")
        #expect(!FileManager.default.fileExists(atPath: draftPage.path))
        #expect(try !String(contentsOf: folder.appendingPathComponent("site/feed.xml"), encoding: .utf8).contains("Half written"))
        #expect(try ProcessResult.run(Self.quire, ["build", "--drafts"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: draftPage.path))

        let page = try ProcessResult.run(Self.quire, ["new", "page", "Colophon"], in: folder)
        #expect(page.status == 0, "\(page.stderr)")
        #expect(try ProcessResult.run(Self.quire, ["build"], in: folder).status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("site/index.html"), encoding: .utf8).contains(">Colophon</a>"))
    }

    @Test func newThemeCopiesOnceAndEveryNoSiteErrorHintsInit() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [["build"], ["check"], ["new", "post", "X"], ["new", "page", "X"], ["new", "theme"]] {
            let result = try ProcessResult.run(Self.quire, arguments, in: folder)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("quire init"), "\(arguments): \(result.stderr)")
        }
        #expect(try ProcessResult.run(Self.quire, ["init"], in: folder).status == 0)
        let copied = try ProcessResult.run(Self.quire, ["new", "theme"], in: folder)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("templates/partials/header.mustache").path))
        let again = try ProcessResult.run(Self.quire, ["new", "theme"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("templates/ already has templates/404.mustache"), "\(again.stderr)")
    }

    /// The library versions as Python's ctypes reads them from the same shared libraries.
    static let libraryVersions = #"""
        import ctypes, ctypes.util
        cmark = ctypes.CDLL(ctypes.util.find_library("cmark-gfm"))
        cmark.cmark_version_string.restype = ctypes.c_char_p
        sqlite = ctypes.CDLL(ctypes.util.find_library("sqlite3"))
        sqlite.sqlite3_libversion.restype = ctypes.c_char_p
        print(cmark.cmark_version_string().decode())
        print(sqlite.sqlite3_libversion().decode())
        """#

    @Test func versionNamesQuireAndTheLibrariesItRunsWith() throws {
        let oracle = try ProcessResult.run("python3", ["-c", Self.libraryVersions])
        try #require(oracle.status == 0, "python3 could not load the libraries: \(oracle.stderr)")
        let versions = oracle.stdout.split(separator: "\n").map(String.init)
        let result = try ProcessResult.run(Self.quire, ["--version"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines.first?.wholeMatch(of: /quire \d+\.\d+\.\d+( \(commit [0-9a-f]+(-dirty)?\))?/) != nil, "\(result.stdout)")
        #expect(lines.dropFirst().first == "cmark-gfm \(versions[0])")
        #expect(lines.last == "SQLite \(versions[1])")
    }
}
