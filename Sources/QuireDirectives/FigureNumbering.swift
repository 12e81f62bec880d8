import QuireDiagnostics
import QuireMarkdown

/// A numbered chart's or table's anchor and label: its `id` when given
/// (checked), else `fig-N` / `tbl-N` from its number — never a content hash,
/// so editing a chart keeps its anchor.
struct FigureNumbering {
    let kind: LabelKind
    let number: Int
    let anchor: String
    let target: LabelTarget

    /// nil when the block carries no number (a directive run outside a post).
    init?(kind: LabelKind, number: Int?, id: String?, idLocation: SourceLocation?, block: DirectiveBlock) throws {
        guard let number else { return nil }
        if let id, let problem = kind.problem(with: id) {
            throw Diagnostic.error(
                at: idLocation ?? block.bodyLocation, problem, hint: "for example id: \(kind.rawValue)-\(Self.suggestion(id))")
        }
        self.kind = kind
        self.number = number
        anchor = id ?? "\(kind.rawValue)-\(number)"
        target = LabelTarget(label: anchor, kind: kind, number: number, location: idLocation ?? block.location)
    }

    /// "Figure 2." as the caption's first words.
    var captionLead: String {
        "<span class=\"figure-number\">\(kind.word) \(number).</span>"
    }

    static func suggestion(_ id: String) -> String {
        let words = id.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        let tail = words.drop { LabelKind(rawValue: String($0)) != nil }
        return tail.isEmpty ? "name" : tail.joined(separator: "-")
    }
}
