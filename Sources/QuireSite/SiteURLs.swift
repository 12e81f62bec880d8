import QuireContent

/// Turns site paths (`/posts/helix/`) into the links a page uses and the
/// absolute URLs feeds and the sitemap need, honouring a base URL with a path
/// (`https://example.org/blog/`).
struct SiteURLs: Sendable {
    /// Absolute, ends with "/".
    let base: String
    /// The path part of `base`, starting and ending with "/".
    let root: String

    init(baseURL: String) {
        base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        if let schemeEnd = base.range(of: "://"), let slash = base[schemeEnd.upperBound...].firstIndex(of: "/") {
            root = String(base[slash...])
        } else {
            root = "/"
        }
    }

    /// `/posts/x/` → `/blog/posts/x/`.
    func link(_ sitePath: String) -> String {
        root + sitePath.drop { $0 == "/" }
    }

    /// `/posts/x/` → `https://example.org/blog/posts/x/`.
    func absolute(_ sitePath: String) -> String {
        base + sitePath.drop { $0 == "/" }
    }

    /// `/posts/x/` → `posts/x/index.html` inside the output folder; `/x.html` is its own file.
    static func outputFile(forPath sitePath: String) -> String {
        let trimmed = sitePath.drop { $0 == "/" }
        if Permalink.namesFile(sitePath) { return String(trimmed) }
        return trimmed.isEmpty ? "index.html" : trimmed + (trimmed.hasSuffix("/") ? "" : "/") + "index.html"
    }
}
