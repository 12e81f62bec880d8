import Foundation

/// An annotation as drawn in a panel: its line and, when it has one, where
/// its label goes.
struct PlacedAnnotation: Sendable {
    var path: String
    var label: PlacedLabel?
}

struct PlacedLabel: Sendable, Equatable {
    var text: String
    var x: Double
    /// The baseline.
    var y: Double
    var anchor: String
    var width: Double

    var left: Double { anchor == "end" ? x - width : x }
}

/// Places annotation labels so that they never overprint each other or
/// leave the panel. Each label tries the rows under the top edge (beside its
/// line, right side first); when the rows run out, every label becomes its
/// number and the caption lists what the numbers mean.
struct AnnotationLayout: Sendable {
    static let fontSize = 10.0
    static let rowHeight = 12.0
    static let gap = 4.0

    var placed: [PlacedAnnotation]
    /// Labels replaced by numbers, in order: the caption says what they are.
    var numberedLabels: [String]

    init(spec: ChartSpec, plan: ChartPlan) {
        let lines = spec.annotations.map { Self.line($0, plan: plan) }
        let maxRows = max(1, min(4, Int((plan.panelHeight - 4) / Self.rowHeight / 3)))
        if let labels = Self.place(lines, texts: spec.annotations.map(\.label), plan: plan, maxRows: maxRows) {
            placed = zip(lines, labels).compactMap { line, label in line.map { PlacedAnnotation(path: $0.path, label: label) } }
            numberedLabels = []
            return
        }
        // Too many labels too close: number them (numbers are narrow enough
        // to place, and the last resort is to drop a number, never to overprint).
        var numbers: [String?] = []
        var listed: [String] = []
        for (annotation, line) in zip(spec.annotations, lines) {
            if let label = annotation.label, line != nil {
                listed.append(label)
                numbers.append(String(listed.count))
            } else {
                numbers.append(nil)
            }
        }
        let labels = Self.place(lines, texts: numbers, plan: plan, maxRows: maxRows, dropUnplaceable: true) ?? []
        placed = zip(lines, labels).compactMap { line, label in line.map { PlacedAnnotation(path: $0.path, label: label) } }
        numberedLabels = listed
    }

    /// The caption note for numbered labels, e.g. "Marked: 1 cadence; 2 brb."
    var note: String? {
        guard !numberedLabels.isEmpty else { return nil }
        return "Marked: " + numberedLabels.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: "; ") + "."
    }

    /// An annotation's dashed line in panel pixels, and where a label would anchor.
    struct Line {
        var path: String
        var x: Double?
        var y: Double?
    }

    static func line(_ annotation: AnnotationSpec, plan: ChartPlan) -> Line? {
        var path = PathBuilder()
        var lineX: Double?
        var lineY: Double?
        if let x = annotation.x, let px = position(x, on: plan.x, kind: plan.prepared.xKind), px >= -0.5, px <= plan.panelWidth + 0.5 {
            path.move(px, 0)
            path.line(px, plan.panelHeight)
            lineX = px
        }
        if let y = annotation.y, let py = position(y, on: plan.y, kind: plan.prepared.yKind), py >= -0.5, py <= plan.panelHeight + 0.5 {
            path.move(0, py)
            path.line(plan.panelWidth, py)
            lineY = py
        }
        return path.isEmpty ? nil : Line(path: path.data, x: lineX, y: lineY)
    }

    static func position(_ value: AnnotationSpec.Position, on scale: PositionScale, kind: AxisKind) -> Double? {
        switch value {
        case .number(let number): return scale.position(.number(number))
        case .text(let text):
            if kind == .time, let seconds = CivilTime.parse(text) { return scale.position(.number(seconds)) }
            return scale.position(.text(text))
        }
    }

    /// Labels for each line, or nil when one cannot be placed (unless
    /// `dropUnplaceable`, when it is left out).
    static func place(_ lines: [Line?], texts: [String?], plan: ChartPlan, maxRows: Int, dropUnplaceable: Bool = false) -> [PlacedLabel?]? {
        var taken: [PlacedLabel] = []
        var result: [PlacedLabel?] = []
        let width = plan.panelWidth
        let height = plan.panelHeight
        for (line, text) in zip(lines, texts) {
            guard let line, let text, !text.isEmpty else {
                result.append(nil)
                continue
            }
            let full = TextMetrics.width(text, size: fontSize)
            var candidates: [PlacedLabel] = []
            if let px = line.x {
                // Beside a vertical line, in rows from the top; the side with room first.
                let sides = px + gap + full <= width - 2 ? ["start", "end"] : ["end", "start"]
                for row in 0..<maxRows {
                    for side in sides {
                        candidates.append(
                            PlacedLabel(
                                text: text, x: side == "start" ? px + gap : px - gap, y: 10 + Double(row) * rowHeight,
                                anchor: side, width: full))
                    }
                }
            } else if let py = line.y {
                // Above a horizontal line at the right end, else below it, else further left.
                for baseline in [py - gap, py + rowHeight] {
                    var right = width - gap
                    for _ in 0..<3 {
                        candidates.append(PlacedLabel(text: text, x: right, y: baseline, anchor: "end", width: full))
                        right -= full + 2 * gap
                    }
                }
            }
            let fitting = candidates.first { candidate in
                candidate.left >= 0 && candidate.left + candidate.width <= width && candidate.y - 9 >= 0 && candidate.y + 2 <= height
                    && !taken.contains { Self.overlap($0, candidate) }
            }
            if let fitting {
                taken.append(fitting)
                result.append(fitting)
            } else if dropUnplaceable {
                result.append(nil)
            } else {
                return nil
            }
        }
        return result
    }

    /// Whether two labels' boxes (cap height above the baseline, a little
    /// below it, and a gap either side) touch.
    static func overlap(_ a: PlacedLabel, _ b: PlacedLabel) -> Bool {
        abs(a.y - b.y) < rowHeight - 0.5 && a.left < b.left + b.width + gap && b.left < a.left + a.width + gap
    }
}
