import Foundation
import QuireConfig
import QuireContent

/// Builds the dictionaries templates see. Keys are the theme's contract:
/// changing one means changing templates/.
struct PageContexts: Sendable {
    let config: SiteConfig
    let urls: SiteURLs
    let dates: DateText
    let pages: [ContentItem]
    /// The same for every page, so made once.
    nonisolated(unsafe) private let siteContext: [String: Any]
    /// Every tag's slug, made once rather than for each card of each list.
    private let tagSlugs: [String: String]

    init(config: SiteConfig, urls: SiteURLs, dates: DateText, pages: [ContentItem], posts: [ContentItem]) {
        self.config = config
        self.urls = urls
        self.dates = dates
        self.pages = pages
        siteContext = Self.site(config: config, urls: urls, pages: pages)
        var slugs: [String: String] = [:]
        for post in posts {
            for tag in post.frontMatter.tags where slugs[tag] == nil { slugs[tag] = Slug.make(from: tag) }
        }
        tagSlugs = slugs
    }

    func site() -> [String: Any] { siteContext }

    private static func site(config: SiteConfig, urls: SiteURLs, pages: [ContentItem]) -> [String: Any] {
        let context: [String: Any?] = [
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "author": config.author,
            "root": urls.root,
            "base_url": urls.base,
            "feed_url": urls.link("/feed.xml"),
            "atom_url": urls.link("/atom.xml"),
            "pages": pages.map { ["title": $0.title, "url": urls.link($0.permalink)] },
        ]
        // Mustache treats a present nil, and an empty string, as true: leave
        // missing values out, so `author: ""` shows no author.
        return context.compactMapValues { $0 }.filter { ($0.value as? String)?.isEmpty != true }
    }

    func page(canonicalPath: String?, _ extra: [String: Any]) -> [String: Any] {
        var context = extra
        context["site"] = site()
        if let canonicalPath { context["canonical"] = urls.absolute(canonicalPath) }
        return context
    }

    func tagLinks(_ names: [String]) -> [[String: Any]] {
        var seen = Set<String>()
        return names.compactMap { name in
            let slug = tagSlugs[name] ?? Slug.make(from: name)
            guard seen.insert(slug).inserted else { return nil }
            return ["name": name, "url": urls.link("/tags/\(slug)/")]
        }
    }

    /// A post as lists show it.
    func card(_ rendered: RenderedItem) -> [String: Any] {
        let item = rendered.item
        var card: [String: Any] = [
            "title": item.title,
            "url": urls.link(item.permalink),
            "summary": rendered.summary,
            "tags": tagLinks(item.frontMatter.tags),
            "has_tags": !item.frontMatter.tags.isEmpty,
        ]
        if let date = item.date {
            card["date_iso"] = dates.iso(date)
            card["date_display"] = dates.display(date)
        }
        if let series = item.frontMatter.series {
            card["series"] = ["name": series, "url": urls.link("/series/\(Slug.make(from: series))/")]
        }
        return card
    }

    /// A post or page as its own page shows it.
    func full(_ rendered: RenderedItem, seriesNavigation: [String: Any]?) -> [String: Any] {
        let item = rendered.item
        var post = card(rendered)
        post["content"] = rendered.html
        // Assigning an optional removes the key when it is nil, as Mustache needs.
        post["toc"] = rendered.tableOfContents
        post["author"] = item.frontMatter.author ?? config.author
        post["discuss"] = item.frontMatter.discuss
        post["reading_minutes"] = item.kind == .post ? max(1, Int((Double(rendered.wordCount) / 230).rounded())) : nil
        if let updated = item.frontMatter.updated {
            post["updated_iso"] = dates.iso(updated)
            post["updated_display"] = dates.display(updated)
        }
        post["series"] = seriesNavigation
        return post
    }
}
