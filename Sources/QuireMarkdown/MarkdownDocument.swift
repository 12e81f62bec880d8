import CCmarkGFM
import QuireDiagnostics

/// A fenced code block whose info string names a directive, with its place in the file.
package struct FencedDirective: Sendable, Equatable {
    /// The first word of the info string.
    public var name: String
    /// The rest of the info string.
    public var argument: String
    public var body: String
    /// The opening fence.
    public var location: SourceLocation
    /// The body's first line.
    public var bodyLocation: SourceLocation
}

/// `{{ … }}` in prose.
package struct InlineExpression: Sendable, Equatable {
    /// The text between the braces.
    public var expression: String
    public var location: SourceLocation
}

package struct Heading: Sendable, Equatable {
    package var level: Int
    public var text: String
    package var id: String
}

/// One post's Markdown, parsed by cmark-gfm, with its directives and inline
/// values found and waiting for their HTML.
///
/// Use: parse, run `directives` in order and evaluate `inlineExpressions`, then
/// `render(directiveHTML:inlineValues:)`.
package final class MarkdownDocument {
    public let path: String
    public private(set) var directives: [FencedDirective] = []
    public private(set) var inlineExpressions: [InlineExpression] = []
    public private(set) var headings: [Heading] = []
    /// Problems found while parsing (malformed math).
    public private(set) var diagnostics: [Diagnostic] = []
    /// `[@key]` and `@key`, in order: citations and cross-references.
    public private(set) var citations: [CitationMark] = []
    /// Labelled sections, image figures and equations (charts and tables label themselves when they run).
    public private(set) var labels: [LabelTarget] = []
    public private(set) var imageFigures: [ImageFigure] = []
    /// Per directive: its figure or table number, for the kinds `numberedDirectives` names.
    public private(set) var directiveNumbers: [Int?] = []
    /// Labelled display math (by math span) → its label and number.
    private var equationLabels: [Int: (label: String, number: Int)] = [:]

    private let html: String
    /// Footnotes are copied beside their references (see `Sidenotes`).
    package let hasSidenotes: Bool
    private let firstParagraph: String?
    /// The first paragraph's prose (see `ProseWords`), tokens still in.
    private let summarySource: String?
    /// Each math span's MathML (nil while it waits for inline values), for summaries.
    private let mathHTML: [String?]
    /// Words of prose (see `ProseWords`): what reading time is reckoned from.
    package let wordCount: Int
    /// Math that quotes inline values: converted once the values are known.
    private var deferredMath: [Int: DeferredMath] = [:]

    struct DeferredMath {
        var display: Bool
        /// TeX text, with the indices of the inline values between the pieces.
        var pieces: [String]
        var values: [Int]
        /// The post's macros as they stood where this formula was written.
        var macros: TeXMacros
    }

    /// - Parameters:
    ///   - path: the file, relative to the site root, for locations.
    ///   - lineOffset: lines of the file before `markdown` (front matter).
    ///   - directiveNames: info-string words that make a fenced block a directive.
    ///   - numberedDirectives: directives numbered as figures or tables, in document order with image figures.
    ///   - mathMacros: the site's `math_macros`; a post's own `\newcommand`s
    ///     add to them for its later formulas.
    public init(
        _ markdown: String, path: String, lineOffset: Int = 0, directiveNames: Set<String> = [],
        numberedDirectives: [String: LabelKind] = [:], mathMacros: TeXMacros = TeXMacros()
    ) {
        self.path = path
        let protected = ProtectedSpans(scanning: markdown)
        // No `.validateUTF8`: a Swift string is valid UTF-8 already.
        let document = CMark.Document(protected.text, options: [.unsafe, .footnotes, .tableStyleAttributes])
        // cmark copies every literal it is asked for (to end it with a NUL): from the arena, not malloc.
        let arenaScope = document.makeArenaCurrent()
        defer { withExtendedLifetime(document) { arenaScope.end() } }
        Callouts.convert(in: document)
        var ids = HeadingIDs()
        var firstParagraphNode: OpaquePointer?
        var counts: [LabelKind: Int] = [:]
        // Citations the scan took from an indented code block (it knows fences and code spans only).
        var citationsInCode: Set<Int> = []
        var unlinked: [OpaquePointer] = []
        var codeBlocks: [CodeBlocks.Highlighted] = []

        for node in document.nodes() {
            let kind = CMark.type(node)
            if kind == CMARK_NODE_CODE || kind == CMARK_NODE_CODE_BLOCK {
                let literal = CMark.literal(node)
                if ProtectedSpans.mayHoldTokens(literal) {
                    CMark.setLiteral(node, protected.restore(literal))
                    citationsInCode.formUnion(CitationSyntax.citationNumbers(in: literal))
                }
            }
            if kind == CMARK_NODE_CODE_BLOCK, CMark.isFenced(node) {
                let info = CMark.fenceInfo(node)
                let words = info.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
                if let word = words.first.map(String.init), directiveNames.contains(word) {
                    let line = Int(cmark_node_get_start_line(node)) + lineOffset
                    let column = Int(cmark_node_get_start_column(node))
                    let fence = SourceLocation(path: path, line: line, column: column)
                    directives.append(
                        FencedDirective(
                            name: word,
                            argument: words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : "",
                            body: CMark.literal(node),
                            location: fence,
                            bodyLocation: SourceLocation(path: path, line: line + 1, column: column)))
                    directiveNumbers.append(
                        numberedDirectives[word].map { kind in
                            counts[kind, default: 0] += 1
                            return counts[kind]!
                        })
                    CMark.replace(node, withRaw: ProtectedSpans.token("D", directives.count - 1) + "\n", block: true)
                } else if let word = words.first.map(String.init),
                    let highlighted = CodeBlocks.highlighted(code: CMark.literal(node), language: word)
                {
                    // A token, not the HTML: cmark need not copy the code (three times longer coloured)
                    // nor the passes below scan it; it is spliced in once, by the token pass.
                    CMark.replace(node, withRaw: ProtectedSpans.token("K", codeBlocks.count) + "\n", block: true)
                    codeBlocks.append(highlighted)
                }
            } else if kind == CMARK_NODE_HEADING {
                let label = FigureSyntax.takeHeadingLabel(from: node)
                let text = protected.restore(CMark.plainText(node))
                let heading = Heading(
                    level: Int(cmark_node_get_heading_level(node)), text: text, id: label.map { ids.claim($0) } ?? ids.make(from: text))
                if let label {
                    labels.append(
                        LabelTarget(
                            label: label, kind: .section, number: nil, title: text,
                            location: Self.location(of: node, path: path, lineOffset: lineOffset)))
                }
                CMark.prependRaw(ProtectedSpans.token("H", headings.count), to: node)
                headings.append(heading)
            } else if kind == CMARK_NODE_PARAGRAPH, let lone = FigureSyntax.loneImage(in: node) {
                let location = Self.location(of: node, path: path, lineOffset: lineOffset)
                counts[.figure, default: 0] += 1
                let number = counts[.figure]!
                var label = lone.label
                if let given = label, let problem = LabelKind.figure.problem(with: given) {
                    diagnostics.append(
                        .error(at: location, problem, hint: "an image alone in its paragraph is a figure: write {#fig-name}"))
                    label = nil
                }
                let anchor = label ?? "fig-\(number)"
                unlinked += FigureSyntax.makeFigure(
                    image: lone.image, labelNode: lone.labelNode, in: node, alt: protected.restore(CMark.plainText(lone.image)),
                    caption: "<span class=\"figure-number\">Figure \(number).</span> ",
                    sizeToken: ProtectedSpans.token("W", imageFigures.count),
                    paragraphMarker: ProtectedSpans.token("F", imageFigures.count))
                imageFigures.append(
                    ImageFigure(
                        source: cmark_node_get_url(lone.image).map { String(cString: $0) } ?? "", number: number, anchor: anchor,
                        location: location))
                labels.append(LabelTarget(label: anchor, kind: .figure, number: number, location: location))
            } else if kind == CMARK_NODE_PARAGRAPH, firstParagraphNode == nil, Self.isTopLevel(node) {
                firstParagraphNode = node
            }
        }
        for node in unlinked { cmark_node_free(node) }
        wordCount = ProseWords.count(in: document.root)
        summarySource = firstParagraphNode.map(ProseWords.textHTML(of:))
        if let firstParagraphNode {
            let marker = ProtectedSpans.token("P", 0)
            CMark.prependRaw(marker, to: firstParagraphNode)
        }
        citations = zip(protected.citations, protected.citationItems).enumerated().map { number, pair in
            let (span, items) = pair
            return CitationMark(
                items: citationsInCode.contains(number) ? [] : items, bracketed: span.kind == .citation(bracketed: true),
                original: span.original,
                location: SourceLocation(path: path, line: span.line + lineOffset, column: span.column))
        }
        for (index, span) in protected.math.enumerated() {
            guard let label = span.label else { continue }
            equationLabels[index] = (label, equationLabels.count + 1)
            labels.append(
                LabelTarget(
                    label: label, kind: .equation, number: equationLabels.count,
                    location: SourceLocation(path: path, line: span.line + lineOffset, column: span.column)))
        }
        inlineExpressions = protected.values.map { span in
            InlineExpression(
                expression: span.inner,
                location: SourceLocation(path: path, line: span.line + lineOffset, column: span.column))
        }
        var rendered: String
        (rendered, hasSidenotes) = Sidenotes.insert(into: document.renderHTML())
        if !imageFigures.isEmpty { rendered = FigureSyntax.closeFigures(in: rendered) }
        var mathProblems: [Diagnostic] = []
        var deferred: [Int: DeferredMath] = [:]
        for (index, span) in protected.math.enumerated() where span.inner.contains("{{") {
            let display: Bool = if case .math(let display) = span.kind { display } else { false }
            var pieces: [String] = []
            var values: [Int] = []
            var rest = span.inner[...]
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                pieces.append(String(rest[..<open.lowerBound]))
                let offset = span.inner.utf8.distance(from: span.inner.startIndex, to: open.lowerBound) + (display ? 2 : 1)
                let (line, column) = Self.position(ofOffset: offset, in: span.original, line: span.line, column: span.column)
                values.append(inlineExpressions.count)
                inlineExpressions.append(
                    InlineExpression(
                        expression: String(rest[open.upperBound..<close.lowerBound]),
                        location: SourceLocation(path: path, line: line + lineOffset, column: column)))
                rest = rest[close.upperBound...]
            }
            pieces.append(String(rest))
            deferred[index] = DeferredMath(display: display, pieces: pieces, values: values, macros: mathMacros)
        }
        // Formulas in document order, so a definition reaches the ones after it.
        var definitions = mathMacros
        let math = protected.math.enumerated().map { index, span -> String? in
            if deferred[index] != nil {
                deferred[index]?.macros = definitions
                return nil
            }
            let display: Bool = if case .math(let display) = span.kind { display } else { false }
            do throws(TeXToMathML.Failure) {
                return try TeXToMathML.convert(span.inner, display: display, definitions: &definitions)
            } catch {
                let delimiter = display ? 2 : 1
                let (line, column) = Self.position(
                    ofOffset: error.offset + delimiter, in: span.original, line: span.line, column: span.column)
                mathProblems.append(
                    .error(
                        at: SourceLocation(path: path, line: line + lineOffset, column: column),
                        "in math: \(error.message)", hint: error.hint))
                return "<code class=\"math-error\">\(HTMLText.escape(span.original))</code>"
            }
        }
        deferredMath = deferred
        mathHTML = math
        let headingIDs = headings.map(\.id)
        let equations = equationLabels
        let figureAnchors = imageFigures.map(\.anchor)
        var paragraphStart: Int?
        rendered = ProtectedSpans.replaceTokens(in: rendered) { kind, number, output in
            switch kind {
            case UInt8(ascii: "P"):
                // The marker sits right after the first paragraph's "<p>".
                if output.utf8.count >= 3, output.utf8.suffix(3).elementsEqual("<p>".utf8) { paragraphStart = output.utf8.count - 3 }
                return true
            case UInt8(ascii: "K"):
                guard codeBlocks.indices.contains(number) else { return false }
                codeBlocks[number].write(to: &output)
                return true
            case UInt8(ascii: "M"):
                guard math.indices.contains(number), let converted = math[number] else { return false }
                output += equations[number].map { FigureSyntax.equation(converted, label: $0.label, number: $0.number) } ?? converted
                return true
            case UInt8(ascii: "F"):
                // The marker sits right after the figure paragraph's "<p>".
                guard figureAnchors.indices.contains(number), output.utf8.count >= 3, output.utf8.suffix(3).elementsEqual("<p>".utf8)
                else { return false }
                output.removeLastUTF8(3)
                output += "<figure class=\"image-figure\" id=\"\(HTMLText.escape(figureAnchors[number]))\">"
                return true
            case UInt8(ascii: "H"):
                // The marker sits right after "<hN>": put the id into that tag.
                guard headingIDs.indices.contains(number), output.utf8.last == UInt8(ascii: ">") else { return false }
                output.removeLastUTF8(1)
                output += " id=\"\(headingIDs[number])\">"
                return true
            default:
                return false
            }
        }
        diagnostics += mathProblems
        html = rendered
        firstParagraph = paragraphStart.flatMap { Self.paragraph(in: rendered, from: $0) }
    }

    /// The page's HTML with each directive's and inline value's output in place.
    /// `inlineValues` are plain text; they are escaped here. Feeds pass
    /// `sidenotes: false`: their readers show the footnotes at the end only.
    public func render(
        directiveHTML: [String], inlineValues: [String], references: ResolvedReferences = ResolvedReferences(),
        sidenotes: Bool = true
    ) -> String {
        fill(html, directiveHTML: directiveHTML, inlineValues: inlineValues, references: references, sidenotes: sidenotes)
    }

    /// The first top-level paragraph as HTML (for summaries), values filled in.
    func firstParagraphHTML(inlineValues: [String], references: ResolvedReferences = ResolvedReferences()) -> String? {
        firstParagraph.map { fill($0, directiveHTML: [], inlineValues: inlineValues, references: references, sidenotes: false) }
    }

    /// The first paragraph's prose as HTML, for summaries: no footnote marks,
    /// math as its MathML (whose visible text is what a summary keeps),
    /// inline values and citations filled in.
    package func summaryHTML(inlineValues: [String], references: ResolvedReferences = ResolvedReferences()) -> String? {
        guard let summarySource else { return nil }
        let citations = self.citations
        let math = mathHTML.indices.map { mathHTML[$0] ?? deferredMath[$0].map { Self.convert($0, inlineValues: inlineValues) } ?? "" }
        return ProtectedSpans.replaceTokens(in: summarySource) { kind, number, output in
            switch kind {
            case UInt8(ascii: "V"):
                output += HTMLText.escape(inlineValues.indices.contains(number) ? inlineValues[number] : "")
            case UInt8(ascii: "M"):
                output += math.indices.contains(number) ? math[number] : ""
            case UInt8(ascii: "C"):
                guard citations.indices.contains(number) else { return false }
                let resolved = references.citations.indices.contains(number) ? references.citations[number] : nil
                output += resolved ?? HTMLText.escape(citations[number].original)
            default:
                return false
            }
            return true
        }
    }

    func fill(
        _ html: String, directiveHTML: [String], inlineValues: [String], references: ResolvedReferences = ResolvedReferences(),
        sidenotes: Bool
    ) -> String {
        // Most pages have nothing left to fill in after init's pass.
        guard
            !directives.isEmpty || !inlineExpressions.isEmpty || !deferredMath.isEmpty || !citations.isEmpty || !imageFigures.isEmpty
                || hasSidenotes
        else { return html }
        let deferredMath = self.deferredMath
        let equations = equationLabels
        let citations = self.citations
        var sidenoteStart = 0
        return ProtectedSpans.replaceTokens(in: html) { kind, number, output in
            switch kind {
            case UInt8(ascii: "S"):
                // The markers go; without sidenotes, so does what they enclose.
                if number == 0 {
                    sidenoteStart = output.utf8.count
                } else if !sidenotes {
                    output.removeLastUTF8(output.utf8.count - sidenoteStart)
                }
            case UInt8(ascii: "M"):
                guard let math = deferredMath[number] else { return false }
                let converted = Self.convert(math, inlineValues: inlineValues)
                output += equations[number].map { FigureSyntax.equation(converted, label: $0.label, number: $0.number) } ?? converted
            case UInt8(ascii: "C"):
                guard citations.indices.contains(number) else { return false }
                let resolved = references.citations.indices.contains(number) ? references.citations[number] : nil
                output += resolved ?? HTMLText.escape(citations[number].original)
            case UInt8(ascii: "W"):
                output += references.imageAttributes.indices.contains(number) ? references.imageAttributes[number] : ""
            case UInt8(ascii: "D"):
                output += directiveHTML.indices.contains(number) ? directiveHTML[number] : ""
            case UInt8(ascii: "V"):
                output += HTMLText.escape(inlineValues.indices.contains(number) ? inlineValues[number] : "")
            default:
                return false
            }
            return true
        }
    }

    /// Deferred math with its values written in as TeX text (specials escaped).
    static func convert(_ math: DeferredMath, inlineValues: [String]) -> String {
        var tex = math.pieces[0]
        for (position, index) in math.values.enumerated() {
            let value = inlineValues.indices.contains(index) ? inlineValues[index] : ""
            tex += value.map { "%$#&_{}".contains($0) ? "\\\($0)" : String($0) }.joined() + math.pieces[position + 1]
        }
        do throws(TeXToMathML.Failure) {
            return try TeXToMathML.convert(tex, display: math.display, macros: math.macros)
        } catch {
            return "<code class=\"math-error\">\(HTMLText.escape(tex))</code>"
        }
    }

    /// Line and column of a byte offset inside a span that starts at (line, column).
    static func position(ofOffset offset: Int, in text: String, line: Int, column: Int) -> (Int, Int) {
        var line = line
        var column = column
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    static func location(of node: OpaquePointer, path: String, lineOffset: Int) -> SourceLocation {
        SourceLocation(path: path, line: Int(cmark_node_get_start_line(node)) + lineOffset, column: Int(cmark_node_get_start_column(node)))
    }

    private static func isTopLevel(_ node: OpaquePointer) -> Bool {
        guard let parent = cmark_node_parent(node) else { return false }
        return CMark.type(parent) == CMARK_NODE_DOCUMENT
    }

    /// The `<p>…</p>` starting at byte `start` of `html` (read in place: the page may be long).
    private static func paragraph(in html: String, from start: Int) -> String? {
        html.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard start >= 0, start <= bytes.count, let end = bytes.firstRange(of: "</p>", from: start) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end.upperBound]), as: UTF8.self)
        } ?? nil
    }

}
