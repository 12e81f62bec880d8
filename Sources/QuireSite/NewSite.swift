import Foundation
import QuireConfig
import QuireDiagnostics

/// `quire init [DIR]`: a site that builds at once, with no `templates/` (the
/// built-in theme is used) and one post showing every kind of directive an
/// author meets first: a data file, a query, a chart and a number in the prose.
public enum NewSite {
    public static let defaultTitle = "My site"
    public static let defaultBaseURL = "https://example.org/"

    /// Writes the site into `folder` (made if missing; it must be empty) and
    /// returns the paths written, below `folder`.
    public static func create(in folder: URL, title: String? = nil, baseURL: String? = nil, date: Date) throws -> [String] {
        let title = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? defaultTitle
        let baseURL = baseURL ?? defaultBaseURL
        let shown = folder.path
        guard !title.isEmpty else {
            throw Diagnostic.error(
                at: SourceLocation(path: shown), "--title must not be empty", hint: "quire init mysite --title \"Field Notes\"")
        }
        try SiteConfig.validateBaseURL(baseURL, at: SourceLocation(path: shown), fromFlag: true)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw Diagnostic.error(
                    at: SourceLocation(path: shown), "\(shown) is a file, not a folder", hint: "name a new folder: quire init mysite")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            guard entries.isEmpty else {
                let some = entries.sorted().prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
                throw Diagnostic.error(
                    at: SourceLocation(path: shown),
                    "\(shown) is not empty (\(some)); quire init only starts a site in an empty or new folder",
                    hint: "name a new folder: quire init mysite")
            }
        }
        let files = files(
            title: title, baseURL: baseURL.hasSuffix("/") ? baseURL : baseURL + "/",
            day: NewPost.dayText(date, timezone: TimeZone(identifier: "UTC")!))
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        }
        return files.map(\.path)
    }

    static func files(title: String, baseURL: String, day: String) -> [(path: String, text: String)] {
        [
            ("quire.yaml", config(title: title, baseURL: baseURL)),
            (
                ".gitignore",
                "# Made by quire build: its output, cache and lock; all are remade on every build.\nsite/\n.quire-cache/\n.site.lock\n"
            ),
            ("content/about.md", about),
            ("content/posts/first-post/index.md", firstPost(day: day)),
            ("content/posts/first-post/reading.csv", readingLog),
        ]
    }

    /// Every key quire reads, with its default and what it does.
    static func config(title: String, baseURL: String) -> String {
        let settings: [(String, String, String)] = [
            ("title", NewPost.yamlQuoted(title), "in the header, every page's <title> and the feeds"),
            ("base_url", NewPost.yamlQuoted(baseURL), "where the site will be published; feeds and the sitemap need absolute links"),
            ("author", "\"\"", "who writes here; a post's own `author:` wins"),
            ("description", "\"\"", "one line about the site, on the home page, in search results and feeds"),
            ("language", "en", "the pages' language (an HTML lang code)"),
            ("feed_items", "20", "how many of the newest posts the RSS and Atom feeds carry"),
            ("permalink", "/posts/:slug/", "each post's address; may also use :year, :month and :day"),
            ("timezone", "UTC", "the zone post dates without a time are read in (an IANA name)"),
            ("paginate", "10", "posts per page of the home page"),
            ("bibliography", "null", "a .bib or CSL-JSON file in content/data/ that posts cite with [@key]"),
            ("citation_style", "null", "author-year when unset, or numeric: how citations and References read"),
            ("math_macros", "{}", "TeX macros for every formula, e.g. {\"\\\\E\": \"\\\\mathbb{E}\"}"),
            ("exclude", "[]", "globs of bundle files not to publish, e.g. [\"**/*.bak\"]"),
        ]
        let width = settings.map { $0.0.count + $0.1.count + 2 }.max() ?? 0
        var text = "# The site's settings. Every key is here with its default value.\n"
        for (key, value, comment) in settings {
            let setting = "\(key): \(value)"
            text += setting + String(repeating: " ", count: width + 2 - setting.count) + "# " + comment + "\n"
        }
        return text
    }

    static let about = """
        ---
        title: About
        ---

        Who writes here, and about what. This page is `content/about.md`: every
        Markdown file directly in `content/` is a page, linked from the header of
        every page.

        """

    static func firstPost(day: String) -> String {
        """
        ---
        title: "A first post, computed from its data"
        date: \(day)
        summary: What a quire post is made of — a data file, a query, a chart and a number in the prose, all recomputed on every build.
        tags: [quire]
        ---

        This post is `content/posts/first-post/index.md`, and it sits beside its
        data: `reading.csv`, a log of pages read each week. Every number and chart
        below is computed from that file each time the site is built. Change a
        number in it and the prose and the chart follow.

        The Markdown of this post holds a `query` block, which shows nothing on
        the page: it runs SQL over the files beside the post (each is a table
        named after its file) and makes a table of weekly totals for what follows.

        ```query weekly
        SELECT week, pages, SUM(pages) OVER (ORDER BY week) AS total
        FROM reading
        ORDER BY week
        ```

        Over {{ weekly.week | count }} weeks that makes {{ weekly.total | last | fmt ",.0f" }}
        pages, {{ weekly.pages | mean | fmt ",.0f" }} a week on average and
        {{ weekly.pages | max | fmt ",.0f" }} in the best week. Those numbers are
        written in the Markdown as `{{ weekly.total | last }}` and so on.

        A `chart` block draws a table as a chart, in the page's colours:

        ```chart
        data: weekly
        mark: bar
        x: {field: week, title: "week"}
        y: {field: pages, title: "pages read"}
        title: Pages read each week
        caption: From `reading.csv`, beside this post.
        ```

        To start your own post, run `quire new post "Its title"`: it is a draft
        until you delete its `draft: true` line. `quire serve` shows the site at
        http://127.0.0.1:1313/ and rebuilds it on every save.

        """
    }

    static let readingLog = """
        week,pages
        1,120
        2,95
        3,160
        4,140
        5,60
        6,185
        7,150
        8,170

        """
}
