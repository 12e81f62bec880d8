import Mustache

/// What a template sees. Each value answers Mustache's lookups by key; the
/// keys are the theme's contract, so renaming one means changing templates.
///
/// A key whose value is nil is absent, which Mustache treats as false and
/// looks up in the enclosing context instead. Present values are true even
/// when empty, so a value that should hide a section when empty is made nil
/// where the context is built.
package protocol TemplateContext: MustacheParent, Sendable {}

// The site, card, post and page contexts are classes: Mustache holds every
// value it looks up as `Any`, and a struct of a dozen strings is copied into
// a fresh box, each string retained, at each lookup; a class is one retain.

/// The same for every page: `site.*`.
package final class SiteContext: TemplateContext {
    package let title: String?
    package let description: String?
    package let language: String?
    package let author: String?
    package let root: String
    package let baseURL: String
    package let feedURL: String
    package let atomURL: String
    package let pages: [LinkContext]

    package init(
        title: String?, description: String?, language: String?, author: String?, root: String, baseURL: String, feedURL: String,
        atomURL: String, pages: [LinkContext]
    ) {
        // An empty value shows nothing (`author: ""` hides the author line).
        func shown(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }
        self.title = shown(title)
        self.description = shown(description)
        self.language = shown(language)
        self.author = shown(author)
        self.root = root
        self.baseURL = baseURL
        self.feedURL = feedURL
        self.atomURL = atomURL
        self.pages = pages
    }

    package func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "description": description
        case "language": language
        case "author": author
        case "root": root
        case "base_url": baseURL
        case "feed_url": feedURL
        case "atom_url": atomURL
        case "pages": pages
        default: nil
        }
    }
}

/// A titled link: a page in the site's navigation, a series neighbour.
package struct LinkContext: TemplateContext, Hashable {
    package var title: String
    package var url: String
    /// The series a neighbour belongs to.
    package var name: String?

    package init(title: String, url: String, name: String? = nil) {
        self.title = title
        self.url = url
        self.name = name
    }

    package func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "url": url
        case "name": name
        default: nil
        }
    }
}

/// A tag or a series as a link, with how many posts it has on the tags page.
package struct TagContext: TemplateContext {
    package var name: String
    package var url: String
    package var count: Int?

    package init(name: String, url: String, count: Int? = nil) {
        self.name = name
        self.url = url
        self.count = count
    }

    package func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "url": url
        case "count": count
        default: nil
        }
    }
}

/// A post as lists show it (`partials/post-card`), and the start of every
/// post's and page's own context.
package final class CardContext: TemplateContext {
    package let title: String
    package let url: String
    package let summary: String
    package let tags: [TagContext]
    package let dateISO: String?
    package let dateDisplay: String?
    /// The series the post belongs to, as a link.
    package let series: TagContext?
    /// The card as `partials/post-card` rendered it, in listings.
    package let cardHTML: String?

    package init(
        title: String, url: String, summary: String, tags: [TagContext], dateISO: String?, dateDisplay: String?, series: TagContext?,
        cardHTML: String? = nil
    ) {
        self.title = title
        self.url = url
        self.summary = summary
        self.tags = tags
        self.dateISO = dateISO
        self.dateDisplay = dateDisplay
        self.series = series
        self.cardHTML = cardHTML
    }

    package func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "url": url
        case "summary": summary
        case "tags": tags
        case "has_tags": !tags.isEmpty
        case "date_iso": dateISO
        case "date_display": dateDisplay
        case "series": series
        case "card_html": cardHTML
        default: nil
        }
    }
}

/// Where a post stands in its series.
package struct SeriesNavigation: TemplateContext, Hashable {
    package var name: String
    package var url: String
    package var position: Int
    package var count: Int
    package var previous: LinkContext?
    package var next: LinkContext?

    package init(name: String, url: String, position: Int, count: Int, previous: LinkContext?, next: LinkContext?) {
        self.name = name
        self.url = url
        self.position = position
        self.count = count
        self.previous = previous
        self.next = next
    }

    package func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "url": url
        case "position": position
        case "count": count
        case "previous": previous
        case "next": next
        default: nil
        }
    }
}

/// A post or page as its own page shows it: its card and the rest.
package final class PostContext: TemplateContext {
    package let card: CardContext
    package let content: String
    package let toc: String?
    package let author: String?
    package let discuss: String?
    package let readingMinutes: Int?
    package let updatedISO: String?
    package let updatedDisplay: String?
    /// On a post's own page, `series` is its place in the series, not the card's link.
    package let seriesNavigation: SeriesNavigation?

    package init(
        card: CardContext, content: String, toc: String?, author: String?, discuss: String?, readingMinutes: Int?, updatedISO: String?,
        updatedDisplay: String?, seriesNavigation: SeriesNavigation?
    ) {
        self.card = card
        self.content = content
        self.toc = toc
        self.author = author
        self.discuss = discuss
        self.readingMinutes = readingMinutes
        self.updatedISO = updatedISO
        self.updatedDisplay = updatedDisplay
        self.seriesNavigation = seriesNavigation
    }

    package func child(named key: String) -> Any? {
        switch key {
        case "content": content
        case "toc": toc
        case "author": author
        case "discuss": discuss
        case "reading_minutes": readingMinutes
        case "updated_iso": updatedISO
        case "updated_display": updatedDisplay
        case "series": seriesNavigation
        default: card.child(named: key)
        }
    }
}

/// The index's place among its pages.
package struct PaginationContext: TemplateContext {
    package var current: Int
    package var total: Int
    package var newerURL: String?
    package var olderURL: String?

    package init(current: Int, total: Int, newerURL: String?, olderURL: String?) {
        self.current = current
        self.total = total
        self.newerURL = newerURL
        self.olderURL = olderURL
    }

    package func child(named key: String) -> Any? {
        switch key {
        case "current": current
        case "total": total
        case "is_first": current == 1
        case "has_pages": total > 1
        case "newer_url": newerURL
        case "older_url": olderURL
        default: nil
        }
    }
}

/// A whole page: the site, its canonical address, and what its kind shows.
package final class PageContext: TemplateContext {
    package enum Body: Sendable {
        /// `post` and `page`.
        case item(PostContext)
        /// `index`, one page of it.
        case index(posts: [CardContext], pagination: PaginationContext)
        /// `tags`.
        case tags([TagContext])
        /// `tag` and `series`; `count` only for a series.
        case list(name: String, count: Int?, posts: [CardContext])
        /// `404`.
        case nothing
    }

    package let site: SiteContext
    package let canonical: String?
    package let body: Body

    package init(site: SiteContext, canonical: String?, body: Body) {
        self.site = site
        self.canonical = canonical
        self.body = body
    }

    package func child(named key: String) -> Any? {
        switch key {
        case "site": return site
        case "canonical": return canonical
        default: break
        }
        switch body {
        case .item(let post): return key == "post" ? post : nil
        case .index(let posts, let pagination):
            switch key {
            case "posts": return posts
            case "pagination": return pagination
            default: return nil
            }
        case .tags(let tags): return key == "tags" ? tags : nil
        case .list(let name, let count, let posts):
            switch key {
            case "name": return name
            case "count": return count
            case "posts": return posts
            default: return nil
            }
        case .nothing: return nil
        }
    }
}
