import Foundation
import QuireBibliography
import QuireConfig
import QuireContent
import QuireDiagnostics
import QuireMarkdown

/// A post's citations, cross-references and image figures, resolved once its
/// directives have run (so `@fig-x` may come before the chart it names) —
/// PRODUCT §2 "Research writing".
struct ReferenceResolver {
    let siteRoot: URL
    let content: ContentSet
    /// quire.yaml's `bibliography` and `citation_style`.
    let siteBibliography: LocatedText?
    let siteCitationStyle: LocatedText?
    /// Notes each bibliography and image looked at, found or not.
    var reads: FileReads? = nil

    struct Result {
        var references: ResolvedReferences
        /// Per directive, its caption's marks resolved (`DirectiveOutput.citations`).
        var directiveCitations: [[String?]] = []
        /// The "References" section, empty when nothing is cited.
        var section: String
    }

    /// - Parameter directiveCitations: per directive, the marks in its caption.
    func resolve(
        _ document: MarkdownDocument, directiveLabels: [LabelTarget], directiveCitations: [[CitationMark]] = [],
        item: ContentItem, sink: DiagnosticSink
    ) -> Result {
        let labels = index(document.labels + directiveLabels, sink: sink)
        let imageAttributes = document.imageFigures.enumerated().map { position, figure in
            attributes(for: figure, first: position == 0, item: item, sink: sink)
        }
        // Body and captions together in document order: numeric style numbers works as they are first cited.
        let marks =
            (document.citations.indices.map { (place: (directive: -1, index: $0), mark: document.citations[$0]) }
            + directiveCitations.enumerated().flatMap { directive, marks in
                marks.indices.map { (place: (directive: directive, index: $0), mark: marks[$0]) }
            })
            .enumerated().sorted { ($0.element.mark.location, $0.offset) < ($1.element.mark.location, $1.offset) }.map(\.element)
        var directiveResults = directiveCitations.map { [String?](repeating: nil, count: $0.count) }
        guard !marks.isEmpty else {
            return Result(
                references: ResolvedReferences(imageAttributes: imageAttributes), directiveCitations: directiveResults, section: "")
        }
        let firstWorkCited = marks.map(\.mark).first { mark in
            mark.bracketed && mark.items.contains { LabelKind(label: $0.key) == nil }
        }
        let keys = marks.flatMap { $0.mark.items.map(\.key) }
        var formatter = loadFormatter(for: item, firstCitation: firstWorkCited?.location, citing: keys, sink: sink)
        var citations = [String?](repeating: nil, count: document.citations.count)
        func resolve(_ mark: CitationMark) -> String? {
            guard !mark.items.isEmpty else { return nil }
            let references = mark.items.filter { LabelKind(label: $0.key) != nil }
            let works = mark.items.filter { LabelKind(label: $0.key) == nil }
            var parts: [String] = []
            if !references.isEmpty {
                let resolved = references.compactMap { crossReference($0, labels: labels, at: mark.location, sink: sink) }
                guard resolved.count == references.count else { return nil }
                parts.append(resolved.joined(separator: "; "))
            }
            if !works.isEmpty {
                let known = works.filter { formatter?.bibliography.entries[$0.key] != nil }
                if mark.bracketed {
                    for work in works where formatter?.bibliography.entries[work.key] == nil {
                        reportUnknownKey(work.key, at: mark.location, formatter: formatter, sink: sink)
                    }
                } else if known.isEmpty {
                    // A bare @word that names nothing is text: an @mention, a handle.
                    return nil
                }
                guard !known.isEmpty, formatter != nil else { return nil }
                parts.append(
                    formatter!.cite(
                        known.map { CitedWork(key: $0.key, prefix: $0.prefix, suffix: $0.suffix, suppressAuthor: $0.suppressAuthor) },
                        narrative: !mark.bracketed))
            }
            return parts.joined(separator: " ")
        }
        for (place, mark) in marks {
            let html = resolve(mark)
            if place.directive < 0 { citations[place.index] = html } else { directiveResults[place.directive][place.index] = html }
        }
        return Result(
            references: ResolvedReferences(citations: citations, imageAttributes: imageAttributes),
            directiveCitations: directiveResults, section: formatter?.referencesHTML() ?? "")
    }

    /// Labels by name; a label used twice is an error at its second place.
    func index(_ targets: [LabelTarget], sink: DiagnosticSink) -> [String: LabelTarget] {
        var byLabel: [String: LabelTarget] = [:]
        for target in targets.sorted(by: { $0.location < $1.location }) {
            if let first = byLabel[target.label] {
                sink.report(
                    .error(
                        at: target.location, "the label '\(target.label)' is used twice (first at line \(first.location.line))",
                        hint:
                            "each figure, table, equation and section needs its own label; a figure without one is anchored fig-N by its number"
                    ))
                continue
            }
            byLabel[target.label] = target
        }
        return byLabel
    }

    func crossReference(_ item: CitationMark.Item, labels: [String: LabelTarget], at location: SourceLocation, sink: DiagnosticSink)
        -> String?
    {
        guard let target = labels[item.key] else {
            let kind = LabelKind(label: item.key)
            let sameKind = labels.keys.filter { LabelKind(label: $0) == kind }
            sink.report(
                .error(
                    at: location, "no \(kind?.word.lowercased() ?? "label") is labelled '\(item.key)'",
                    hint: Suggestions.didYouMean(item.key, in: sameKind.sorted())
                        ?? (sameKind.isEmpty
                            ? "label one with {#\(item.key)} or id: \(item.key)"
                            : "labels here: \(sameKind.sorted().joined(separator: ", "))")))
            return nil
        }
        let prefix = item.prefix.isEmpty ? "" : HTMLText.escape(item.prefix) + " "
        let suffix = item.suffix.isEmpty ? "" : " " + HTMLText.escape(item.suffix)
        return prefix + "<a class=\"cross-ref\" href=\"#\(HTMLText.escape(target.label))\">\(HTMLText.escape(target.referenceText))</a>"
            + suffix
    }

    func reportUnknownKey(_ key: String, at location: SourceLocation, formatter: CitationFormatter?, sink: DiagnosticSink) {
        guard let formatter else { return }
        let keys = formatter.bibliography.entries.keys
        sink.report(
            .error(
                at: location, "no entry '\(key)' in the bibliography \(formatter.bibliography.path)",
                hint: Suggestions.didYouMean(key, in: keys.sorted())
                    ?? "a bracketed [@key] must name an entry; write \\@\(key) for a literal @"))
    }

    /// The post's bibliography and style; nil (after reporting why) when a citation needs one and it cannot be had.
    /// - Parameter firstCitation: where the post first cites a work, if it does (a bibliography is then required).
    func loadFormatter(for item: ContentItem, firstCitation: SourceLocation?, citing keys: [String], sink: DiagnosticSink)
        -> CitationFormatter?
    {
        var style = CitationStyle.authorYear
        if let setting = item.frontMatter.citationStyle ?? siteCitationStyle {
            guard let chosen = CitationStyle(rawValue: setting.text) else {
                sink.report(
                    .error(
                        at: setting.location, "unknown citation_style '\(setting.text)'",
                        hint: Suggestions.didYouMean(setting.text, in: CitationStyle.allCases.map(\.rawValue))
                            ?? "use author-year or numeric"))
                return nil
            }
            style = chosen
        }
        guard let setting = item.frontMatter.bibliography ?? siteBibliography else {
            if let firstCitation {
                sink.report(
                    .error(
                        at: firstCitation, "this post cites works but names no bibliography",
                        hint: "add `bibliography: refs.bib` (a BibTeX or CSL-JSON file in the bundle or content/data/) to its front matter")
                )
            }
            return nil
        }
        guard let url = bibliographyFile(setting.text, for: item) else {
            sink.report(
                .error(
                    at: setting.location, "bibliography '\(setting.text)' not found in the post's bundle or content/data/",
                    hint: "put the .bib or .json file beside index.md or in content/data/"))
            return nil
        }
        let path = Self.relative(url, to: siteRoot)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            sink.report(.error(at: SourceLocation(path: path), "the bibliography is not readable UTF-8 text"))
            return nil
        }
        do {
            return CitationFormatter(bibliography: try Bibliography.parse(text, path: path), style: style, citing: keys)
        } catch {
            sink.report(error.diagnostics(orAt: SourceLocation(path: path)))
            return nil
        }
    }

    func bibliographyFile(_ name: String, for item: ContentItem) -> URL? {
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else { return nil }
        let places = [item.bundleDirectory, content.siteDataDirectory].compactMap { $0 }
        return places.map { $0.appendingPathComponent(name) }.first { place in
            reads?.note(place)
            return FileManager.default.fileExists(atPath: place.path)
        }
    }

    /// ` width="…" height="…"` from the image file, and lazy loading after the first figure.
    func attributes(for figure: ImageFigure, first: Bool, item: ContentItem, sink: DiagnosticSink) -> String {
        let lazy = first ? "" : " loading=\"lazy\""
        let source = figure.source.removingPercentEncoding ?? figure.source
        // Remote and site-rooted images are not the post's files; a missing bundle file is the link checker's to report.
        guard !source.contains(":"), !source.hasPrefix("/"), !source.hasPrefix("#"),
            let folder = item.bundleDirectory ?? Optional(item.sourceURL.deletingLastPathComponent())
        else { return lazy }
        let path = String(source.prefix { $0 != "?" && $0 != "#" })
        let url = folder.appendingPathComponent(path)
        reads?.note(url)
        guard FileManager.default.fileExists(atPath: url.path) else { return lazy }
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped), let size = ImageSize.read(data) else {
            sink.report(
                .error(
                    at: figure.location, "cannot read the size of image '\(figure.source)'",
                    hint: "quire reads PNG, JPEG, GIF, WebP and SVG (with width and height, or a viewBox); is the file complete?"))
            return lazy
        }
        return " width=\"\(size.width)\" height=\"\(size.height)\"" + lazy
    }

    static func relative(_ url: URL, to root: URL) -> String {
        let full = url.standardizedFileURL.path
        let base = root.standardizedFileURL.path
        return full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : full
    }

    /// The References section goes at the end of the post, before its footnotes.
    /// Searched in the UTF-8 bytes, and put together from slices: a page with code is long.
    static func insert(_ section: String, into html: String) -> String {
        guard !section.isEmpty else { return html }
        if let footnotes = html.utf8.firstRange(of: "<section class=\"footnotes\"".utf8) {
            return html[..<footnotes.lowerBound] + section + html[footnotes.lowerBound...]
        }
        return html + section
    }
}
