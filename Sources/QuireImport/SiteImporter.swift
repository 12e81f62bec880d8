import Foundation
import QuireContent
import QuireDiagnostics
import QuireSite

/// `quire import jekyll|hugo SRC DEST` — PRODUCT §6: an old blog becomes a
/// quire site at DEST with every post at its old address. SRC is only read.
package enum SiteImporter {
    public enum Generator: String, Sendable, CaseIterable {
        case jekyll, hugo
    }

    /// The folder an import writes to when none is named: `NAME-quire` beside the working folder.
    package static func defaultDestination(for source: URL, in folder: URL) -> URL {
        folder.appendingPathComponent(source.standardizedFileURL.lastPathComponent + "-quire")
    }

    /// Reads SRC, writes the quire site into DEST (new or empty), and reports.
    public static func run(_ generator: Generator, source: URL, destination: URL) throws -> ImportReport {
        let source = source.standardizedFileURL.resolvingSymlinksInPath()
        let destination = destination.standardizedFileURL
        try checkFolders(source: source, destination: destination)
        var report = ImportReport(generator: generator.rawValue, destination: destination)
        let settings: SiteSettings
        let documents: [SourceDocument]
        let oldPattern: String
        let dollarMath: Bool
        var markdownEscapesInMath = false
        var includes: (String) -> String? = { _ in nil }
        let staticRoots: [URL]
        switch generator {
        case .jekyll:
            let site = try JekyllSource(root: source, report: &report)
            settings = site.settings
            documents = site.documents(report: &report)
            oldPattern = site.permalink
            dollarMath = Self.jekyllUsesDollarMath(source)
            staticRoots = [source]
            includes = { name in
                let file = source.appendingPathComponent("_includes").appendingPathComponent(name)
                guard let text = try? String(contentsOf: file, encoding: .utf8), !text.contains("{{"), !text.contains("{%") else {
                    return nil
                }
                return text.trimmingCharacters(in: .newlines)
            }
        case .hugo:
            let site = try HugoSource(root: source, report: &report)
            settings = site.settings
            documents = site.documents(report: &report)
            let section = site.sections.first ?? "posts"
            oldPattern = site.languagePrefix + (site.permalinks[section] ?? "/\(section)/:slugorfilename" + (site.uglyURLs ? ".html" : "/"))
            dollarMath = site.dollarMath
            markdownEscapesInMath = site.markdownEscapesInMath
            // Hugo publishes static/ and the non-content files of content/ at their paths.
            staticRoots = [source.appendingPathComponent("static"), site.contentFolder]
        }
        report.remarks.append(
            dollarMath ? "the old site reads $…$ as math: kept as math" : "the old site has no $…$ math: a lone $ is a dollar, written \\$")

        let plan = PermalinkPlan(oldPattern: oldPattern, generator: generator, documents: documents, timezone: settings.timezone)
        report.permalink = plan.pattern
        try FileManager.default.createDirectory(at: destination.appendingPathComponent("content/posts"), withIntermediateDirectories: true)
        try settings.quireYAML(permalink: plan.pattern).write(
            to: destination.appendingPathComponent("quire.yaml"), atomically: true, encoding: .utf8)

        let addresses = AddressBook(documents: documents)
        for (index, document) in documents.enumerated() {
            let placement = plan.placements[index]
            if let url = placement.url { report.addressesKept.append((document.path, url)) }
            if placement.url == nil, placement.expected != document.oldURL {
                report.note(document.path, line: 1, "old address \(document.oldURL) cannot be a quire address; now \(placement.expected)")
            }
            let context = TranslationContext(
                document: document, basePath: settings.basePath, origin: Self.origin(settings.baseURL),
                siteTitle: settings.title, dollarMath: dollarMath, markdownEscapesInMath: markdownEscapesInMath,
                address: addresses.address(named:), include: includes)
            var body =
                generator == .jekyll
                ? LiquidTranslator.translate(document.body, context: context, report: &report)
                : HugoShortcodes.translate(document.body, context: context, report: &report)
            let folder =
                document.kind == .post
                ? destination.appendingPathComponent("content/posts").appendingPathComponent(placement.folder)
                : destination.appendingPathComponent("content")
            var assets = AssetPlacement(
                document: document, finalAddress: placement.url ?? placement.expected, bundle: document.kind == .post ? folder : nil,
                themeStatic: destination.appendingPathComponent("templates/static"), staticRoots: staticRoots, basePath: settings.basePath,
                baseURL: settings.baseURL, addresses: addresses)
            body = assets.rewriteLinks(in: body, report: &report)
            body = FilteredHTML.translate(body, path: document.path, firstLine: document.bodyLine, report: &report)
            if generator == .jekyll {
                body = BodyFinishing.markdownInsideHTML(body, report: &report)
                body = BodyFinishing.endingHTMLBlocksAsKramdown(body, report: &report)
            }
            let frontMatter = FrontMatterMapping.yaml(for: document, slug: placement.slug, url: placement.url, report: &report)
            let file =
                document.kind == .post ? folder.appendingPathComponent("index.md") : folder.appendingPathComponent(placement.folder + ".md")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (frontMatter + body).write(to: file, atomically: true, encoding: .utf8)
            report.sources[String(file.path.dropFirst(destination.path.count + 1))] = document.path
            report.assets += try assets.copy()
            switch document.kind {
            case .post:
                report.posts += 1
                if document.draft { report.drafts += 1 }
            case .page:
                report.pages += 1
            }
        }
        return report
    }

    static func checkFolders(source: URL, destination: URL) throws {
        guard SourceFiles.isDirectory(source) else {
            throw Diagnostic.error(at: SourceLocation(path: source.path), "no such folder")
        }
        let sourcePath = source.path + "/"
        let destinationPath = destination.resolvingSymlinksInPath().path + "/"
        guard !destinationPath.hasPrefix(sourcePath), !sourcePath.hasPrefix(destinationPath) else {
            throw Diagnostic.error(
                at: SourceLocation(path: destination.path), "the new site must be outside the old one and not contain it",
                hint: "name a destination beside the old site, e.g. \(source.lastPathComponent)-quire")
        }
        if SourceFiles.isFile(destination) {
            throw Diagnostic.error(at: SourceLocation(path: destination.path), "is a file, not a folder")
        }
        if SourceFiles.isDirectory(destination), !((try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []).isEmpty {
            throw Diagnostic.error(
                at: SourceLocation(path: destination.path), "folder is not empty; the import writes only into a new or empty folder")
        }
    }

    /// MathJax or KaTeX told to read `$…$` in the site's layouts or includes.
    static func jekyllUsesDollarMath(_ root: URL) -> Bool {
        for folder in ["_includes", "_layouts"] {
            let base = root.appendingPathComponent(folder)
            for relative in SourceFiles.walk(base) {
                guard let text = try? String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8) else { continue }
                let compact = text.replacingOccurrences(of: " ", with: "")
                if compact.contains("inlineMath:[['$','$']") || compact.contains("inlineMath:[[\"$\",\"$\"]")
                    || compact.contains("{left:'$',right:'$'") || compact.contains("{left:\"$\",right:\"$\"")
                    || compact.contains("left:'$',right:'$',display:false")
                {
                    return true
                }
            }
        }
        return false
    }

    static func origin(_ baseURL: String) -> String {
        guard let schemeEnd = baseURL.range(of: "://") else { return baseURL }
        let slash = baseURL[schemeEnd.upperBound...].firstIndex(of: "/") ?? baseURL.endIndex
        return String(baseURL[..<slash])
    }
}

/// Old addresses of every imported post and page, found by the names
/// `post_url`, `link` and `ref` use, or by the address itself.
struct AddressBook {
    private var byName: [String: String] = [:]
    private(set) var addresses: Set<String> = []

    init(documents: [SourceDocument]) {
        for document in documents {
            addresses.insert(document.oldURL)
            for name in document.lookupNames where byName[name] == nil { byName[name] = document.oldURL }
        }
    }

    func address(named name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let address = byName[trimmed] ?? byName[(trimmed as NSString).deletingPathExtension] { return address }
        // `ref "posts/x"`, `ref "/posts/x.md"`, `post_url 2019/2019-01-01-x`: the last part names it too.
        let last = (trimmed as NSString).lastPathComponent
        return byName[last] ?? byName[(last as NSString).deletingPathExtension]
    }

    /// The page a site path reaches: `/a/b/`, `/a/b`, `/a/b/index.html` and `/a/b.html` alike.
    func page(at sitePath: String) -> String? {
        var path = sitePath
        if path.hasSuffix("/index.html") { path = String(path.dropLast("index.html".count)) }
        for candidate in [path, path + "/", path + ".html", path.hasSuffix("/") ? String(path.dropLast()) + ".html" : path]
        where addresses.contains(candidate) {
            return candidate
        }
        return nil
    }
}

extension SiteImporter {
    /// Everything `quire check` checks, on the imported site, without writing output.
    public static func check(_ destination: URL) async -> BuildReport {
        await SiteBuilder.build(BuildOptions(root: destination.standardizedFileURL, writeOutput: false))
    }

    /// `check`, after unlinking the links that reach nothing in the new site
    /// (BrokenLinks), each noted in `report`.
    public static func checkUnlinkingBrokenLinks(_ destination: URL, report: inout ImportReport) async throws -> BuildReport {
        let first = await check(destination)
        guard try BrokenLinks.unlink(first.errors, in: destination, report: &report) else { return first }
        return await check(destination)
    }
}
