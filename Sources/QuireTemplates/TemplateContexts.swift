import Mustache

/// What a template sees. Each value answers Mustache's lookups by key; the
/// keys are the theme's contract, so renaming one means changing templates.
///
/// A key whose value is nil is absent, which Mustache treats as false and
/// looks up in the enclosing context instead. Present values are true even
/// when empty, so a value that should hide a section when empty is made nil
/// where the context is built.
package protocol TemplateContext: MustacheParent, Sendable {
    /// What `key` names here, typed.
    func value(named key: String) -> TemplateValue
}

extension TemplateContext {
    package func child(named key: String) -> Any? { value(named: key).mustache }
}

/// What a lookup finds, typed: `RenderShapes` replays a page's lookups
/// without casting what each found, and swift-mustache is handed each as
/// `mustache`.
package enum TemplateValue {
    case absent
    case text(String)
    case number(Int)
    case flag(Bool)
    /// A context that is a class, handed to swift-mustache in a `ContextHandle`.
    case object(any TemplateContext & AnyObject)
    /// A context that is a struct, handed over as it is.
    case value(any TemplateContext)
    case tags([TagContext])
    case cards([CardContext])
    case links([LinkContext])

    static func shown(_ text: String?) -> TemplateValue { text.map(TemplateValue.text) ?? .absent }
    static func shown(_ number: Int?) -> TemplateValue { number.map(TemplateValue.number) ?? .absent }
    static func shown(_ context: (any TemplateContext)?) -> TemplateValue { context.map(TemplateValue.value) ?? .absent }

    /// The value as swift-mustache is given it.
    var mustache: Any? {
        switch self {
        case .absent: nil
        case .text(let text): TemplateText(text: text)
        case .number(let number): TemplateNumber(number: number)
        case .flag(let flag): flag
        case .object(let context): ContextHandle(context: context)
        case .value(let context): context
        case .tags(let list): list
        case .cards(let list): list
        case .links(let list): list
        }
    }
}

/// A string as templates see it. Mustache learns what a value is by casting
/// it to its protocols one after another, and a bare `String` falls through
/// to `Mirror` when a section opens on it and to `String(describing:)` when
/// printed; this answers the first casts. Transforms are String's.
package struct TemplateText: MustacheParent, MustacheCustomRenderable, MustacheTransformable, Sendable {
    let text: String

    package var renderText: String { text }
    package var isNull: Bool { false }
    package func child(named key: String) -> Any? { nil }
    package func transform(_ name: String) -> Any? { text.transform(name) }
}

/// A whole number as templates see it, for the same reason; transforms are Int's.
package struct TemplateNumber: MustacheParent, MustacheCustomRenderable, MustacheTransformable, Sendable {
    let number: Int

    package var renderText: String { String(number) }
    package var isNull: Bool { false }
    package func child(named key: String) -> Any? { nil }
    package func transform(_ name: String) -> Any? { number.transform(name) }
}

// The site, card, post and page contexts are classes: Mustache holds every
// value it looks up as `Any`, and a struct of a dozen strings is copied into
// a fresh box, each string retained, at each lookup; a class is one retain.

/// How Mustache is handed a context that is a class. Mustache casts each
/// value it meets to protocols it mostly does not conform to, and the runtime,
/// failing to cast a class instance, goes on to try it as a boxed value
/// (`swift_unboxFromSwiftValueWithType`, a generic metadata lookup); a failed
/// cast of a struct ends at once. A reference and its witness table fit in
/// `Any` without a box.
struct ContextHandle: MustacheParent, CustomStringConvertible {
    let context: any TemplateContext & AnyObject

    func child(named key: String) -> Any? { context.child(named: key) }
    /// What the context itself prints as (`{{post}}`).
    var description: String { String(describing: context) }
}

/// The same for every page: `site.*`.
package final class SiteContext: TemplateContext, Equatable {
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

    package static func == (a: SiteContext, b: SiteContext) -> Bool {
        (a.title, a.description, a.language, a.author) == (b.title, b.description, b.language, b.author)
            && (a.root, a.baseURL, a.feedURL, a.atomURL) == (b.root, b.baseURL, b.feedURL, b.atomURL) && a.pages == b.pages
    }

    package func value(named key: String) -> TemplateValue {
        switch key {
        case "title": .shown(title)
        case "description": .shown(description)
        case "language": .shown(language)
        case "author": .shown(author)
        case "root": .shown(root)
        case "base_url": .shown(baseURL)
        case "feed_url": .shown(feedURL)
        case "atom_url": .shown(atomURL)
        case "pages": .links(pages)
        default: .absent
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

    package func value(named key: String) -> TemplateValue {
        switch key {
        case "title": .shown(title)
        case "url": .shown(url)
        case "name": .shown(name)
        default: .absent
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

    package func value(named key: String) -> TemplateValue {
        switch key {
        case "name": .shown(name)
        case "url": .shown(url)
        case "count": .shown(count)
        default: .absent
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

    /// The same card with its rendered HTML.
    package func with(cardHTML: String) -> CardContext {
        CardContext(
            title: title, url: url, summary: summary, tags: tags, dateISO: dateISO, dateDisplay: dateDisplay, series: series,
            cardHTML: cardHTML)
    }

    package func value(named key: String) -> TemplateValue {
        switch key {
        case "title": .shown(title)
        case "url": .shown(url)
        case "summary": .shown(summary)
        case "tags": .tags(tags)
        case "has_tags": .flag(!tags.isEmpty)
        case "date_iso": .shown(dateISO)
        case "date_display": .shown(dateDisplay)
        case "series": .shown(series)
        case "card_html": .shown(cardHTML)
        default: .absent
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

    package func value(named key: String) -> TemplateValue {
        switch key {
        case "name": .shown(name)
        case "url": .shown(url)
        case "position": .shown(position)
        case "count": .shown(count)
        case "previous": .shown(previous)
        case "next": .shown(next)
        default: .absent
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

    package func value(named key: String) -> TemplateValue {
        switch key {
        case "content": .shown(content)
        case "toc": .shown(toc)
        case "author": .shown(author)
        case "discuss": .shown(discuss)
        case "reading_minutes": .shown(readingMinutes)
        case "updated_iso": .shown(updatedISO)
        case "updated_display": .shown(updatedDisplay)
        case "series": .shown(seriesNavigation)
        default: card.value(named: key)
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

    package func value(named key: String) -> TemplateValue {
        switch key {
        case "current": .shown(current)
        case "total": .shown(total)
        case "is_first": .flag(current == 1)
        case "has_pages": .flag(total > 1)
        case "newer_url": .shown(newerURL)
        case "older_url": .shown(olderURL)
        default: .absent
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

    package func value(named key: String) -> TemplateValue {
        switch key {
        case "site": return .object(site)
        case "canonical": return .shown(canonical)
        default: break
        }
        switch body {
        case .item(let post): return key == "post" ? .object(post) : .absent
        case .index(let posts, let pagination):
            switch key {
            case "posts": return .cards(posts)
            case "pagination": return .value(pagination)
            default: return .absent
            }
        case .tags(let tags): return key == "tags" ? .tags(tags) : .absent
        case .list(let name, let count, let posts):
            switch key {
            case "name": return .shown(name)
            case "count": return .shown(count)
            case "posts": return .cards(posts)
            default: return .absent
            }
        case .nothing: return .absent
        }
    }
}
