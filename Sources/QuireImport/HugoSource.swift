import Foundation
import QuireDiagnostics

/// A Hugo site: `hugo.toml`/`config.toml`/`hugo.yaml`/`config.yaml` (or
/// `config/_default/`), posts under `content/<section>/` as single files or
/// page bundles, pages at the top of `content/`, assets in `static/`.
struct HugoSource {
    let root: URL
    let config: ImportValue
    let settings: SiteSettings
    let contentFolder: URL
    let sections: [String]
    /// `[permalinks]` by section.
    let permalinks: [String: String]
    let uglyURLs: Bool
    let lowercasePaths: Bool
    /// `/ko` when the default language's pages are published under its code
    /// (`defaultContentLanguageInSubdir`), else empty.
    let languagePrefix: String
    /// Whether the site renders `$…$` as math (KaTeX or MathJax set up, or Hugo's passthrough).
    let dollarMath: Bool
    /// Without the passthrough extension, Goldmark resolved `\_` and the like inside math.
    let markdownEscapesInMath: Bool

    static let configNames = ["hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml"]

    init(root: URL, report: inout ImportReport) throws {
        self.root = root
        var config = ImportValue.table([])
        var found = false
        for folder in [root, root.appendingPathComponent("config/_default")] {
            for name in Self.configNames {
                let file = folder.appendingPathComponent(name)
                guard SourceFiles.isFile(file), let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                let path = SourceFiles.relative(file, to: root)
                let value =
                    name.hasSuffix(".toml") ? try TOMLReader.read(text, path: path) : try ImportValue.yaml(text, path: path, lineOffset: 0)
                config = Self.merge(config, value)
                found = true
            }
            // config/_default/params.toml, permalinks.toml … are the tables of those names.
            if folder.lastPathComponent == "_default" {
                for name in SourceFiles.names(in: folder)
                where !Self.configNames.contains(name) && (name.hasSuffix(".toml") || name.hasSuffix(".yaml")) {
                    let file = folder.appendingPathComponent(name)
                    guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                    let path = SourceFiles.relative(file, to: root)
                    let value =
                        name.hasSuffix(".toml")
                        ? try TOMLReader.read(text, path: path) : try ImportValue.yaml(text, path: path, lineOffset: 0)
                    config = Self.merge(config, .table([((name as NSString).deletingPathExtension, value)]))
                }
            }
        }
        guard found else {
            throw Diagnostic.error(
                at: SourceLocation(path: root.path),
                "no hugo.toml, config.toml, hugo.yaml or config.yaml: this does not look like a Hugo site",
                hint: "name the folder that holds the config and content/")
        }
        self.config = config
        var timezone = TimeZone(identifier: "UTC")!
        var timezoneName: String?
        if let name = config.lookup("timeZone")?.string, let zone = TimeZone(identifier: name) {
            timezone = zone
            timezoneName = name
        }
        var baseURL = SiteSettings.joinBase(url: config.lookup("baseURL")?.string, path: nil)
        if baseURL == nil {
            report.note("config", line: 1, "no absolute baseURL; base_url set to https://example.org/ — edit quire.yaml")
            baseURL = "https://example.org/"
        }
        let author = FrontMatterMapping.author(config.lookup("params.author")) ?? FrontMatterMapping.author(config.lookup("author"))
        settings = SiteSettings(
            title: config.lookup("title")?.string ?? root.lastPathComponent,
            description: config.lookup("params.description")?.string ?? config.lookup("description")?.string,
            author: author, language: config.lookup("languageCode")?.string, baseURL: baseURL!,
            timezone: timezone, timezoneName: timezoneName)
        // A site in several languages keeps each one's content in its own
        // folder; quire makes one-language sites, so the default language's is read.
        let language = config.lookup("defaultContentLanguage")?.string?.lowercased() ?? "en"
        if case .table(let languages)? = config.lookup("languages") {
            for (code, settings) in languages where code.lowercased() != language {
                if let folder = settings.lookup("contentDir")?.string {
                    report.note(
                        "config", line: 1,
                        "not imported: \(folder), the \(code) content (quire makes a site in one language, here \(language))")
                }
            }
        }
        languagePrefix = config.lookup("defaultContentLanguageInSubdir")?.bool == true ? "/" + language : ""
        let contentFolder = root.appendingPathComponent(
            config.lookup("languages.\(language).contentDir")?.string ?? config.lookup("contentDir")?.string ?? "content")
        self.contentFolder = contentFolder
        let declared = config.lookup("params.mainSections")?.words ?? config.lookup("params.main_sections")?.words ?? []
        let existing = SourceFiles.names(in: contentFolder).filter { SourceFiles.isDirectory(contentFolder.appendingPathComponent($0)) }
        let named = declared.filter { existing.contains($0) }
        let conventional = ["posts", "post", "blog"].filter { existing.contains($0) }
        sections = !named.isEmpty ? named : !conventional.isEmpty ? conventional : Self.largestSection(existing, in: contentFolder)
        var permalinks: [String: String] = [:]
        if case .table(let entries)? = config.lookup("permalinks") {
            for (key, value) in entries {
                if let pattern = value.string { permalinks[key] = pattern }
                // Hugo 0.120's `[permalinks.page] posts = …`.
                if key == "page", case .table(let inner) = value {
                    for (section, pattern) in inner { permalinks[section] = pattern.string }
                }
            }
        }
        self.permalinks = permalinks
        uglyURLs = config.lookup("uglyURLs")?.bool ?? false
        lowercasePaths = !(config.lookup("disablePathToLower")?.bool ?? false)
        dollarMath = Self.usesDollarMath(root: root, config: config)
        markdownEscapesInMath = config.lookup("markup.goldmark.extensions.passthrough") == nil
    }

    /// Hugo's default `mainSections`: the section with the most pages
    /// (the first by name among equals); none when no folder holds a page.
    static func largestSection(_ sections: [String], in contentFolder: URL) -> [String] {
        let counted = sections.sorted().map { section in
            (section, SourceFiles.walk(contentFolder.appendingPathComponent(section)).filter(isContentFile).count)
        }
        guard let largest = counted.max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }), largest.1 > 0 else { return [] }
        return [largest.0]
    }

    private static func isContentFile(_ path: String) -> Bool {
        path.hasSuffix(".md") || path.hasSuffix(".markdown")
    }

    static func merge(_ base: ImportValue, _ other: ImportValue) -> ImportValue {
        guard case .table(var entries) = base, case .table(let more) = other else { return other }
        for (key, value) in more {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = merge(entries[index].value, value)
            } else {
                entries.append((key, value))
            }
        }
        return .table(entries)
    }

    /// KaTeX or MathJax in the config, layouts or theme, or Hugo's math passthrough.
    static func usesDollarMath(root: URL, config: ImportValue) -> Bool {
        if config.lookup("markup.goldmark.extensions.passthrough") != nil { return true }
        for key in ["params.math", "params.katex", "params.mathjax", "params.enableMath"] where config.lookup(key)?.bool == true {
            return true
        }
        for folder in ["layouts", "themes"] {
            let base = root.appendingPathComponent(folder)
            for relative in SourceFiles.walk(base) where relative.hasSuffix(".html") && !relative.contains("exampleSite") {
                guard let text = try? String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8) else { continue }
                let lower = text.lowercased()
                if lower.contains("katex") || lower.contains("mathjax") { return true }
            }
        }
        return false
    }

    func documents(report: inout ImportReport) -> [SourceDocument] {
        var documents: [SourceDocument] = []
        for section in sections {
            let folder = contentFolder.appendingPathComponent(section)
            for relative in SourceFiles.walk(folder) {
                let name = (relative as NSString).lastPathComponent
                guard name.hasSuffix(".md") || name.hasSuffix(".markdown"), !name.hasPrefix("_index.") else { continue }
                let directory = (relative as NSString).deletingLastPathComponent
                // A page bundle's resources may include Markdown of their own; only index.md is the post.
                if directory.split(separator: "/").indices.contains(where: { index in
                    let parent = directory.split(separator: "/").prefix(index + 1).joined(separator: "/")
                    return parent != directory
                        && SourceFiles.isFile(folder.appendingPathComponent(parent).appendingPathComponent("index.md"))
                }) {
                    continue
                }
                if name != "index.md", !directory.isEmpty,
                    SourceFiles.isFile(folder.appendingPathComponent(directory).appendingPathComponent("index.md"))
                {
                    continue
                }
                let file = folder.appendingPathComponent(relative)
                let bundle = name.hasPrefix("index.") ? file.deletingLastPathComponent() : nil
                if let document = read(
                    file, section: section, sectionPath: section + (directory.isEmpty || bundle != nil ? "" : "/" + directory),
                    bundle: bundle, kind: .post, report: &report)
                {
                    documents.append(document)
                }
            }
        }
        for name in SourceFiles.names(in: contentFolder) {
            let url = contentFolder.appendingPathComponent(name)
            if SourceFiles.isFile(url), name.hasSuffix(".md"), !name.hasPrefix("_index.") {
                if let document = read(url, section: "", sectionPath: "", bundle: nil, kind: .page, report: &report) {
                    documents.append(document)
                }
            } else if SourceFiles.isDirectory(url), !sections.contains(name), SourceFiles.isFile(url.appendingPathComponent("index.md")) {
                if let document = read(
                    url.appendingPathComponent("index.md"), section: "", sectionPath: "", bundle: url, kind: .page, report: &report)
                {
                    documents.append(document)
                }
            } else if SourceFiles.isDirectory(url), !sections.contains(name), SourceFiles.walk(url).contains(where: { $0.hasSuffix(".md") })
            {
                report.note(
                    SourceFiles.relative(url, to: root), line: 1,
                    "not imported: a section quire has no place for (posts come from \(sections.joined(separator: ", ")))")
            }
        }
        return documents
    }

    private func read(
        _ file: URL, section: String, sectionPath: String, bundle: URL?, kind: SourceDocument.Kind, report: inout ImportReport
    ) -> SourceDocument? {
        let path = SourceFiles.relative(file, to: root)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            report.note(path, line: 1, "not imported: not UTF-8 text")
            return nil
        }
        let split: (frontMatter: ImportValue, body: String, bodyLine: Int)
        do {
            split = try SourceFrontMatter.split(text, path: path, report: &report) ?? (.table([]), text, 1)
        } catch {
            for diagnostic in error.diagnostics(orAt: SourceLocation(path: path)) {
                report.note(path, line: diagnostic.location.line, "not imported: " + diagnostic.message)
            }
            return nil
        }
        let matter = split.frontMatter.lowercasingKeys
        let filename = bundle?.lastPathComponent ?? file.deletingPathExtension().lastPathComponent
        // A blank title (a theme's landing page) would not build: its file's name, as a title.
        let title = matter["title"]?.nonBlankString ?? JekyllSource.titleize(filename)
        let dateText = ["date", "publishdate", "pubdate"].lazy.compactMap { matter[$0]?.string }.first
        var date = dateText.flatMap(ImportedDate.init)
        if kind == .post, date == nil {
            date = SourceFiles.modificationDay(file)
            let why = dateText.map { "'date: \($0)' is not a date quire reads" } ?? "no date in front matter"
            report.note(path, line: 1, why + ": dated by the file's modification day")
        }
        let slug = matter["slug"]?.string.map(urlize)
        var placeholders = [
            "title": urlize(title), "slug": slug ?? urlize(title), "filename": urlize(filename),
            "slugorfilename": slug ?? urlize(filename), "contentbasename": urlize(filename),
            "slugorcontentbasename": slug ?? urlize(filename),
            "section": section, "sections": sectionPath,
        ]
        if let date {
            let day = date.civilDay(in: settings.timezone, keepingOffset: true)
            placeholders.merge(Self.datePlaceholders(day)) { $1 }
        }
        let oldURL: String
        if let own = matter["url"]?.string {
            oldURL = own.hasPrefix("/") ? own : "/" + own
        } else if kind == .post, let pattern = permalinks[section] {
            oldURL = finish(JekyllSource.expand(pattern, placeholders, fileEnding: false))
        } else {
            let leaf = slug ?? urlize(filename)
            oldURL = finish("/" + (sectionPath.isEmpty ? "" : sectionPath + "/") + leaf + "/")
        }
        var document = SourceDocument(
            kind: kind, path: path, file: file, bundleFolder: bundle, frontMatter: matter, body: split.body,
            bodyLine: split.bodyLine, oldURL: oldURL, placeholders: placeholders, date: date,
            draft: matter["draft"]?.bool ?? false, title: title)
        let withinContent = SourceFiles.relative(file, to: contentFolder)
        document.lookupNames = [
            withinContent, "/" + withinContent, (withinContent as NSString).deletingPathExtension, filename, file.lastPathComponent,
            bundle.map { SourceFiles.relative($0, to: contentFolder) } ?? "",
        ].filter { !$0.isEmpty }
        return document
    }

    /// Hugo's path rules: the language's folder if it has one, lower case
    /// unless told otherwise, `uglyURLs` → `.html`.
    private func finish(_ path: String) -> String {
        var path = languagePrefix + (lowercasePaths ? path.lowercased() : path)
        if uglyURLs, path.hasSuffix("/"), path != "/" { path = String(path.dropLast()) + ".html" }
        return path
    }

    /// Hugo's `urlize`: spaces become '-', characters outside letters, digits and `._-+~#` go.
    func urlize(_ text: String) -> String {
        var out = ""
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isWhitespace {
                out.append("-")
            } else if character.isLetter || character.isNumber || "._-+~#/".contains(character) {
                out.append(character)
            }
        }
        return lowercasePaths ? out.lowercased() : out
    }

    static func datePlaceholders(_ day: (year: Int, month: Int, day: Int)) -> [String: String] {
        var values = JekyllSource.datePlaceholders(day, time: nil)
        values["monthname"] = values["long_month"]
        values["weekdayname"] = values["long_day"]
        values["yearday"] = String(Int(values["y_day"]!) ?? 1)
        values["month"] = ImportedDate.pad(day.month, 2)
        return values
    }
}
