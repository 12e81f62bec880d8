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
        root + Self.encodingNonASCII(sitePath.drop { $0 == "/" })
    }

    /// `/posts/x/` → `https://example.org/blog/posts/x/`.
    func absolute(_ sitePath: String) -> String {
        base + Self.encodingNonASCII(sitePath.drop { $0 == "/" })
    }

    /// `tags/日本語/` → `tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/`: a URL in a feed or a
    /// sitemap must be ASCII. Files keep their names; the link check and
    /// `quire serve` decode the link to find them.
    static func encodingNonASCII(_ path: Substring) -> Substring {
        guard !path.utf8.allSatisfy({ $0 < 0x80 }) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in path.utf8 {
            if byte < 0x80 {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return Substring(decoding: bytes, as: UTF8.self)
    }

    /// `/posts/x/` → `posts/x/index.html` inside the output folder; `/x.html` is its own file.
    static func outputFile(forPath sitePath: String) -> String {
        let trimmed = sitePath.drop { $0 == "/" }
        if Permalink.namesFile(sitePath) { return String(trimmed) }
        return trimmed.isEmpty ? "index.html" : trimmed + (trimmed.hasSuffix("/") ? "" : "/") + "index.html"
    }
}
