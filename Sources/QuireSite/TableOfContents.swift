import QuireDiagnostics
import QuireMarkdown

/// A nested list of a post's headings, for posts with enough of them to need one.
enum TableOfContents {
    static let minimumHeadings = 3

    static func html(for headings: [Heading]) -> String? {
        let entries = headings.filter { $0.level >= 2 && $0.level <= 4 }
        guard entries.count >= minimumHeadings else { return nil }
        var html = "<ol>"
        html.reserveCapacity(entries.reduce(64) { $0 + 48 + $1.id.utf8.count + $1.text.utf8.count })
        // The heading level each open list holds. A deeper heading opens one
        // list inside the open entry, never two (the list must stay well
        // formed); a shallower one closes lists back to its level, but never
        // the outermost, so a post starting at h3 still has one list.
        var lists: [Int] = []
        for heading in entries {
            if let current = lists.last, heading.level > current {
                html += "<ol>"
                lists.append(heading.level)
            } else if !lists.isEmpty {
                html += "</li>"
                while lists.count > 1, heading.level < lists[lists.count - 1], heading.level <= lists[lists.count - 2] {
                    html += "</ol></li>"
                    lists.removeLast()
                }
            } else {
                lists.append(heading.level)
            }
            html += "<li><a href=\"#\(heading.id)\">\(HTMLText.escape(heading.text))</a>"
        }
        html += "</li>"
        html += String(repeating: "</ol></li>", count: lists.count - 1)
        return html + "</ol>"
    }
}
