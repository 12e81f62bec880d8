import Foundation
import QuireContent
import QuireMarkdown

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
    /// The post's card for listings, when it was made beside its page.
    var cardHTML: String? = nil
}
