import Foundation
import QuireDiagnostics
import QuireSite

/// Links that reach nothing in the new site — most often broken in the old
/// one too: a target that was never there, an anchor no element has — would
/// stop it from building, as quire checks every internal link. Each is
/// unlinked where the check found it, its text kept, and noted in the report
/// at its line: the page reads as it did, and the site builds.
enum BrokenLinks {
    /// The link a link-check error is about: `broken link 'x': …` → `x`.
    static func target(of diagnostic: Diagnostic) -> String? {
        let message = diagnostic.message
        guard let prefix = ["broken link '", "broken anchor '"].first(where: { message.hasPrefix($0) }),
            let end = message.range(of: "': ", range: message.index(message.startIndex, offsetBy: prefix.count)..<message.endIndex)
        else { return nil }
        return String(message[message.index(message.startIndex, offsetBy: prefix.count)..<end.lowerBound])
    }

    /// Unlinks, in the imported site at `root`, each broken link `errors`
    /// name in a Markdown file under `content/`; notes each in `report`.
    /// Whether any file changed.
    static func unlink(_ errors: [Diagnostic], in root: URL, report: inout ImportReport) throws -> Bool {
        var targets: [String: Set<String>] = [:]
        for error in errors {
            guard let target = target(of: error), error.location.path.hasPrefix("content/"),
                ["md", "markdown"].contains((error.location.path as NSString).pathExtension)
            else { continue }
            targets[error.location.path, default: []].insert(target)
        }
        var changed = false
        for (path, links) in targets.sorted(by: { $0.key < $1.key }) {
            let file = root.appendingPathComponent(path)
            let text = try String(contentsOf: file, encoding: .utf8)
            let (rewritten, unlinked) = unlinking(links, in: text)
            for (line, link) in unlinked {
                report.noteUnlinked(link, in: path, line: line)
            }
            if rewritten != text {
                try rewritten.write(to: file, atomically: true, encoding: .utf8)
                changed = true
            }
        }
        return changed
    }

    /// `text` with every Markdown link `[words](link)`, image `![alt](link)`,
    /// HTML `href="link"` and `<img src="link">` to one of `links` undone,
    /// outside code; each undone link with its line.
    static func unlinking(_ links: Set<String>, in text: String) -> (String, [(line: Int, link: String)]) {
        // As browsers read an attribute's URL, and the scans below give it.
        let links = Set(links.map { $0.trimmingCharacters(in: .whitespaces) })
        let (frontMatter, body) = splitFrontMatter(text)
        let segments = MarkdownSegments(body, dollarMath: true).segments.map(\.segment)
        // The body again, with whether each character is prose (not code or math).
        var characters: [Character] = []
        var isProse: [Bool] = []
        for segment in segments {
            let piece = MarkdownSegments.join([segment])
            characters += piece
            if case .prose = segment {
                isProse += Array(repeating: true, count: piece.count)
            } else {
                isProse += Array(repeating: false, count: piece.count)
            }
        }
        let firstLine = frontMatter.filter { $0 == "\n" }.count + 1
        var undone: [(line: Int, link: String)] = []
        var out: [Character] = []
        var index = 0
        var line = firstLine
        // Where the last undone link ended: a link's `[` is looked for after it,
        // so that what lies between was copied out unchanged.
        var copiedFrom = 0
        while index < characters.count {
            let character = characters[index]
            if isProse[index], character == "]", let (link, end) = markdownTarget(characters, after: index), links.contains(link),
                let open = openingBracket(characters, isProse, before: index, notBefore: copiedFrom)
            {
                // `out` holds the text up to here: take the link's words back out.
                let startInOut = out.count - (index - open)
                let words = Array(out[(startInOut + 1)...])
                let isImage = startInOut > 0 && out[startInOut - 1] == "!"
                out.removeSubrange((isImage ? startInOut - 1 : startInOut)...)
                out += words
                undone.append((line, link))
                line += characters[index..<end].filter { $0 == "\n" }.count
                index = end
                copiedFrom = end
                continue
            }
            if isProse[index], character == "h", let href = HTMLAttributeText.attribute("href", in: characters, at: index),
                !characters[href.quoted].contains(">"), case let link = String(characters[href.value]), links.contains(link)
            {
                // `href="…"` and the space before it go; the element and its text stay.
                if out.last == " " { out.removeLast() }
                undone.append((line, link))
                index = href.end
                copiedFrom = href.end
                continue
            }
            if isProse[index], character == "<", let (tag, end) = imageTag(characters, at: index),
                let source = HTMLAttributeText.value(of: "src", inTag: tag), links.contains(source)
            {
                // An `<img>` whose file is not there: its alt text stays, as a browser shows it.
                out += HTMLAttributeText.value(of: "alt", inTag: tag) ?? ""
                undone.append((line, source))
                line += tag.filter { $0 == "\n" }.count
                index = end
                copiedFrom = end
                continue
            }
            if character == "\n" { line += 1 }
            out.append(character)
            index += 1
        }
        return (frontMatter + String(out), undone)
    }

    /// `(link)` or `(link "title")` right after the `]` at `index`: the link
    /// and the index just past the `)`.
    private static func markdownTarget(_ characters: [Character], after index: Int) -> (String, Int)? {
        guard index + 1 < characters.count, characters[index + 1] == "(" else { return nil }
        var cursor = index + 2
        var link = ""
        let angled = cursor < characters.count && characters[cursor] == "<"
        if angled { cursor += 1 }
        while cursor < characters.count {
            let character = characters[cursor]
            if angled ? character == ">" : (character == ")" || character == " " || character == "\n") { break }
            link.append(character)
            cursor += 1
        }
        if angled { cursor += 1 }
        // Past an optional title to the closing parenthesis, on the same paragraph.
        while cursor < characters.count, characters[cursor] != ")" {
            if characters[cursor] == "\n", cursor + 1 < characters.count, characters[cursor + 1] == "\n" { return nil }
            cursor += 1
        }
        guard cursor < characters.count, !link.isEmpty else { return nil }
        return (link, cursor + 1)
    }

    /// The `[` that opens the text whose `]` is at `index`, not before
    /// `lowest`, within one paragraph; brackets in code or math do not count.
    private static func openingBracket(_ characters: [Character], _ isProse: [Bool], before index: Int, notBefore lowest: Int) -> Int? {
        var depth = 0
        var cursor = index - 1
        while cursor >= lowest {
            let character = characters[cursor]
            if character == "\n", cursor > 0, characters[cursor - 1] == "\n" { return nil }
            if isProse[cursor], cursor == 0 || characters[cursor - 1] != "\\" {
                if character == "]" { depth += 1 }
                if character == "[" {
                    if depth == 0 { return cursor }
                    depth -= 1
                }
            }
            cursor -= 1
        }
        return nil
    }

    /// The `<img …>` (or `<image …>`, which browsers read as `<img>`) tag
    /// starting at `index`, and the index past its `>`.
    private static func imageTag(_ characters: [Character], at index: Int) -> (String, Int)? {
        let name = String(characters[(index + 1)..<min(index + 7, characters.count)]).lowercased()
        guard ["img ", "img\t", "img\n", "image ", "image\t", "image\n"].contains(where: name.hasPrefix) else { return nil }
        guard let close = characters[index...].firstIndex(of: ">") else { return nil }
        return (String(characters[index...close]), close + 1)
    }

    /// The front matter block, delimiters and all, and the body after it.
    private static func splitFrontMatter(_ text: String) -> (String, String) {
        guard text.hasPrefix("---\n") else { return ("", text) }
        var offset = text.index(text.startIndex, offsetBy: 4)
        while offset < text.endIndex {
            let lineEnd = text[offset...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[offset..<lineEnd]
            let next = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
            if line == "---" || line == "..." { return (String(text[..<next]), String(text[next...])) }
            offset = next
        }
        return ("", text)
    }
}
