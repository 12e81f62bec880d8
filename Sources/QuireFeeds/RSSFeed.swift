import QuireDiagnostics

/// RSS 2.0 with the full post in `content:encoded`.
package enum RSSFeed {
    public static func render(channel: FeedChannel, entries: [FeedEntry]) -> String {
        var xml = XMLLines()
        xml.raw(
            #"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" "#
                + #"xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">"#,
            depth: 0)
        xml.raw("<channel>", depth: 1)
        xml.element("title", channel.title, depth: 2)
        xml.element("link", channel.siteURL, depth: 2)
        xml.element("description", channel.description, depth: 2)
        xml.element("language", channel.language, depth: 2)
        xml.emptyElement(
            "atom:link", attributes: [("href", channel.rssURL), ("rel", "self"), ("type", "application/rss+xml")],
            depth: 2)
        if let author = channel.author, isEmailAddress(author) {
            xml.element("managingEditor", author, depth: 2)
        }
        xml.element("generator", "quire", depth: 2)
        if let newest = entries.newestChange {
            xml.element("lastBuildDate", FeedDates.rfc822(newest), depth: 2)
        }
        for entry in entries {
            writeItem(entry, channel: channel, into: &xml)
        }
        xml.raw("</channel>", depth: 1)
        xml.raw("</rss>", depth: 0)
        return xml.document
    }

    private static func writeItem(_ entry: FeedEntry, channel: FeedChannel, into xml: inout XMLLines) {
        xml.raw("<item>", depth: 2)
        xml.element("title", entry.title, depth: 3)
        xml.element("link", entry.url, depth: 3)
        xml.element("guid", entry.url, attributes: [("isPermaLink", "true")], depth: 3)
        xml.element("pubDate", FeedDates.rfc822(entry.published), depth: 3)
        if let author = entry.author ?? channel.author {
            // RSS's own <author> must be an e-mail address; a plain name goes in dc:creator.
            xml.element(isEmailAddress(author) ? "author" : "dc:creator", author, depth: 3)
        }
        for tag in entry.writableTags {
            xml.element("category", tag, depth: 3)
        }
        if !entry.summary.isEmpty {
            // RSS readers render `description` as HTML: the plain-text summary is
            // escaped as HTML first, so markup in it shows as text everywhere.
            xml.element("description", HTMLText.escape(entry.summary), depth: 3)
        }
        // Escaped as text rather than wrapped in CDATA, so "]]>" in a post needs no special case.
        xml.element("content:encoded", AbsoluteLinks.rewrite(entry.contentHTML, base: entry.url), depth: 3)
        xml.raw("</item>", depth: 2)
    }

    /// Roughly `local@domain`, which is all RSS readers check for.
    private static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace })
    }
}
