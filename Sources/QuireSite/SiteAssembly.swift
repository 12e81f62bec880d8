import Foundation
import QuireContent
import QuireDiagnostics
import QuireFeeds
import QuireTemplates

struct OutputFile: Sendable {
    enum Contents: Sendable {
        case data(Data)
        case copy(URL)
        /// Made when written (a one-shot build's listing pages).
        case made(@Sendable () throws -> Data)
    }

    var path: String
    var contents: Contents
    /// What made it (a source file, or a template), for messages.
    var owner: String

    /// The file's bytes (a copied file is mapped, not read).
    func bytes() throws -> Data {
        switch contents {
        case .data(let data): data
        case .copy(let source): try Data(contentsOf: source, options: .alwaysMapped)
        case .made(let make): try make()
        }
    }
}

/// Files in the order they were added, each path claimed by one owner.
struct OutputList {
    private(set) var files: [OutputFile] = []
    private var owners: [String: String] = [:]

    mutating func claim(_ path: String, owner: String) throws {
        if let other = owners[path] {
            throw Diagnostic.error(
                at: SourceLocation(path: owner), "'\(path)' would be written twice (also by \(other))",
                hint: "give one of them another slug")
        }
        owners[path] = owner
    }

    mutating func add(_ path: String, _ contents: OutputFile.Contents, owner: String) throws {
        try claim(path, owner: owner)
        files.append(OutputFile(path: path, contents: contents, owner: owner))
    }
}

/// Every file of the built site — PRODUCT §5 — computed from rendered items.
struct SiteAssembly {
    let site: SiteBuilder.Site
    let rendered: [RenderedItem]
    /// A slice of `rendered`, not a copy: a copy of every post's fields was
    /// a tenth of a build's peak memory.
    private let posts: ArraySlice<RenderedItem>
    private let taxonomy: Taxonomy
    private let contexts: PageContexts
    private let memory: RebuildMemo?
    private var theme: Theme { site.theme }

    /// `taxonomy` and `contexts` are the build's (made once, before its items).
    init(site: SiteBuilder.Site, rendered: [RenderedItem], taxonomy: Taxonomy, contexts: PageContexts, memory: RebuildMemo? = nil) {
        self.site = site
        self.rendered = rendered
        self.memory = memory
        // The builder passes posts first (its items are posts + pages).
        let leadingPosts = rendered.prefix { $0.item.kind == .post }.count
        posts =
            rendered[leadingPosts...].contains { $0.item.kind == .post }
            ? ArraySlice(rendered.filter { $0.item.kind == .post }) : rendered[..<leadingPosts]
        self.taxonomy = taxonomy
        self.contexts = contexts
    }

    /// One post's or page's own page.
    static func itemPage(
        _ item: RenderedItem, card: CardContext? = nil, navigation: SeriesNavigation?, theme: Theme, contexts: PageContexts
    ) throws -> Data {
        let context = contexts.page(
            canonicalPath: item.item.permalink, .item(contexts.full(item, card: card, seriesNavigation: navigation)))
        return Data(utf8Of: try theme.render(item.item.kind == .post ? "post" : "page", context))
    }

    /// A post as lists show it: its card context with its `partials/post-card` HTML.
    static func card(_ post: RenderedItem, theme: Theme, contexts: PageContexts, made: CardContext? = nil) throws -> CardContext {
        let card = made ?? contexts.card(post)
        return card.with(cardHTML: try theme.render("partials/post-card", card))
    }

    /// The files directives made, listings, 404, feeds, sitemap and assets.
    func addListingsFeedsAndAssets(to outputs: inout OutputList, siteStamp: Int = 0) throws {
        // By index: a loop over the items would copy each one, every field retained.
        for index in rendered.indices where !rendered[index].files.isEmpty {
            for (path, data) in rendered[index].files.sorted(by: { $0.key < $1.key }) {
                try outputs.add(path, .data(data), owner: rendered[index].item.sourcePath)
            }
        }
        for (path, contents) in try siteWidePages(taxonomy, siteStamp: siteStamp) {
            try outputs.add(path, contents, owner: path.hasSuffix(".xml") ? "quire.yaml" : "templates")
        }
        for (contents, path) in staticAssets() {
            try outputs.add(path, contents, owner: "templates/static")
        }
        for asset in site.content.assets {
            try outputs.add(asset.outputPath, .copy(asset.source), owner: "content")
        }
    }

    /// What every page depends on besides its item: configuration, the pages
    /// in the navigation, the templates' bytes, and where site-wide data is.
    static func siteStamp(_ site: SiteBuilder.Site) -> Int {
        var hasher = Hasher()
        hasher.combine(String(describing: site.config))
        hasher.combine(site.content.pages.map(\.permalink))
        hasher.combine(site.content.pages.map(\.title))
        hasher.combine(site.theme.stamp)
        hasher.combine(site.content.siteDataDirectory?.path)
        return hasher.finalize()
    }

    /// Listings, 404, feeds and sitemap. While serving they are remembered and
    /// rebuilt only when something they show changed: a post's title, date,
    /// summary, tags or series (listings), or the newest posts' content (feeds).
    private func siteWidePages(_ taxonomy: Taxonomy, siteStamp: Int) throws -> [(String, OutputFile.Contents)] {
        var listingKey = 0
        var feedKey = 0
        if let memory {
            var hasher = Hasher()
            hasher.combine(siteStamp)
            for post in posts {
                hasher.combine(post.item.frontMatter)
                hasher.combine(post.item.permalink)
                hasher.combine(post.summary)
            }
            listingKey = hasher.finalize()
            for post in posts.prefix(site.config.feedItems) { hasher.combine(post.feedHTML) }
            feedKey = hasher.finalize()
            if let listings = memory.recallSiteWide("listings", key: listingKey), let feeds = memory.recallSiteWide("feeds", key: feedKey) {
                return (feeds + listings).map { ($0.0, .data($0.1)) }
            }
        }
        let files = self
        // The feeds, 404 page and sitemap, then the listings: each by what
        // makes its bytes, which only reads the (immutable) site. The feeds
        // and sitemap take longest to make, so they go first: last, they left
        // one core making them after the rest were written.
        let makers: [(path: String, make: @Sendable () throws -> Data)] =
            [
                ("feed.xml", { @Sendable in Data(utf8Of: RSSFeed.render(channel: files.feedChannel(), entries: files.feedEntries())) }),
                ("atom.xml", { @Sendable in Data(utf8Of: AtomFeed.render(channel: files.feedChannel(), entries: files.feedEntries())) }),
                (
                    "404.html",
                    { @Sendable in Data(utf8Of: try files.theme.render("404", files.contexts.page(canonicalPath: nil, .nothing))) }
                ),
                ("sitemap.xml", { @Sendable in Data(utf8Of: files.sitemap(taxonomy)) }),
            ] + (try listingPages(taxonomy))
        guard let memory else {
            // A one-shot build makes each when it is written, on all cores
            // with the rest: on a big site the listings are thousands of
            // pages, never all held at once, and the feeds and sitemap a
            // tail one core would make while the other waited.
            return makers.map { ($0.path, .made($0.make)) }
        }
        // Serving keeps them, to recall.
        let made = try makers.parallelMap { maker in Result { (maker.path, try maker.make()) } }.map { try $0.get() }
        memory.rememberSiteWide("feeds", key: feedKey, files: Array(made.prefix(2)))
        memory.rememberSiteWide("listings", key: listingKey, files: Array(made.dropFirst(2)))
        return made.map { ($0.0, .data($0.1)) }
    }

    /// Index (paginated), tags, one page per tag and per series.
    /// Each with what makes its bytes; the cards they show are rendered here.
    private func listingPages(_ taxonomy: Taxonomy) throws -> [(path: String, make: @Sendable () throws -> Data)] {
        enum Listing: Sendable {
            case index(number: Int, of: Int, posts: Range<Int>)
            case tags
            case tag(Int)
            case series(Int)
        }
        let posts = self.posts
        let perPage = site.config.paginate
        let pageCount = max(1, (posts.count + perPage - 1) / perPage)
        var listings: [Listing] = (1...pageCount).map { number in
            .index(number: number, of: pageCount, posts: min((number - 1) * perPage, posts.count)..<min(number * perPage, posts.count))
        }
        listings.append(.tags)
        listings += taxonomy.tags.indices.map { .tag($0) }
        listings += taxonomy.series.indices.map { .series($0) }

        // Each post's card (partials/post-card) is rendered once, on all cores,
        // and shared read-only by every list it appears in.
        let contexts = self.contexts
        let theme = self.theme
        let urls = site.urls
        let cards = try Array(posts.indices).parallelMap { index in
            Result { try posts[index].card ?? Self.card(posts[index], theme: theme, contexts: contexts) }
        }.map { try $0.get() }
        return listings.map { listing -> (path: String, make: @Sendable () throws -> Data) in
            switch listing {
            case .index(let number, let total, let range):
                let path = number == 1 ? "/" : "/page/\(number)/"
                return (
                    SiteURLs.outputFile(forPath: path),
                    {
                        let pagination = PaginationContext(
                            current: number, total: total,
                            newerURL: number > 1 ? urls.link(number == 2 ? "/" : "/page/\(number - 1)/") : nil,
                            olderURL: number < total ? urls.link("/page/\(number + 1)/") : nil)
                        let context = contexts.page(canonicalPath: path, .index(posts: Array(cards[range]), pagination: pagination))
                        return Data(utf8Of: try theme.render("index", context))
                    }
                )
            case .tags:
                return (
                    "tags/index.html",
                    {
                        let tagList = taxonomy.tags.map {
                            TagContext(name: $0.name, url: urls.link("/tags/\($0.slug)/"), count: $0.posts.count)
                        }
                        return Data(utf8Of: try theme.render("tags", contexts.page(canonicalPath: "/tags/", .tags(tagList))))
                    }
                )
            case .tag(let index):
                let tag = taxonomy.tags[index]
                let path = "/tags/\(tag.slug)/"
                return (
                    SiteURLs.outputFile(forPath: path),
                    {
                        let context = contexts.page(
                            canonicalPath: path, .list(name: tag.name, count: nil, posts: tag.posts.map { cards[$0] }))
                        return Data(utf8Of: try theme.render("tag", context))
                    }
                )
            case .series(let index):
                let series = taxonomy.series[index]
                let path = "/series/\(series.slug)/"
                return (
                    SiteURLs.outputFile(forPath: path),
                    {
                        let oldestFirst = series.posts.reversed().map { cards[$0] }
                        let context = contexts.page(
                            canonicalPath: path, .list(name: series.name, count: oldestFirst.count, posts: oldestFirst))
                        return Data(utf8Of: try theme.render("series", context))
                    }
                )
            }
        }
    }

    /// For each post in a series: its position and its neighbours in date order.
    /// `posts` newest first, as `taxonomy` indexes them.
    static func seriesNavigation(_ taxonomy: Taxonomy, posts: [ContentItem], urls: SiteURLs) -> [String: SeriesNavigation] {
        var navigation: [String: SeriesNavigation] = [:]
        for series in taxonomy.series {
            let oldestFirst = Array(series.posts.reversed())
            let link = { (i: Int) in LinkContext(title: posts[i].title, url: urls.link(posts[i].permalink), name: series.name) }
            for (position, index) in oldestFirst.enumerated() {
                navigation[posts[index].permalink] = SeriesNavigation(
                    name: series.name, url: urls.link("/series/\(series.slug)/"), position: position + 1, count: oldestFirst.count,
                    previous: position > 0 ? link(oldestFirst[position - 1]) : nil,
                    next: position + 1 < oldestFirst.count ? link(oldestFirst[position + 1]) : nil)
            }
        }
        return navigation
    }

    private func feedChannel() -> FeedChannel {
        FeedChannel(
            title: site.config.title, siteURL: site.urls.base, description: site.config.description,
            language: site.config.language, author: site.config.author,
            rssURL: site.urls.absolute("/feed.xml"), atomURL: site.urls.absolute("/atom.xml"))
    }

    private func feedEntries() -> [FeedEntry] {
        posts.prefix(site.config.feedItems).map { post in
            let url = site.urls.absolute(post.item.permalink)
            return FeedEntry(
                title: post.item.title, url: url, published: post.item.date ?? Date(timeIntervalSince1970: 0),
                updated: post.item.frontMatter.updated, summary: post.summary,
                contentHTML: post.feedHTML,  // each feed makes its links absolute (RSSFeed, AtomFeed)
                author: post.item.frontMatter.author ?? site.config.author, tags: post.item.frontMatter.tags)
        }
    }

    private func sitemap(_ taxonomy: Taxonomy) -> String {
        var entries = [
            SitemapEntry(url: site.urls.absolute("/"), lastModified: posts.first.flatMap { $0.item.frontMatter.updated ?? $0.item.date })
        ]
        // Fields read in place: taking each item out would copy all of its fields.
        for index in rendered.indices {
            entries.append(
                SitemapEntry(
                    url: site.urls.absolute(rendered[index].item.permalink),
                    lastModified: rendered[index].item.frontMatter.updated ?? rendered[index].item.date))
        }
        entries += taxonomy.tags.map { SitemapEntry(url: site.urls.absolute("/tags/\($0.slug)/"), lastModified: nil) }
        entries += taxonomy.series.map { SitemapEntry(url: site.urls.absolute("/series/\($0.slug)/"), lastModified: nil) }
        return Sitemap.render(entries)
    }

    /// The theme's `static/**` (the site's `templates/static/` over the
    /// built-in theme's) → `assets/**`.
    private func staticAssets() -> [(OutputFile.Contents, String)] {
        site.theme.staticAssets.map { asset in
            switch asset.source {
            case .file(let url): (.copy(url), "assets/" + asset.path)
            case .builtin(let data): (.data(data), "assets/" + asset.path)
            }
        }
    }
}

extension Data {
    /// A page's bytes, copied straight from its text: `Data(text.utf8)`
    /// first tries to cast the view to other kinds of buffer, once per page.
    init(utf8Of text: String) {
        var text = text
        self = text.withUTF8 { Data(buffer: $0) }
    }
}
