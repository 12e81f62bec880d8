import Foundation
import Mustache
import QuireDiagnostics

/// The theme: Mustache templates in `templates/` (with partials and
/// inheritance) and the static assets in `templates/static/`.
public struct Theme: Sendable {
    /// Every template the site builder renders; a theme missing one is an error.
    public static let requiredTemplates = ["base", "post", "page", "index", "tags", "tag", "series", "404", "partials/post-card"]

    public let directory: URL
    private var library: MustacheLibrary

    public var staticDirectory: URL { directory.appendingPathComponent("static") }

    /// Loads and parses every template once. `displayRoot` makes paths in
    /// messages relative to the site.
    public init(directory: URL, displayRoot: URL) async throws {
        self.directory = directory
        let displayPath = Self.relative(directory, to: displayRoot)
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "no templates folder", hint: "quire needs the theme in templates/ beside quire.yaml")
        }
        do {
            library = try await MustacheLibrary(directory: directory.path)
        } catch let error as MustacheLibrary.ParserError {
            throw Diagnostic.error(at: SourceLocation(path: displayPath + "/" + error.filename, line: error.context.lineNumber, column: error.context.columnNumber),
                                   "template does not parse: \(error.error)")
        }
        let missing = Self.requiredTemplates.filter { library.getTemplate(named: $0) == nil }
        if !missing.isEmpty {
            throw DiagnosticList(missing.map { name in
                .error(at: SourceLocation(path: "\(displayPath)/\(name).mustache"), "the theme has no '\(name)' template")
            })
        }
        // Each template the builder renders is entered through a one-line
        // wrapper that switches to quire's HTML escaping; partials and parents
        // inherit it. Same entities as swift-mustache's own escaping, but
        // byte-level: its per-character version was 4% of a 1,000-post build.
        _ = FastHTMLEscaping.registered
        for name in Self.requiredTemplates {
            try library.register("{{% CONTENT_TYPE: \(FastHTMLEscaping.name) }}{{> \(name)}}", named: Self.entry(name))
        }
    }

    static func entry(_ name: String) -> String { "quire-entry:" + name }

    /// Renders `template` with `context` (dictionaries, arrays, strings, numbers, booleans).
    public func render(_ template: String, _ context: [String: Any]) throws -> String {
        let name = library.getTemplate(named: Self.entry(template)) == nil ? template : Self.entry(template)
        guard let html = library.render(context, withTemplate: name) else {
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
    static let registered: Void = MustacheContentTypes.register(FastHTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}
