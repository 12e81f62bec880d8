import Foundation
import Mustache
import QuireDiagnostics

/// The theme: Mustache templates in `templates/` (with partials and
/// inheritance) and the static assets in `templates/static/`.
public struct Theme: Sendable {
    /// Every template the site builder renders; a theme missing one is an error.
    public static let requiredTemplates = ["base", "post", "page", "index", "tags", "tag", "series", "404", "partials/post-card"]

    public let directory: URL
    private let library: MustacheLibrary

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
