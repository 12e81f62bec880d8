import Foundation

/// One post or page, read and validated, before any Markdown is rendered.
public struct ContentItem: Sendable, Hashable {
    public enum Kind: String, Sendable { case post, page }

    public var kind: Kind
    /// Relative to the site root, e.g. `content/posts/helix/index.md`.
    public var sourcePath: String
    /// The file's absolute path: a one-shot build reads each body from it
    /// again, and asking a URL for its path cost more than the read.
    package var sourceFile: String
    package var sourceURL: URL { URL(fileURLWithPath: sourceFile, isDirectory: false) }
    /// The bundle folder (data and images beside `index.md`), if any.
    public var bundleDirectory: URL?
    package var frontMatter: FrontMatter
    package var markdown: String
    /// True when `markdown` was left on disk (a one-shot build reads each body
    /// when its page is made: `ContentLoader.body(of:)`).
    package var bodyDeferred = false
    /// Add to Markdown line numbers to get the file's line numbers.
    package var bodyLineOffset: Int
    public var slug: String
    /// Site-relative URL path, starting with "/" and ending with "/" or ".html".
    public var permalink: String

    public var title: String { frontMatter.title }
    public var date: Date? { frontMatter.date }
    var isDraft: Bool { frontMatter.draft }
}

/// Everything under `content/`, sorted for output (posts newest first).
public struct ContentSet: Sendable {
    public var posts: [ContentItem]
    public var pages: [ContentItem]
    /// Non-Markdown, non-data files of bundles, to copy beside their post.
    public var assets: [BundleAsset]
    /// `content/data/`, when present.
    public var siteDataDirectory: URL?
    public var contentRoot: URL
}

public struct BundleAsset: Sendable, Equatable {
    public var source: URL
    /// Site-relative output path, e.g. `posts/helix/figure.png`.
    package var outputPath: String
}
