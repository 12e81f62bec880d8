import Foundation
import Mustache
import QuireDiagnostics

/// The theme: Mustache templates (with partials and inheritance) and static
/// assets. The built-in theme provides every file; a site's own `templates/`
/// overrides it file by file, as Hugo's lookup order does.
package struct Theme: Sendable {
    /// Every template the site builder renders; a theme missing one is an error.
    static let requiredTemplates = ["base", "post", "page", "index", "tags", "tag", "series", "404", "partials/post-card"]

    /// The site's own `templates/` (it may not exist).
    public private(set) var directory: URL
    private var library = MustacheLibrary()
    /// Each template's text as its author wrote it, for `writingIn(_:)`.
    private var sources: [String: String] = [:]
    /// The templates with `pageSite`'s values written in, for that site's pages.
    private var pageLibrary: MustacheLibrary?
    private(set) var pageSite: SiteContext?
    /// Skeletons of the shapes of pages rendered, one set for each library.
    private var shapes = RenderShapes()
    private var pageShapes = RenderShapes()
    /// Whether long lists may be filled in item by item: not when a template
    /// asks an item for its position (`RepeatedList.foldable`).
    private var foldsLongLists = true
    /// Whether pages are filled into the skeletons of earlier pages of their
    /// shape (`RenderShapes`); off, every page is rendered by swift-mustache.
    package var reusesShapes = true
    /// `static/**` of both sides, the site's winning, in path order.
    public private(set) var staticAssets: [StaticAsset] = []
    /// Changes whenever any template or asset in use changes.
    public private(set) var stamp = 0

    /// Where a theme file's bytes are: the site's folder or quire itself.
    public enum Source: Sendable {
        case file(URL)
        case builtin(Data)
    }

    /// A file of `static/`, published as `assets/<path>`.
    package struct StaticAsset: Sendable {
        /// Below `static/`.
        public var path: String
        public var source: Source
    }

    /// Each template is read with a first line that switches `{{name}}` to
    /// quire's HTML escaping (the same entities as swift-mustache's, but
    /// byte-level, as escaping runs over every value of every page). The
    /// pragma must open every template, as swift-mustache resets the escaping
    /// for each partial and parent. Being a standalone line, it renders as
    /// nothing; error lines are given back in the author's numbering.
    static let preamble = "{{% CONTENT_TYPE: \(FastHTMLEscaping.name) }}\n"

    /// Loads and parses every template once: the site's `templates/` over the
    /// built-in theme. `displayRoot` makes paths in messages relative to the site.
    /// `earlier` (the theme of the last rebuild, while serving) is taken as it
    /// is when every file's bytes are the ones it was made from: parsing the
    /// templates again was a tenth of rebuilding one edited post.
    public init(directory: URL, displayRoot: URL, reusing earlier: Theme? = nil) throws {
        self.directory = directory
        FastHTMLEscaping.register()
        let displayPath = Self.relative(directory, to: displayRoot)
        // Path below the theme → where its bytes come from and how messages name it.
        var layers: [String: (source: Source, display: String)] = [:]
        for file in BuiltinTheme.files {
            layers[file.path] = (.builtin(file.bytes), BuiltinTheme.displayFolder + "/" + file.path)
        }
        for path in Self.files(in: directory) {
            layers[path] = (.file(directory.appendingPathComponent(path)), displayPath + "/" + path)
        }
        var problems: [Diagnostic] = []
        var broken: Set<String> = []
        var hasher = Hasher()
        var templates: [(name: String, text: String, display: String)] = []
        for (path, file) in layers.sorted(by: { $0.key < $1.key }) {
            let bytes: Data?
            switch file.source {
            case .builtin(let data): bytes = data
            case .file(let url): bytes = FileManager.default.contents(atPath: url.path)
            }
            hasher.combine(path)
            hasher.combine(bytes)
            if path.hasPrefix("static/") {
                staticAssets.append(StaticAsset(path: String(path.dropFirst("static/".count)), source: file.source))
            } else if path.hasSuffix(".mustache") {
                let name = String(path.dropLast(".mustache".count))
                guard let bytes, let text = String(data: bytes, encoding: .utf8) else {
                    broken.insert(name)
                    problems.append(.error(at: SourceLocation(path: file.display), "cannot read this template as UTF-8 text"))
                    continue
                }
                templates.append((name, text, file.display))
            }
        }
        let stamp = hasher.finalize()
        if let earlier, earlier.stamp == stamp, earlier.directory == directory {
            self = earlier
            return
        }
        for (template, parsed) in zip(templates, Self.parsed(templates.map(\.text))) {
            do {
                library.register(try parsed.get(), named: template.name)
                sources[template.name] = template.text
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(template.name)
                problems.append(
                    .error(
                        at: SourceLocation(
                            path: template.display, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber),
                        "template does not parse: \(error.error)"))
            }
        }
        self.stamp = stamp
        foldsLongLists = RepeatedList.foldable(templates: sources.values)
        shapes = RenderShapes(foldsLongLists: foldsLongLists)
        problems += Self.requiredTemplates.filter { library.getTemplate(named: $0) == nil && !broken.contains($0) }.map { name in
            .error(at: SourceLocation(path: "\(displayPath)/\(name).mustache"), "the theme has no '\(name)' template")
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    /// Each template text (after `preamble`) parsed, on all cores: a theme is
    /// parsed at load, and again where the site's values are written in.
    private static func parsed(_ texts: [String]) -> [Result<MustacheTemplate, any Error>] {
        texts.parallelMap(parsed)
    }

    private static func parsed(_ text: String) -> Result<MustacheTemplate, any Error> {
        Result { try MustacheTemplate(string: preamble + text) }
    }

    /// Paths of the files below `directory` (`partials/post-card.mustache`,
    /// `static/quire.css`), leaving out dot-files and dot-folders as
    /// `scripts/embed-theme` does; none when the folder does not exist.
    static func files(in directory: URL) -> [String] {
        let base = directory.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        for case let path as String in walker {
            if (path as NSString).lastPathComponent.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + path, isDirectory: &isFolder), !isFolder.boolValue { paths.append(path) }
        }
        return paths.sorted()
    }

    /// The theme with `site`'s text values written into its templates
    /// (`SiteValuesWrittenIn`), used for pages of that site; unchanged when
    /// a template sets its own escaping. Values are written in on all cores,
    /// and a template with none to write in keeps its first parse: this
    /// stands between loading the site and its first page.
    /// `earlier`: what this gave in the last rebuild, taken as it is when
    /// made from the same templates and site values.
    package func writingIn(_ site: SiteContext, reusing earlier: Theme? = nil) -> Theme {
        if let earlier, earlier.stamp == stamp, earlier.directory == directory, earlier.pageSite == site { return earlier }
        let named = Array(sources)
        let written = named.parallelMap { name, source -> Result<MustacheTemplate, any Error>? in
            guard let text = SiteValuesWrittenIn.apply(to: source, site: site) else { return nil }
            if text == source, let parsed = library.getTemplate(named: name) { return .success(parsed) }
            return Self.parsed(text)
        }
        var filled = MustacheLibrary()
        for ((name, _), parsed) in zip(named, written) {
            guard let template = try? parsed?.get() else { return self }
            filled.register(template, named: name)
        }
        var theme = self
        theme.pageLibrary = filled
        theme.pageSite = site
        theme.pageShapes = RenderShapes(foldsLongLists: foldsLongLists)
        return theme
    }

    /// The skeletons of the pages of this theme's site (or, `forPages` false,
    /// of everything else rendered), for tests.
    func shapes(forPages: Bool) -> RenderShapes { forPages ? pageShapes : shapes }

    /// Renders `template` with `context`. Every page and card context is a
    /// class: a generic context cast to one at run time cost a conformance
    /// lookup per page.
    package func render(_ template: String, _ context: some TemplateContext & AnyObject) throws -> String {
        let forPage = pageLibrary != nil && (context as? PageContext)?.site === pageSite
        let library = forPage ? pageLibrary! : self.library
        let render = { (object: Any) in library.render(object, withTemplate: template) }
        let html =
            reusesShapes
            ? (forPage ? pageShapes : shapes).render(template, context, by: render) : render(ContextHandle(context: context))
        guard let html else {
            throw Diagnostic.error(at: SourceLocation(path: "templates/\(template).mustache"), "no template named '\(template)'")
        }
        return html
    }

    static func relative(_ url: URL, to root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}

/// HTML escaping for `{{name}}` through `HTMLText`.
struct FastHTMLEscaping: MustacheContentType {
    static let name = "QUIRE_HTML"
    private static let registered: Void = MustacheContentTypes.register(FastHTMLEscaping(), named: name)

    static func register() { _ = registered }

    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}
