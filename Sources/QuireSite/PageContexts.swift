import Foundation
import QuireConfig
import QuireContent
import QuireTemplates

/// Makes what templates see (QuireTemplates' contexts) from the site and its items.
struct PageContexts: Sendable {
    let config: SiteConfig
    let urls: SiteURLs
    let dates: DateText
    /// The same for every page, so made once.
    let site: SiteContext
    /// Every tag's slug and link, made once rather than for each card of each list.
    private let tags: [String: (slug: String, url: String)]

    init(config: SiteConfig, urls: SiteURLs, dates: DateText, pages: [ContentItem], posts: [ContentItem]) {
        self.config = config
        self.urls = urls
        self.dates = dates
        site = SiteContext(
            title: config.title, description: config.description, language: config.language, author: config.author,
            root: urls.root, baseURL: urls.base, feedURL: urls.link("/feed.xml"), atomURL: urls.link("/atom.xml"),
            pages: pages.map { LinkContext(title: $0.title, url: urls.link($0.permalink)) })
        var tags: [String: (slug: String, url: String)] = [:]
        for index in posts.indices {
            for tag in posts[index].frontMatter.tags where tags[tag] == nil {
                let slug = Slug.make(from: tag)
                tags[tag] = (slug, urls.link("/tags/\(slug)/"))
            }
        }
        self.tags = tags
    }

    func page(canonicalPath: String?, _ body: PageContext.Body) -> PageContext {
        PageContext(site: site, canonical: canonicalPath.map(urls.absolute), body: body)
    }

    func tagLinks(_ names: [String]) -> [TagContext] {
        // A post has a few tags: a list finds a repeated slug sooner than a set is made.
        var seen: [String] = []
        return names.compactMap { name in
            let known = tags[name]
            let slug = known?.slug ?? Slug.make(from: name)
            guard !seen.contains(slug) else { return nil }
            seen.append(slug)
            return TagContext(name: name, url: known?.url ?? urls.link("/tags/\(slug)/"))
        }
    }

    /// A post as lists show it.
    func card(_ rendered: RenderedItem, cardHTML: String? = nil) -> CardContext {
        let item = rendered.item
        return CardContext(
            title: item.title, url: urls.link(item.permalink), summary: rendered.summary, tags: tagLinks(item.frontMatter.tags),
            dateISO: item.date.map(dates.iso), dateDisplay: item.date.map(dates.display),
            series: item.frontMatter.series.map { TagContext(name: $0, url: urls.link("/series/\(Slug.make(from: $0))/")) },
            cardHTML: cardHTML)
    }

    /// A post or page as its own page shows it; `card` when already made.
    func full(_ rendered: RenderedItem, card: CardContext? = nil, seriesNavigation: SeriesNavigation?) -> PostContext {
        let item = rendered.item
        return PostContext(
            card: card ?? self.card(rendered), content: rendered.html, toc: rendered.tableOfContents,
            author: item.frontMatter.author ?? config.author, discuss: item.frontMatter.discuss,
            readingMinutes: item.kind == .post ? max(1, Int((Double(rendered.wordCount) / 230).rounded())) : nil,
            updatedISO: item.frontMatter.updated.map(dates.iso), updatedDisplay: item.frontMatter.updated.map(dates.display),
            seriesNavigation: seriesNavigation)
    }
}
