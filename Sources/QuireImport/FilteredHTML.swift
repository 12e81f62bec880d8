import Foundation
import QuireDiagnostics
import QuireFeeds

/// Raw HTML elements that GitHub Flavored Markdown's tag filter (always on in
/// quire, as on GitHub) turns into visible text: an old post's `<style>` or
/// `<script>` block would show its source on the page, and an `<iframe>`
/// embed its tag. Styles and scripts belonged to the old theme and go; a
/// frame becomes a link to what it showed, as Hugo's `youtube` shortcode
/// does: an HTML link, as frames sit in HTML blocks where Markdown is not
/// read. Each is noted at its line; code is left alone. The last step of a
/// body's translation (the steps before keep its lines), as what it removes
/// may span lines.
enum FilteredHTML {
    static func translate(_ body: String, path: String, firstLine: Int, report: inout ImportReport) -> String {
        let lower = body.lowercased()
        guard ["<style", "<script", "<iframe"].contains(where: lower.contains) else { return body }
        let characters = Array(body)
        let lowered = Array(lower)
        guard characters.count == lowered.count else { return body }
        let fenced = MarkdownSegments.fencedLines(body)
        var out = ""
        var index = 0
        var line = 0
        var backticksOnLine = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                line += 1
                backticksOnLine = 0
            } else if character == "`" {
                backticksOnLine += 1
            }
            guard character == "<", !fenced.contains(line), backticksOnLine % 2 == 0,
                let name = ["style", "script", "iframe"].first(where: { opens($0, lowered, at: index) }),
                let end = closingEnd(of: name, lowered, from: index)
            else {
                out.append(character)
                index += 1
                continue
            }
            let element = String(characters[index..<end])
            let newlines = element.filter { $0 == "\n" }.count
            let at = firstLine + line
            let source = HTMLAttributeText.value(of: "src", inTag: element)
            if name == "iframe" {
                if let source, !source.isEmpty, !source.lowercased().hasPrefix("javascript:") {
                    // A page of the post's own (copied into its bundle) is linked as it
                    // is; `&amp;` in the value is `&`, escaped again below.
                    let decoded = AttributeValueText.decode(source) ?? source
                    let url = decoded.hasPrefix("//") ? "https:" + decoded : decoded
                    out +=
                        "<a href=\"\(HTMLText.escape(watchURL(for: url), for: .attributeURL))\">\(HTMLText.escape(linkText(for: url)))</a>"
                    report.count("HTML <iframe> → a link to what it showed (GFM filters frames)")
                } else {
                    report.note(path, line: at, "an <iframe> with no address removed: GitHub Flavored Markdown filters frames")
                }
            } else {
                let what = source.map { "<\(name) src=\"\($0)\">" } ?? "<\(name)> block"
                report.note(path, line: at, "\(what) removed: GitHub Flavored Markdown shows it as text; a theme's templates/ can carry it")
            }
            line += newlines
            index = end
        }
        return out
    }

    /// `<name` followed by a space, `>` or `/` at `index`.
    private static func opens(_ name: String, _ lowered: [Character], at index: Int) -> Bool {
        let tag = Array("<" + name)
        guard index + tag.count < lowered.count, Array(lowered[index..<index + tag.count]) == tag else { return false }
        return [" ", "\t", "\n", ">", "/"].contains(lowered[index + tag.count])
    }

    /// The index just past `</name>` after `start`; nil when it is never closed.
    private static func closingEnd(of name: String, _ lowered: [Character], from start: Int) -> Int? {
        let close = Array("</" + name)
        var cursor = start + 1
        while cursor + close.count <= lowered.count {
            if lowered[cursor] == "<", Array(lowered[cursor..<cursor + close.count]) == close {
                guard let greater = lowered[(cursor + close.count)...].firstIndex(of: ">") else { return nil }
                return greater + 1
            }
            cursor += 1
        }
        return nil
    }

    /// A YouTube embed's video page; any other frame's own address.
    private static func watchURL(for url: String) -> String {
        guard let id = youTubeID(url) else { return url }
        return "https://www.youtube.com/watch?v=\(id)"
    }

    private static func linkText(for url: String) -> String {
        if let id = youTubeID(url) { return "YouTube video \(id)" }
        guard let host = URL(string: url)?.host else { return "Embedded page \((url as NSString).lastPathComponent)" }
        return "Embedded content from \(host)"
    }

    private static func youTubeID(_ url: String) -> String? {
        for marker in ["youtube.com/embed/", "youtube-nocookie.com/embed/"] {
            if let range = url.range(of: marker) {
                let id = url[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                if !id.isEmpty { return String(id) }
            }
        }
        return nil
    }
}
