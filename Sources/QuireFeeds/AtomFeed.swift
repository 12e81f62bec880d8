import Foundation
import QuireDiagnostics

/// Atom 1.0 (RFC 4287).
package enum AtomFeed {
    /// What `updated` says when there are no entries: a fixed date keeps the output deterministic.
    static let emptyFeedDate = Date(timeIntervalSince1970: 0)

    public static func render(channel: FeedChannel, entries: [FeedEntry]) -> String {
        var xml = XMLLines()
        xml.raw(
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(HTMLText.escape(channel.language, for: .xmlAttribute))">"#,
            depth: 0)
        xml.element("id", channel.siteURL, depth: 1)
        xml.element("title", channel.title, attributes: [("type", "text")], depth: 1)
        if !channel.description.isEmpty {
            xml.element("subtitle", channel.description, attributes: [("type", "text")], depth: 1)
        }
        xml.element("updated", FeedDates.rfc3339(entries.newestChange ?? emptyFeedDate), depth: 1)
        xml.emptyElement(
            "link", attributes: [("rel", "self"), ("type", "application/atom+xml"), ("href", channel.atomURL)], depth: 1)
        xml.emptyElement(
            "link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", channel.siteURL)], depth: 1)
        // Atom requires an author on the feed unless every entry has one; the site's title stands in.
        writeAuthor(channel.author ?? channel.title, into: &xml, depth: 1)
        xml.element("generator", "quire", depth: 1)
        for entry in entries {
            writeEntry(entry, into: &xml)
        }
        xml.raw("</feed>", depth: 0)
        return xml.document
    }

    private static func writeEntry(_ entry: FeedEntry, into xml: inout XMLLines) {
        xml.raw("<entry>", depth: 1)
        xml.element("id", entry.url, depth: 2)
        xml.element("title", entry.title, attributes: [("type", "text")], depth: 2)
        xml.element("published", FeedDates.rfc3339(entry.published), depth: 2)
        xml.element("updated", FeedDates.rfc3339(entry.lastChanged), depth: 2)
        xml.emptyElement("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", entry.url)], depth: 2)
        if let author = entry.author {
            writeAuthor(author, into: &xml, depth: 2)
        }
        for tag in entry.writableTags {
            xml.emptyElement("category", attributes: [("term", tag)], depth: 2)
        }
        if !entry.summary.isEmpty {
            xml.element("summary", entry.summary, attributes: [("type", "text")], depth: 2)
        }
        xml.element(
            "content", AbsoluteLinks.rewrite(entry.contentHTML, base: entry.url),
            attributes: [("type", "html"), ("xml:base", entry.url)], depth: 2)
        xml.raw("</entry>", depth: 1)
    }

    private static func writeAuthor(_ name: String, into xml: inout XMLLines, depth: Int) {
        xml.raw("<author>", depth: depth)
        xml.element("name", name, depth: depth + 1)
        xml.raw("</author>", depth: depth)
    }
}
