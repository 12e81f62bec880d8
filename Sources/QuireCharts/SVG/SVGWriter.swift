import QuireDiagnostics

/// Appends SVG markup to one string. Every text or attribute value that may
/// come from data is escaped (`HTMLText`, `.svg`), so a label can never open a tag.
struct SVGWriter {
    private(set) var output = ""

    init() { output.reserveCapacity(16_384) }

    mutating func raw(_ text: String) { output += text }

    /// `<name a="1" b="2"/>` or, with `content`, `<name …>content</name>` (content escaped).
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) {
        output += "<" + name
        appendAttributes(attributes)
        if let text {
            output += ">" + HTMLText.escape(text, for: .svg) + "</" + name + ">"
        } else {
            output += "/>"
        }
    }

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">"
    }

    mutating func close(_ name: String) { output += "</" + name + ">" }

    private mutating func appendAttributes(_ attributes: KeyValuePairs<String, String>) {
        for (key, value) in attributes where !value.isEmpty {
            output += " " + key + "=\"" + HTMLText.escape(value, for: .svg) + "\""
        }
    }
}

/// Pixel coordinates rounded to 0.1 px and written as short as they go
/// (`12`, `12.5`, `.5`, `-.5`).
enum PixelText {
    static func tenths(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int((min(max(value, -1e8), 1e8) * 10).rounded())
    }

    static func string(tenths: Int) -> String {
        let negative = tenths < 0
        let magnitude = negative ? -tenths : tenths
        let whole = magnitude / 10
        let fraction = magnitude % 10
        var text = negative ? "-" : ""
        if fraction == 0 {
            text += String(whole)
        } else {
            if whole != 0 { text += String(whole) }
            text += "." + String(fraction)
        }
        return text == "-0" ? "0" : text
    }

    static func string(_ value: Double) -> String { string(tenths: tenths(value)) }
}

/// Path data with relative moves between points rounded to 0.1 px; deltas are
/// taken between rounded positions, so rounding never accumulates.
struct PathBuilder {
    private(set) var data = ""
    private var last: (x: Int, y: Int)?
    private var lastCommand: Character = " "

    var isEmpty: Bool { data.isEmpty }

    mutating func move(_ x: Double, _ y: Double) {
        let point = (PixelText.tenths(x), PixelText.tenths(y))
        if let last {
            append("m", point.0 - last.x, point.1 - last.y)
        } else {
            append("M", point.0, point.1)
        }
        last = point
    }

    mutating func line(_ x: Double, _ y: Double) {
        let point = (PixelText.tenths(x), PixelText.tenths(y))
        guard let last else { return move(x, y) }
        let (dx, dy) = (point.0 - last.x, point.1 - last.y)
        // Axis-parallel steps (grid, ticks, flat runs) need one number, not two.
        if dy == 0 {
            data += "h" + PixelText.string(tenths: dx)
            lastCommand = "h"
        } else if dx == 0 {
            data += "v" + PixelText.string(tenths: dy)
            lastCommand = "v"
        } else {
            append("l", dx, dy)
        }
        self.last = point
    }

    /// An axis-aligned rectangle as its own closed subpath.
    mutating func rectangle(x: Double, y: Double, width: Double, height: Double) {
        move(x, y)
        let w = PixelText.tenths(x + width) - PixelText.tenths(x)
        let h = PixelText.tenths(y + height) - PixelText.tenths(y)
        data += "h" + PixelText.string(tenths: w) + "v" + PixelText.string(tenths: h) + "h" + PixelText.string(tenths: -w) + "z"
        lastCommand = "z"
    }

    mutating func closePath() {
        data += "Z"
        lastCommand = "Z"
    }

    private mutating func append(_ command: Character, _ a: Int, _ b: Int) {
        // A repeated command letter may be left out (after m, further pairs are lines).
        let implicit = (command == "l" && (lastCommand == "l" || lastCommand == "m"))
        if !implicit { data.append(command) }
        let first = PixelText.string(tenths: a)
        if implicit, !first.hasPrefix("-") { data += " " }
        data += first
        let second = PixelText.string(tenths: b)
        if !second.hasPrefix("-") { data += " " }
        data += second
        lastCommand = command
    }
}
