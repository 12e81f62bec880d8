import Foundation
import QuireContent
import QuireMarkdown
import QuireTemplates

/// A post or page after Markdown, directives and inline values: ready for
/// templates and feeds.
struct RenderedItem: Sendable {
    var item: ContentItem
    var html: String
    /// The same content as feeds see it (charts as <img>).
    var feedHTML: String
    var headings: [Heading]
    var tableOfContents: String?
    /// Plain text: the front matter's summary, or the first paragraph.
    var summary: String
    var wordCount: Int
    /// Files the directives made, by site-relative output path.
    var files: [String: Data]
    /// The post as listings show it, its `partials/post-card` HTML in, when
    /// it was made beside its page: its links and dates are made once.
    var card: CardContext? = nil
}
