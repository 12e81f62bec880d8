import Foundation
import QuireDiagnostics

/// A Jekyll site: `_config.yml`, `_posts/`, `_drafts/`, pages at the root.
struct JekyllSource {
    let root: URL
    let config: ImportValue
    let settings: SiteSettings
    /// The site's pattern with Jekyll's named styles spelled out.
    let permalink: String

    static let styles = [
        "date": "/:categories/:year/:month/:day/:title:output_ext",
        "pretty": "/:categories/:year/:month/:day/:title/",
        "ordinal": "/:categories/:year/:y_day/:title:output_ext",
        "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none": "/:categories/:title:output_ext",
    ]
    static let markdownExtensions = ["md", "markdown", "mkdown", "mkd", "mkdn"]

    init(root: URL, report: inout ImportReport) throws {
        self.root = root
        let file = ["_config.yml", "_config.yaml"].map { root.appendingPathComponent($0) }.first(where: SourceFiles.isFile)
        guard let file else {
            throw Diagnostic.error(
                at: SourceLocation(path: root.path), "no _config.yml: this does not look like a Jekyll site",
                hint: "name the folder that holds _config.yml and _posts/")
        }
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        config = try ImportValue.yaml(text, path: file.lastPathComponent, lineOffset: 0)
        var timezone = TimeZone(identifier: "UTC")!
        var timezoneName: String?
        if let name = config["timezone"]?.string {
            if let zone = TimeZone(identifier: name) {
                timezone = zone
                timezoneName = name
            } else {
                report.note(file.lastPathComponent, line: 1, "unknown timezone '\(name)'; UTC used")
            }
        }
        var baseURL = SiteSettings.joinBase(url: config["url"]?.string, path: config["baseurl"]?.string)
        if baseURL == nil {
            report.note(file.lastPathComponent, line: 1, "no absolute `url:`; base_url set to https://example.org/ — edit quire.yaml")
            baseURL = SiteSettings.joinBase(url: "https://example.org", path: config["baseurl"]?.string)
        }
        settings = SiteSettings(
            title: config["title"]?.string ?? root.lastPathComponent, description: config["description"]?.string,
            author: FrontMatterMapping.author(config["author"]), language: config["lang"]?.string,
            baseURL: baseURL!, timezone: timezone, timezoneName: timezoneName)
        let pattern = config["permalink"]?.string ?? "date"
        permalink = Self.styles[pattern] ?? (pattern.hasPrefix("/") ? pattern : "/" + pattern)
    }

    /// Posts, drafts and root pages, each with its old address.
    func documents(report: inout ImportReport) -> [SourceDocument] {
        var documents: [SourceDocument] = []
        // `_posts/` at the root and under category folders (`ml/_posts/`).
        var postFolders: [(folder: URL, categories: [String])] = []
        if SourceFiles.isDirectory(root.appendingPathComponent("_posts")) {
            postFolders.append((root.appendingPathComponent("_posts"), []))
        }
        for name in SourceFiles.names(in: root) where !name.hasPrefix("_") && SourceFiles.isDirectory(root.appendingPathComponent(name)) {
            let nested = root.appendingPathComponent(name).appendingPathComponent("_posts")
            if SourceFiles.isDirectory(nested), name != "node_modules", name != "vendor" { postFolders.append((nested, [name])) }
        }
        for (folder, categories) in postFolders {
            for relative in SourceFiles.walk(folder) {
                let file = folder.appendingPathComponent(relative)
                guard Self.markdownExtensions.contains(file.pathExtension.lowercased()) else {
                    if file.pathExtension.lowercased() == "html" {
                        report.note(SourceFiles.relative(file, to: root), line: 1, "an HTML post is not imported; make it Markdown")
                    }
                    continue
                }
                if let document = read(file, kind: .post, draft: false, pathCategories: categories, report: &report) {
                    documents.append(document)
                }
            }
        }
        let drafts = root.appendingPathComponent("_drafts")
        for relative in SourceFiles.walk(drafts) where Self.markdownExtensions.contains((relative as NSString).pathExtension.lowercased()) {
            if let document = read(drafts.appendingPathComponent(relative), kind: .post, draft: true, pathCategories: [], report: &report) {
                documents.append(document)
            }
        }
        for name in SourceFiles.names(in: root) where name.hasSuffix(".html") && name != "index.html" && name != "404.html" {
            let text = (try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)) ?? ""
            if text.hasPrefix("---") {
                report.note(name, line: 1, "not imported: an HTML page (Liquid layout pages have no quire equivalent)")
            }
        }
        for relative in pageFiles() {
            let file = root.appendingPathComponent(relative)
            let stem = file.deletingPathExtension().lastPathComponent.lowercased()
            let atRoot = !relative.contains("/")
            if atRoot, ["readme", "license", "changelog"].contains(stem) { continue }
            guard !(atRoot && (stem == "index" || stem == "404")) else {
                report.note(relative, line: 1, "not imported: quire makes its own \(stem == "index" ? "home page" : "404 page")")
                continue
            }
            guard var document = read(file, kind: .page, draft: false, pathCategories: [], report: &report) else { continue }
            let layout = document.frontMatter["layout"]?.string?.lowercased() ?? ""
            if document.oldURL == "/404.html" || stem == "404" {
                report.note(relative, line: 1, "not imported: quire makes its own 404 page")
                continue
            }
            if document.oldURL == "/" || document.oldURL == "/index.html" {
                // academicpages' about.md is the home page: a researcher's
                // biography, kept as a page, since quire's home page lists posts.
                guard !["splash", "home"].contains(layout), !document.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                    !document.body.contains("{% for "), !document.body.contains("paginator.")
                else {
                    report.note(relative, line: 1, "not imported: quire makes its own home page")
                    continue
                }
                let name = stem == "index" || stem == "home" ? "about" : Self.slugify(stem, pretty: false)
                document.oldURL = "/" + name + "/"
                report.note(relative, line: 1, "the old home page's text is the page /\(name)/ now: quire's home page lists the posts")
            }
            if Self.listingLayouts.contains(layout) || document.body.contains("{% for ") || document.body.contains("paginator.") {
                let why = Self.listingLayouts.contains(layout) ? "layout: \(layout)" : "a Liquid loop over posts"
                report.note(relative, line: 1, "not imported: a listing page (\(why)); quire makes its own listings")
                continue
            }
            documents.append(document)
        }
        documents += collectionDocuments(report: &report)
        return documents
    }

    /// Themes' layouts that list posts by themselves (minimal-mistakes',
    /// academicpages', the default minima's `home`).
    static let listingLayouts: Set<String> = [
        "categories", "category", "tags", "tag", "posts", "collection", "archive", "archive-taxonomy", "home", "blog",
    ]

    /// Markdown files Jekyll makes pages of: anywhere but in `_` or `.`
    /// folders (unless `include:` names them, as `_pages` often is) and what
    /// `exclude:` names.
    private func pageFiles() -> [String] {
        let included = Set(config["include"]?.words ?? [])
        let excluded = (config["exclude"]?.words ?? []) + ["node_modules", "vendor", "Gemfile", "Gemfile.lock"]
        return SourceFiles.walk(root).filter { relative in
            guard Self.markdownExtensions.contains((relative as NSString).pathExtension.lowercased()) else { return false }
            let parts = relative.split(separator: "/").map(String.init)
            for (index, part) in parts.dropLast().enumerated() {
                if (part.hasPrefix("_") || part.hasPrefix(".")) && !(index == 0 && included.contains(part)) { return false }
            }
            return !excluded.contains { pattern in
                let trimmed = pattern.hasSuffix("/") ? String(pattern.dropLast()) : pattern
                return parts.first == trimmed || relative == trimmed || fnmatch(trimmed, relative, 0) == 0
                    || fnmatch(trimmed, parts[0], 0) == 0
            }
        }.sorted()
    }

    /// Documents of the collections the old site published (`output: true`):
    /// posts tagged with the collection's label, each keeping its address,
    /// so `/tags/<label>/` lists them. Unpublished collections are noted.
    private func collectionDocuments(report: inout ImportReport) -> [SourceDocument] {
        guard let collections = config["collections"] else { return [] }
        var entries: [(label: String, settings: ImportValue?)] = []
        switch collections {
        case .table(let table): entries = table.map { ($0.key, $0.value) }
        case .list(let labels): entries = labels.compactMap { $0.string }.map { ($0, nil) }
        default: return []
        }
        let folder = root.appendingPathComponent(config["collections_dir"]?.string ?? "")
        var documents: [SourceDocument] = []
        for (label, settings) in entries where label != "posts" && label != "drafts" {
            let collection = folder.appendingPathComponent("_" + label)
            let files = SourceFiles.walk(collection).filter {
                Self.markdownExtensions.contains(($0 as NSString).pathExtension.lowercased())
            }
            guard !files.isEmpty else { continue }
            guard settings?["output"]?.bool == true else {
                report.note(
                    SourceFiles.relative(collection, to: root), line: 1,
                    "not imported: the collection \(label) (\(files.count) documents) was not published by the old site (no output: true)")
                continue
            }
            for relative in files {
                let pattern = settings?["permalink"]?.string.map { Self.styles[$0] ?? $0 } ?? "/:collection/:path:output_ext"
                if var document = read(
                    collection.appendingPathComponent(relative), kind: .post, draft: false, pathCategories: [], report: &report,
                    collection: (label, pattern, (relative as NSString).deletingPathExtension))
                {
                    document.extraTags = [label]
                    documents.append(document)
                }
            }
            report.count("collection documents imported as posts tagged with their collection", files.count)
        }
        return documents
    }

    /// `collection`: the label, permalink pattern and path (without its
    /// extension) of a collection's document, read as a post.
    private func read(
        _ file: URL, kind: SourceDocument.Kind, draft: Bool, pathCategories: [String], report: inout ImportReport,
        collection: (label: String, pattern: String, path: String)? = nil
    ) -> SourceDocument? {
        let path = SourceFiles.relative(file, to: root)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            report.note(path, line: 1, "not imported: not UTF-8 text")
            return nil
        }
        let split: (frontMatter: ImportValue, body: String, bodyLine: Int)
        do {
            guard let found = try SourceFrontMatter.split(text, path: path, report: &report) else {
                // Jekyll copies a file without front matter as it is: not a page.
                if kind == .post { report.note(path, line: 1, "not imported: a post without front matter is not published by Jekyll") }
                return nil
            }
            split = found
        } catch {
            for diagnostic in error.diagnostics(orAt: SourceLocation(path: path)) {
                report.note(path, line: diagnostic.location.line, "not imported: " + diagnostic.message)
            }
            return nil
        }
        let matter = split.frontMatter
        let basename = file.deletingPathExtension().lastPathComponent
        var name = basename
        var date: ImportedDate?
        if kind == .post, let match = Self.datePrefix(basename) {
            date = match.date
            name = match.rest
        } else if kind == .post, !draft, collection == nil {
            report.note(path, line: 1, "not imported: a post's file name must start with its date (YYYY-MM-DD-title)")
            return nil
        }
        if let text = matter["date"]?.string {
            if let parsed = ImportedDate(text) {
                date = parsed
            } else {
                report.note(path, line: 1, "'date: \(text)' is not a date quire reads; the file name's date is used")
            }
        }
        if kind == .post, date == nil {
            date = SourceFiles.modificationDay(file)
            report.note(
                path, line: 1,
                "a \(collection == nil ? "draft" : "collection document") without a date: dated by its file's modification day")
        }
        let slugSource = matter["slug"]?.string ?? name
        var categories: [String] = pathCategories
        for key in ["category", "categories"] {
            for word in matter[key]?.words ?? [] where !categories.contains(word) { categories.append(word) }
        }
        let title = matter["title"]?.nonBlankString ?? Self.titleize(name)
        var placeholders: [String: String] = [
            "title": Self.slugify(slugSource, pretty: true), "slug": Self.slugify(slugSource, pretty: false),
            "name": Self.slugify(basename, pretty: false), "output_ext": ".html", "collection": collection?.label ?? "posts",
            "categories": categories.map { $0.lowercased() }.joined(separator: "/"),
            "basename": basename, "path": collection?.path ?? (kind == .page ? (path as NSString).deletingLastPathComponent : ""),
        ]
        if let date {
            let day = date.civilDay(in: settings.timezone, keepingOffset: false)
            placeholders.merge(Self.datePlaceholders(day, time: date.time)) { $1 }
        }
        let pattern: String
        if let own = matter["permalink"]?.string {
            pattern = own
        } else if let collection {
            pattern = collection.pattern
        } else if kind == .page {
            // Jekyll's page addresses follow the style's ending: `/about/` or
            // `/about.html`, under the page's folder; `index` is the folder's own.
            pattern =
                basename == "index" ? "/:path/" : permalink.hasSuffix("/") ? "/:path/:basename/" : "/:path/:basename:output_ext"
        } else {
            pattern = permalink
        }
        let published = matter["published"]?.bool ?? true
        var document = SourceDocument(
            kind: kind, path: path, file: file, bundleFolder: nil, frontMatter: matter, body: split.body,
            bodyLine: split.bodyLine, oldURL: Self.expand(pattern, placeholders), placeholders: placeholders,
            date: date, draft: draft || !published || (matter["draft"]?.bool ?? false), title: title)
        document.lookupNames = [basename, path, (path as NSString).deletingPathExtension]
        return document
    }

    /// `2019-03-04-my-post` → the date and `my-post`.
    static func datePrefix(_ name: String) -> (date: ImportedDate, rest: String)? {
        let parts = name.split(separator: "-", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            ISODateTime(year: year, month: month, day: day).impossibility == nil, !parts[3].isEmpty
        else { return nil }
        return (ImportedDate(year: year, month: month, day: day), String(parts[3]))
    }

    static func datePlaceholders(_ day: (year: Int, month: Int, day: Int), time: (hour: Int, minute: Int, second: Int)?) -> [String: String]
    {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date()
        let yearDay = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
        let weekday = calendar.component(.weekday, from: date)
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = calendar.timeZone
        return [
            "year": ImportedDate.pad(day.year, 4), "short_year": ImportedDate.pad(day.year % 100, 2),
            "month": ImportedDate.pad(day.month, 2), "i_month": String(day.month),
            "short_month": String(months[day.month - 1].prefix(3)), "long_month": months[day.month - 1],
            "day": ImportedDate.pad(day.day, 2), "i_day": String(day.day), "y_day": ImportedDate.pad(yearDay, 3),
            "short_day": String(days[weekday - 1].prefix(3)), "long_day": days[weekday - 1],
            "week": ImportedDate.pad(iso.component(.weekOfYear, from: date), 2),
            "hour": ImportedDate.pad(time?.hour ?? 0, 2), "minute": ImportedDate.pad(time?.minute ?? 0, 2),
            "second": ImportedDate.pad(time?.second ?? 0, 2),
        ]
    }

    /// The old URL: placeholders replaced (longest name first), slashes
    /// squeezed; a pattern without an ending names a file for Jekyll, a folder for Hugo.
    static func expand(_ pattern: String, _ placeholders: [String: String], fileEnding: Bool = true) -> String {
        var out = ""
        var rest = pattern[...]
        while let colon = rest.firstIndex(of: ":") {
            out += rest[..<colon]
            rest = rest[rest.index(after: colon)...]
            let name = rest.prefix { $0.isLowercase || $0 == "_" }
            // `:title:output_ext`: a name ends where the next placeholder starts.
            if let known = placeholders.keys.filter({ name.hasPrefix($0) }).max(by: { $0.count < $1.count }) {
                out += placeholders[known]!
                rest = rest.dropFirst(known.count)
            } else {
                out += ":"
            }
        }
        out += rest
        var squeezed = ""
        for character in "/" + out where !(character == "/" && squeezed.hasSuffix("/")) { squeezed.append(character) }
        // Jekyll writes `…/title.html` for a pattern without an ending; hosts serve it at `…/title` too.
        if !squeezed.hasSuffix("/"), !squeezed.hasSuffix(".html") { squeezed += fileEnding ? ".html" : "/" }
        return squeezed
    }

    /// Jekyll's `Utils.slugify`: `pretty` keeps case and `._~!$&'()+,;=@`.
    static func slugify(_ text: String, pretty: Bool) -> String {
        var out = ""
        var dash = false
        for character in text {
            let keep = character.isLetter || character.isNumber || (pretty && "._~!$&'()+,;=@".contains(character))
            if keep {
                if dash, !out.isEmpty { out.append("-") }
                out.append(character)
                dash = false
            } else {
                dash = true
            }
        }
        return pretty ? out : out.lowercased()
    }

    /// `my-first-post` → "My First Post", as Jekyll titles a post without one.
    static func titleize(_ slug: String) -> String {
        slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
