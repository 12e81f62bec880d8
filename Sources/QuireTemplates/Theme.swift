import Foundation
import Mustache
import QuireDiagnostics

/// The theme: Mustache templates in `templates/` (with partials and
/// inheritance) and the static assets in `templates/static/`.
public struct Theme: Sendable {
    /// Every template the site builder renders; a theme missing one is an error.
    public static let requiredTemplates = ["base", "post", "page", "index", "tags", "tag", "series", "404", "partials/post-card"]

    public let directory: URL
    private var library = MustacheLibrary()

    public var staticDirectory: URL { directory.appendingPathComponent("static") }

    /// Each template is read with a first line that switches `{{name}}` to
    /// quire's HTML escaping (same entities as swift-mustache's, byte-level
    /// instead of per character: that was 6% of a 1,000-post build). The
    /// pragma must open every template, as swift-mustache resets the escaping
    /// for each partial and parent. Being a standalone line, it renders as
    /// nothing; error lines are given back in the author's numbering.
    static let preamble = "{{% CONTENT_TYPE: \(FastHTMLEscaping.name) }}\n"

    /// Loads and parses every template once. `displayRoot` makes paths in
    /// messages relative to the site.
    public init(directory: URL, displayRoot: URL) throws {
        self.directory = directory
        let displayPath = Self.relative(directory, to: displayRoot)
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "no templates folder", hint: "quire needs the theme in templates/ beside quire.yaml")
        }
        FastHTMLEscaping.register()
        var problems: [Diagnostic] = []
        for name in Self.templateNames(in: directory) {
            let path = displayPath + "/" + name + ".mustache"
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name + ".mustache"), encoding: .utf8) else {
                problems.append(.error(at: SourceLocation(path: path), "cannot read this template as UTF-8 text"))
                continue
            }
            do {
                try library.register(Self.preamble + text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                problems.append(.error(at: SourceLocation(path: path, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber),
                                       "template does not parse: \(error.error)"))
            }
        }
        problems += Self.requiredTemplates.filter { library.getTemplate(named: $0) == nil }.map { name in
            .error(at: SourceLocation(path: "\(displayPath)/\(name).mustache"), "the theme has no '\(name)' template")
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    /// `partials/post-card` for `templates/partials/post-card.mustache`, sorted.
    static func templateNames(in directory: URL) -> [String] {
        let base = directory.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var names: [String] = []
        for case let path as String in walker where path.hasSuffix(".mustache") {
            names.append(String(path.dropLast(".mustache".count)))
        }
        return names.sorted()
    }

    /// Renders `template` with `context` (dictionaries, arrays, strings, numbers, booleans).
    public func render(_ template: String, _ context: [String: Any]) throws -> String {
        guard let html = library.render(context, withTemplate: template) else {
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
