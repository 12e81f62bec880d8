import Foundation

/// The site-wide facts a feed states about itself.
public struct FeedChannel: Sendable {
    public var title: String
    /// Absolute, ends with "/", e.g. "https://example.org/blog/".
    package var siteURL: String
    public var description: String
    /// A language tag such as "en".
    public var language: String
    public var author: String?
    /// Absolute URL of feed.xml.
    package var rssURL: String
    /// Absolute URL of atom.xml.
    package var atomURL: String

    public init(
        title: String, siteURL: String, description: String, language: String,
        author: String?, rssURL: String, atomURL: String
    ) {
        self.title = title
        self.siteURL = siteURL
        self.description = description
        self.language = language
        self.author = author
        self.rssURL = rssURL
        self.atomURL = atomURL
    }
}

/// One post as a feed shows it. Entries are written in the order given, so
/// the caller decides the order (newest first) and how many (`feed_items`).
public struct FeedEntry: Sendable {
    public var title: String
    /// Absolute permalink; also the base against which `contentHTML` links are resolved.
    public var url: String
    package var published: Date
    public var updated: Date?
    /// Plain text.
    public var summary: String
    /// The post's HTML; may contain relative links (href/src/srcset/poster).
    package var contentHTML: String
    public var author: String?
    public var tags: [String]

    public init(
        title: String, url: String, published: Date, updated: Date?, summary: String,
        contentHTML: String, author: String?, tags: [String]
    ) {
        self.title = title
        self.url = url
        self.published = published
        self.updated = updated
        self.summary = summary
        self.contentHTML = contentHTML
        self.author = author
        self.tags = tags
    }

    /// When the post last changed: `updated` unless it is missing or earlier than `published`.
    var lastChanged: Date {
        guard let updated, updated > published else { return published }
        return updated
    }

    /// Tags worth writing: blank ones are skipped rather than emitted as empty categories.
    var writableTags: [String] {
        tags.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}

extension Array where Element == FeedEntry {
    /// The newest change among the entries — what a feed reports as its own
    /// date, so that builds stay reproducible (never the clock).
    var newestChange: Date? { map(\.lastChanged).max() }
}
