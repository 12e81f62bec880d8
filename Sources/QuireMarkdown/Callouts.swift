import CCmarkGFM
import Foundation

/// GitHub's alerts: a blockquote whose first line is `[!NOTE]`, `[!TIP]`,
/// `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` (any case) becomes a titled
/// box. Plain HTML with a bold title, so feed readers show it as it reads.
enum Callouts {
    static let titles = ["note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"]

    /// Rewrites every alert blockquote of the document in place.
    static func convert(in document: CMark.Document) {
        let quotes = blockQuotes(under: document.root)
        for quote in quotes {
            guard let paragraph = cmark_node_first_child(quote), CMark.type(paragraph) == CMARK_NODE_PARAGRAPH,
                let (kind, markerNodes) = marker(in: paragraph), let title = titles[kind]
            else { continue }
            for node in markerNodes {
                cmark_node_unlink(node)
                cmark_node_free(node)
            }
            if cmark_node_first_child(paragraph) == nil {
                cmark_node_unlink(paragraph)
                cmark_node_free(paragraph)
            }
            guard let box = CMark.newNode(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(
                box, "<div class=\"callout callout-\(kind)\">\n<p class=\"callout-title\"><strong>\(title)</strong></p>\n")
            cmark_node_set_on_exit(box, "</div>\n")
            while let child = cmark_node_first_child(quote) {
                cmark_node_append_child(box, child)
            }
            cmark_node_replace(quote, box)
            cmark_node_free(quote)
        }
    }

    /// Block quotes in document order, found among blocks only: a post's
    /// inline nodes, most of its tree, are never visited.
    static func blockQuotes(under parent: OpaquePointer) -> [OpaquePointer] {
        var quotes: [OpaquePointer] = []
        var child = cmark_node_first_child(parent)
        while let block = child {
            if CMark.type(block) == CMARK_NODE_BLOCK_QUOTE { quotes.append(block) }
            if let first = cmark_node_first_child(block),
                CMark.type(first).rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK)
            {
                quotes += blockQuotes(under: block)
            }
            child = cmark_node_next(block)
        }
        return quotes
    }

    /// The alert's kind (lowercased) and the nodes of its first line (the marker
    /// and the line break after it), if the paragraph starts with one alone on its line.
    static func marker(in paragraph: OpaquePointer) -> (String, [OpaquePointer])? {
        var text = ""
        var nodes: [OpaquePointer] = []
        var node = cmark_node_first_child(paragraph)
        while let current = node {
            let kind = CMark.type(current)
            if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK {
                nodes.append(current)
                break
            }
            guard kind == CMARK_NODE_TEXT else { return nil }
            text += CMark.literal(current)
            nodes.append(current)
            node = cmark_node_next(current)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]") else { return nil }
        let kind = trimmed.dropFirst(2).dropLast().lowercased()
        guard titles[kind] != nil else { return nil }
        return (kind, nodes)
    }
}
