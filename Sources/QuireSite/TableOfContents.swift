import QuireDiagnostics
import QuireMarkdown

/// A nested list of a post's headings, for posts with enough of them to need one.
enum TableOfContents {
    static let minimumHeadings = 3

    static func html(for headings: [Heading]) -> String? {
        let entries = headings.filter { $0.level >= 2 && $0.level <= 4 }
        guard entries.count >= minimumHeadings, let top = entries.map(\.level).min() else { return nil }
        var html = "<ol>"
        var depth = 0
        var open = false
        for heading in entries {
            let level = max(heading.level - top, 0)
            if level > depth {
                // Never skip a level, or the list would not be well formed.
                html += "<ol>"
                depth += 1
            } else {
                if open { html += "</li>" }
                while depth > level {
                    html += "</ol></li>"
                    depth -= 1
                }
            }
            html += "<li><a href=\"#\(heading.id)\">\(HTMLText.escape(heading.text))</a>"
            open = true
        }
        if open { html += "</li>" }
        while depth > 0 {
            html += "</ol></li>"
            depth -= 1
        }
        return html + "</ol>"
    }
}
