import Foundation

/// A Markdown body cut into what the importer may rewrite (prose), what it
/// must leave alone (fenced blocks, code spans, HTML comments) and TeX math.
/// Template tags (`{{ … }}`, `{% … %}`) stay whole inside prose, so a `$`
/// in a shortcode's caption is not taken for math.
enum Segment: Equatable {
    case prose(String)
    case code(String)
    /// `inner` without its delimiters; `display` when the opening `$$`
    /// starts its line and the closing one ends it.
    case math(inner: String, dollars: Int, display: Bool)
}

struct MarkdownSegments {
    /// The segments and the body line each starts on (1-based).
    private(set) var segments: [(segment: Segment, line: Int)] = []
    private var prose = ""
    private var proseLine = 1
    private var line = 1

    /// `dollarMath`: whether single `$…$` is math in this site (else only `$$…$$` is).
    init(_ body: String, dollarMath: Bool) {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        if body.hasSuffix("\n") { lines.removeLast() }
        var index = 0
        var region: [Substring] = []
        var regionLine = 1
        func flushRegion() {
            if !region.isEmpty { scanProse(region.joined(separator: "\n") + "\n", startLine: regionLine, dollarMath: dollarMath) }
            region = []
        }
        while index < lines.count {
            if let fence = Self.fenceOpening(lines[index]) {
                flushRegion()
                var block = [lines[index]]
                let start = index + 1
                index += 1
                while index < lines.count {
                    block.append(lines[index])
                    index += 1
                    if Self.closes(lines[index - 1], fence: fence) { break }
                }
                flushProse()
                segments.append((.code(block.joined(separator: "\n") + "\n"), start))
                line = index + 1
                proseLine = line
                regionLine = line
                continue
            }
            if region.isEmpty { regionLine = index + 1 }
            region.append(lines[index])
            index += 1
        }
        flushRegion()
        flushProse()
        // The split added a newline after the last line.
        if !body.hasSuffix("\n"), let last = segments.indices.last {
            switch segments[last].segment {
            case .prose(let text) where text.hasSuffix("\n"): segments[last].segment = .prose(String(text.dropLast()))
            case .code(let text) where text.hasSuffix("\n"): segments[last].segment = .code(String(text.dropLast()))
            default: break
            }
        }
    }

    /// The body again, after segments were rewritten.
    static func join(_ segments: [Segment]) -> String {
        segments.map { segment in
            switch segment {
            case .prose(let text), .code(let text): text
            case .math(let inner, let dollars, _): String(repeating: "$", count: dollars) + inner + String(repeating: "$", count: dollars)
            }
        }.joined()
    }

    /// The 0-based lines inside fenced code blocks (fences included).
    static func fencedLines(_ body: String) -> Set<Int> {
        var inside = Set<Int>()
        var fence: (character: Character, length: Int)?
        for (number, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let open = fence {
                inside.insert(number)
                if MarkdownSegments.closes(line, fence: open) { fence = nil }
            } else if let open = MarkdownSegments.fenceOpening(line) {
                fence = open
                inside.insert(number)
            }
        }
        return inside
    }

    static func fenceOpening(_ line: Substring) -> (character: Character, length: Int)? {
        let indent = line.prefix { $0 == " " }
        guard indent.count <= 3 else { return nil }
        let rest = line.dropFirst(indent.count)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix { $0 == first }
        guard run.count >= 3 else { return nil }
        if first == "`", rest.dropFirst(run.count).contains("`") { return nil }
        return (first, run.count)
    }

    static func closes(_ line: Substring, fence: (character: Character, length: Int)) -> Bool {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3 else { return false }
        let run = trimmed.prefix { $0 == fence.character }
        return run.count >= fence.length && trimmed.dropFirst(run.count).allSatisfy(\.isWhitespace)
    }

    private mutating func flushProse() {
        if !prose.isEmpty { segments.append((.prose(prose), proseLine)) }
        prose = ""
        proseLine = line
    }

    private mutating func scanProse(_ text: String, startLine: Int, dollarMath: Bool) {
        let characters = Array(text)
        var index = 0
        line = startLine
        if prose.isEmpty { proseLine = line }
        func blankLineFollows(_ newline: Int) -> Bool {
            var cursor = newline + 1
            while cursor < characters.count, characters[cursor] == " " || characters[cursor] == "\t" || characters[cursor] == "\r" {
                cursor += 1
            }
            return cursor >= characters.count || characters[cursor] == "\n"
        }
        /// Index of `closing` after `from`, not across a blank line.
        func find(_ closing: [Character], from: Int, sameLine: Bool = false) -> Int? {
            var cursor = from
            while cursor + closing.count <= characters.count {
                if characters[cursor] == "\n" && (sameLine || blankLineFollows(cursor)) { return nil }
                if Array(characters[cursor..<(cursor + closing.count)]) == closing { return cursor }
                cursor += 1
            }
            return nil
        }
        func startsLine(_ at: Int) -> Bool {
            var cursor = at - 1
            while cursor >= 0, characters[cursor] == " " || characters[cursor] == ">" { cursor -= 1 }
            return cursor < 0 || characters[cursor] == "\n"
        }
        func endsLine(_ at: Int) -> Bool {
            var cursor = at
            while cursor < characters.count, characters[cursor] == " " || characters[cursor] == "\t" || characters[cursor] == "\r" {
                cursor += 1
            }
            return cursor >= characters.count || characters[cursor] == "\n"
        }
        func emit(_ segment: Segment, _ consumed: String) {
            flushProse()
            segments.append((segment, line))
            line += consumed.filter { $0 == "\n" }.count
            proseLine = line
        }
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "\\", let next {
                prose.append(character)
                prose.append(next)
                if next == "\n" { line += 1 }
                index += 2
                continue
            }
            if character == "{", next == "{" || next == "%", let close = find([next == "{" ? "}" : "%", "}"], from: index + 2) {
                let tag = String(characters[index..<(close + 2)])
                prose += tag
                line += tag.filter { $0 == "\n" }.count
                index = close + 2
                continue
            }
            if character == "`" {
                var run = 0
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                let ticks = Array(repeating: Character("`"), count: run)
                var cursor = index + run
                var end: Int?
                while let found = find(ticks, from: cursor) {
                    // A longer run of backticks does not close this span.
                    var after = found + run
                    if after < characters.count, characters[after] == "`" {
                        while after < characters.count, characters[after] == "`" { after += 1 }
                        cursor = after
                        continue
                    }
                    end = found + run
                    break
                }
                if let end {
                    let span = String(characters[index..<end])
                    emit(.code(span), span)
                    index = end
                } else {
                    prose += String(ticks)
                    index += run
                }
                continue
            }
            if character == "<", characters[index...].starts(with: Array("<!--")), let close = find(Array("-->"), from: index + 4) {
                let comment = String(characters[index..<(close + 3)])
                emit(.code(comment), comment)
                index = close + 3
                continue
            }
            if character == "$", next == "$", let close = find(["$", "$"], from: index + 2), close > index + 2 {
                let inner = String(characters[(index + 2)..<close])
                emit(.math(inner: inner, dollars: 2, display: startsLine(index) && endsLine(close + 2)), "$$" + inner + "$$")
                index = close + 2
                continue
            }
            if character == "$", dollarMath, let next, !next.isWhitespace, next != "$",
                let close = find(["$"], from: index + 1, sameLine: true),
                !characters[close - 1].isWhitespace, close + 1 >= characters.count || !characters[close + 1].isNumber
            {
                let inner = String(characters[(index + 1)..<close])
                emit(.math(inner: inner, dollars: 1, display: false), inner)
                index = close + 1
                continue
            }
            prose.append(character)
            if character == "\n" { line += 1 }
            index += 1
        }
    }
}
