import Foundation

/// Rewrites both importers share: math delimiters, literal dollars, stray `{{`.
enum BodyFinishing {
    /// kramdown writes inline math as `$$…$$` too: inside a paragraph it becomes `$…$`.
    /// In any math, `{{` would read as a quire inline value: `{ {` means the same to TeX.
    static func math(inner: String, dollars: Int, display: Bool, kramdown: Bool, report: inout ImportReport) -> Segment {
        var inner = inner
        if inner.contains("{{") {
            inner = inner.replacingOccurrences(of: "{{", with: "{ {")
            report.count("'{{' in math spaced to '{ {'")
        }
        if kramdown, dollars == 2, !display, !inner.contains("\n") {
            report.count("kramdown inline $$…$$ → $…$")
            return .math(inner: inner.trimmingCharacters(in: .whitespaces), dollars: 1, display: false)
        }
        return .math(inner: inner, dollars: dollars, display: display)
    }

    /// Where the old site had no `$…$` math, a `$` is a dollar: `\$` keeps it one in quire.
    static func escapingDollars(_ text: String, report: inout ImportReport) -> String {
        guard text.contains("$") else { return text }
        var out = ""
        var count = 0
        for character in text {
            if character == "$", out.last != "\\" {
                out += "\\$"
                count += 1
            } else {
                out.append(character)
            }
        }
        report.count("literal $ escaped as \\$", count)
        return out
    }

    static func escapingBraces(_ text: String, report: inout ImportReport) -> String {
        guard text.contains("{{") else { return text }
        let escaped = text.escapingDoubleBraces
        report.count("other {{ escaped as \\{{", escaped.count - text.count)
        return escaped
    }
}
