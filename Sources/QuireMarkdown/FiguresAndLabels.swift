import CCmarkGFM
import Foundation
import QuireDiagnostics

/// What a cross-reference can name — PRODUCT §2 "Numbered figures and cross-references".
public enum LabelKind: String, Sendable, CaseIterable {
    case figure = "fig"
    case table = "tbl"
    case equation = "eq"
    case section = "sec"

    /// `fig-loss` → .figure.
    public init?(label: String) {
        guard let dash = label.firstIndex(of: "-"), label.index(after: dash) < label.endIndex,
            let kind = LabelKind(rawValue: String(label[..<dash]))
        else { return nil }
        self = kind
    }

    /// "Figure", "Table", "Equation" — the word a caption or reference starts with.
    public var word: String {
        switch self {
        case .figure: "Figure"
        case .table: "Table"
        case .equation: "Equation"
        case .section: "Section"
        }
    }
}

/// A labelled place in a post that `@label` can point to.
public struct LabelTarget: Sendable, Equatable {
    public var label: String
    public var kind: LabelKind
    /// The figure, table or equation number; nil for sections.
    public var number: Int?
    /// A section's heading text.
    public var title: String?
    public var location: SourceLocation

    public init(label: String, kind: LabelKind, number: Int?, title: String? = nil, location: SourceLocation) {
        self.label = label
        self.kind = kind
        self.number = number
        self.title = title
        self.location = location
    }

    /// The reference's text: "Figure 2", "Table 1", "Equation (3)", or the section's title.
    package var referenceText: String {
        switch kind {
        case .equation: "Equation (\(number ?? 0))"
        case .section: title ?? label
        default: "\(kind.word) \(number ?? 0)"
        }
    }
}

/// An image alone in its paragraph, turned into a numbered `<figure>`; the
/// site fills in its `width`/`height` from the file.
package struct ImageFigure: Sendable, Equatable {
    /// The image's URL as written (usually a file in the bundle).
    public var source: String
    public var number: Int
    /// The figure's id: its `{#fig-…}` label or `fig-N`.
    package var anchor: String
    public var location: SourceLocation
}

/// The figure and label syntax inside cmark's tree.
enum FigureSyntax {
    /// `Title {#sec-name}` → strips the label from the heading's last text and returns it.
    static func takeHeadingLabel(from heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading), CMark.type(last) == CMARK_NODE_TEXT else { return nil }
        let text = CMark.literal(last)
        guard let (label, rest) = trailingLabel(in: text), label.hasPrefix("sec-") else { return nil }
        CMark.setLiteral(last, rest)
        return label
    }

    /// "text {#label}" → ("label", "text"), trailing white space allowed.
    static func trailingLabel(in text: String) -> (String, String)? {
        let trimmed = text.reversed().drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.first == "}" else { return nil }
        let body = String(trimmed.reversed().dropLast())
        guard let open = body.range(of: "{#", options: .backwards) else { return nil }
        let label = String(body[open.upperBound...])
        guard !label.isEmpty, label.utf8.allSatisfy(CitationSyntax.isLabelByte) else { return nil }
        var rest = String(body[..<open.lowerBound])
        while rest.last == " " || rest.last == "\t" { rest.removeLast() }
        return (label, rest)
    }

    /// The image of a paragraph holding only an image (and perhaps its `{#fig-…}`), with that label.
    static func loneImage(in paragraph: OpaquePointer) -> (image: OpaquePointer, label: String?, labelNode: OpaquePointer?)? {
        // Asked of every paragraph: the children are looked at in place, not gathered.
        guard let image = cmark_node_first_child(paragraph), CMark.type(image) == CMARK_NODE_IMAGE else { return nil }
        guard let second = cmark_node_next(image) else { return (image, nil, nil) }
        guard cmark_node_next(second) == nil, CMark.type(second) == CMARK_NODE_TEXT else { return nil }
        let text = CMark.literal(second)
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) { return (image, nil, nil) }
        guard let (label, rest) = trailingLabel(in: text), rest.isEmpty else { return nil }
        return (image, label, second)
    }

    /// Rebuilds the paragraph's image as `<img …>` plus a `<figcaption>` holding
    /// the alt text's own nodes (so its Markdown renders). `sizeToken` marks where
    /// the site puts `width`/`height`; `paragraphMarker` sits right after `<p>`.
    /// Returns nodes that were unlinked, to be freed after the walk.
    static func makeFigure(
        image: OpaquePointer, labelNode: OpaquePointer?, in paragraph: OpaquePointer, alt: String,
        caption: String, sizeToken: String, paragraphMarker: String
    ) -> [OpaquePointer] {
        let url = cmark_node_get_url(image).map { String(cString: $0) } ?? ""
        let title = cmark_node_get_title(image).map { String(cString: $0) } ?? ""
        var tag = "<img src=\"\(HTMLText.escape(url))\" alt=\"\(HTMLText.escape(alt))\""
        if !title.isEmpty { tag += " title=\"\(HTMLText.escape(title))\"" }
        tag += sizeToken + ">"
        guard let img = CMark.newNode(CMARK_NODE_CUSTOM_INLINE), let figcaption = CMark.newNode(CMARK_NODE_CUSTOM_INLINE) else {
            return []
        }
        cmark_node_set_on_enter(img, tag)
        cmark_node_set_on_enter(figcaption, "<figcaption>" + caption)
        cmark_node_set_on_exit(figcaption, "</figcaption>" + closingMarker)
        while let child = cmark_node_first_child(image) { cmark_node_append_child(figcaption, child) }
        cmark_node_insert_before(image, img)
        cmark_node_insert_before(image, figcaption)
        cmark_node_unlink(image)
        var unlinked = [image]
        if let labelNode {
            cmark_node_unlink(labelNode)
            unlinked.append(labelNode)
        }
        CMark.prependRaw(paragraphMarker, to: paragraph)
        return unlinked
    }

    /// Ends a figure's caption; with the paragraph's "</p>" after it, becomes "</figure>".
    static let closingMarker = ProtectedSpans.token("G", 0)

    /// Display math with a number on the right.
    static func equation(_ mathML: String, label: String, number: Int) -> String {
        "<span class=\"equation\" id=\"\(HTMLText.escape(label))\">\(mathML)<span class=\"equation-number\">(\(number))</span></span>"
    }
}

extension FigureSyntax {
    /// Each figure's paragraph end ("</figcaption>" marker "</p>") becomes "</figure>".
    static func closeFigures(in html: String) -> String {
        html.replacingOccurrences(of: closingMarker + "</p>", with: "</figure>")
    }
}

/// What the site worked out for a post's citations and figures, filled in by `MarkdownDocument.render`.
package struct ResolvedReferences: Sendable {
    /// Per citation mark, in order: its HTML, or nil to show the author's text unchanged.
    public var citations: [String?]
    /// Per image figure: attributes for its `<img>` (` width="…" height="…"`).
    package var imageAttributes: [String]

    public init(citations: [String?] = [], imageAttributes: [String] = []) {
        self.citations = citations
        self.imageAttributes = imageAttributes
    }
}

extension LabelKind {
    /// Why `label` cannot label one of these (wrong prefix, stray characters), or nil if it can.
    public func problem(with label: String) -> String? {
        guard label.hasPrefix(rawValue + "-"), label.count > rawValue.count + 1 else {
            return "the label '\(label)' must start with '\(rawValue)-' (a \(word.lowercased()) is referred to as @\(rawValue)-name)"
        }
        guard label.utf8.allSatisfy(CitationSyntax.isLabelByte) else {
            return "the label '\(label)' may hold only letters, digits, '-' and '_'"
        }
        return nil
    }
}
