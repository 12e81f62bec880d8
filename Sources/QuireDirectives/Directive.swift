import Foundation
import QuireCharts
import QuireData
import QuireDiagnostics
import QuireMarkdown

/// A fenced code block whose info string starts with a directive word.
public struct DirectiveBlock: Sendable, Equatable {
    /// `query`, `analysis`, `chart` or `table`.
    public var name: String
    /// The rest of the info string: `query losses` → `losses`.
    public var argument: String
    public var body: String
    /// The opening fence.
    public var location: SourceLocation
    /// Line 1 of the body; body line n is at `bodyLocation.line + n - 1`.
    public var bodyLocation: SourceLocation
    /// Its figure or table number in the post, for directives that are numbered.
    public var number: Int?

    public init(name: String, argument: String, body: String, location: SourceLocation, bodyLocation: SourceLocation, number: Int? = nil) {
        self.name = name
        self.argument = argument
        self.body = body
        self.location = location
        self.bodyLocation = bodyLocation
        self.number = number
    }
}

/// What a directive gives back: HTML for the page, optionally different HTML
/// for feeds (readers strip inline SVG), and files to write beside the post.
public struct DirectiveOutput: Sendable, Equatable {
    public var html: String
    package var feedHTML: String
    /// Paths relative to the post's output folder → bytes.
    public var files: [String: Data]
    /// What `@label` finds here: a numbered chart or table with its anchor.
    public var label: LabelTarget?
    /// Citations and cross-references in its caption: both HTMLs hold placeholder n
    /// for mark n (`CaptionCitations`), resolved with the post's own.
    public var citations: [CitationMark]

    public init(
        html: String, feedHTML: String? = nil, files: [String: Data] = [:], label: LabelTarget? = nil, citations: [CitationMark] = []
    ) {
        self.html = html
        self.feedHTML = feedHTML ?? html
        self.files = files
        self.label = label
        self.citations = citations
    }

    public static let empty = DirectiveOutput(html: "")
}

package protocol Directive: Sendable {
    /// The info-string word that selects this directive.
    var name: String { get }
    func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput
}

/// What one post's directives share while they run in document order.
public final class DirectiveContext {
    public let scope: DataScope
    /// The post's source file relative to the site root, for messages.
    public let sourcePath: String
    /// Seeds ids and file names so they are unique across a page and stable across builds.
    public let pageKey: String
    /// Where `query` and `analysis` results are kept between builds; nil = `--no-cache`.
    package var cache: DirectiveCache?
    /// Series colours by name, shared by every chart of the post.
    package let seriesPalette = SeriesPalette()
    private var directivesRun = 0

    public init(scope: DataScope, sourcePath: String, pageKey: String, cache: DirectiveCache? = nil) {
        self.scope = scope
        self.sourcePath = sourcePath
        self.pageKey = pageKey
        self.cache = cache
    }

    /// 1, 2, 3 … for the directives of this page, in document order.
    func nextOrdinal() -> Int {
        directivesRun += 1
        return directivesRun
    }
}
