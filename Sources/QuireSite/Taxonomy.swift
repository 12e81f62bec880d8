import QuireContent

/// Tags and series: which posts carry each, under a URL-safe slug.
struct Taxonomy: Sendable {
    struct Term: Sendable {
        var name: String
        var slug: String
        /// Indices into the site's posts, newest first.
        var posts: [Int]
    }

    var tags: [Term]
    var series: [Term]

    /// `posts` newest first; terms sorted by slug so output never depends on input order.
    init(posts: [ContentItem]) {
        // Names are read in place by index: handing each post over would copy all its fields.
        tags = Self.group(posts.indices) { posts[$0].frontMatter.tags }
        series = Self.group(posts.indices) { posts[$0].frontMatter.series.map { [$0] } ?? [] }
    }

    private static func group(_ posts: Range<Int>, _ names: (Int) -> [String]) -> [Term] {
        var bySlug: [String: Term] = [:]
        // Each spelling is made a slug once, not once per post that uses it.
        var slugs: [String: String] = [:]
        for index in posts {
            for name in names(index) {
                let slug = slugs[name] ?? Slug.make(from: name)
                slugs[name] = slug
                // The first spelling met (in newest-first order) names the term.
                bySlug[slug, default: Term(name: name, slug: slug, posts: [])].posts.append(index)
            }
        }
        return bySlug.values.map { term in
            var term = term
            // A post tagged both "ML" and "ml" is listed once.
            var seen = Set<Int>()
            term.posts = term.posts.filter { seen.insert($0).inserted }
            return term
        }.sorted { $0.slug < $1.slug }
    }
}
