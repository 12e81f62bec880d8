import Foundation
import QuireConfig
import QuireContent
import QuireData
import QuireDiagnostics
import QuireDirectives
import QuireMarkdown

/// Renders one post or page: Markdown → directives in document order →
/// inline values → HTML for the page and for feeds.
struct ItemRenderer: Sendable {
    let siteRoot: URL
    let content: ContentSet
    let registry: DirectiveRegistry
    let cache: DirectiveCache?
    var progress: BuildProgress?
    /// quire.yaml's defaults for posts that name no bibliography or citation style.
    var siteBibliography: LocatedText?
    var siteCitationStyle: LocatedText?
    /// The site's `math_macros`.
    var mathMacros = TeXMacros()

    /// - Parameters:
    ///   - reads: receives the files the render looked at besides the item's source (serve's dependency record).
    ///   - feedHTMLNeeded: false for an item no feed will carry: its feed variant (no sidenotes) is not made.
    func render(_ item: ContentItem, sink: DiagnosticSink, reads: FileReads? = nil, feedHTMLNeeded: Bool = true) -> RenderedItem {
        var markdown = ""
        do { markdown = try ContentLoader.body(of: item) } catch {
            sink.report(error.diagnostics(orAt: SourceLocation(path: item.sourcePath)))
        }
        let document = MarkdownDocument(
            markdown, path: item.sourcePath, lineOffset: item.bodyLineOffset, directiveNames: registry.names,
            numberedDirectives: ["chart": .figure, "table": .table], mathMacros: mathMacros)
        sink.report(document.diagnostics)
        var pageHTML: [String] = []
        var feedHTML: [String] = []
        var files: [String: Data] = [:]
        var values: [String] = []
        var labels: [LabelTarget] = []
        var captionCitations: [[CitationMark]] = []
        /// Per directive, the SVG files it made: a chart's `<title>` holds its caption marks too.
        var svgFiles: [[String]] = []

        if !document.directives.isEmpty || !document.inlineExpressions.isEmpty {
            let context = makeContext(for: item, sink: sink)
            let blocks = document.directives.enumerated().map { index, fenced in
                DirectiveBlock(
                    name: fenced.name, argument: fenced.argument, body: fenced.body,
                    location: fenced.location, bodyLocation: fenced.bodyLocation, number: document.directiveNumbers[index])
            }
            registry.declareNames(of: blocks, in: context)
            for (fenced, block) in zip(document.directives, blocks) {
                do {
                    let started = DispatchTime.now().uptimeNanoseconds
                    defer {
                        progress?.directiveFinished(
                            at: fenced.location.description,
                            seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                    }
                    let output = try registry.run(block, in: context)
                    pageHTML.append(output.html)
                    feedHTML.append(output.feedHTML)
                    captionCitations.append(output.citations)
                    if let label = output.label { labels.append(label) }
                    svgFiles.append([])
                    for (path, data) in output.files {
                        guard let outputPath = Self.outputPath(path, under: item.permalink) else {
                            sink.report(.error(at: fenced.location, "directive produced a file outside its post's folder: '\(path)'"))
                            continue
                        }
                        files[outputPath] = data
                        if outputPath.hasSuffix(".svg") { svgFiles[svgFiles.count - 1].append(outputPath) }
                    }
                } catch {
                    sink.report(error.diagnostics(orAt: fenced.location))
                    let failed = "<p class=\"directive-error\">This \(HTMLText.escape(fenced.name)) could not be built.</p>\n"
                    pageHTML.append(failed)
                    feedHTML.append(failed)
                    captionCitations.append([])
                    svgFiles.append([])
                }
            }
            for expression in document.inlineExpressions {
                do {
                    values.append(try InlineValues.evaluate(expression.expression, at: expression.location, in: context))
                } catch {
                    sink.report(error.diagnostics(orAt: expression.location))
                    values.append("")
                }
            }
            reads?.data = context.scope.reads
        }

        let resolver = ReferenceResolver(
            siteRoot: siteRoot, content: content, siteBibliography: siteBibliography, siteCitationStyle: siteCitationStyle,
            reads: reads)
        let resolved = resolver.resolve(document, directiveLabels: labels, directiveCitations: captionCitations, item: item, sink: sink)
        for (index, marks) in captionCitations.enumerated() where !marks.isEmpty {
            pageHTML[index] = CaptionCitations.fill(pageHTML[index], marks: marks, resolved: resolved.directiveCitations[index])
            feedHTML[index] = CaptionCitations.fill(feedHTML[index], marks: marks, resolved: resolved.directiveCitations[index])
            for path in svgFiles[index] {
                guard let data = files[path] else { continue }
                let svg = CaptionCitations.fill(
                    String(decoding: data, as: UTF8.self), marks: marks, resolved: resolved.directiveCitations[index])
                files[path] = Data(svg.utf8)
            }
        }
        let html = ReferenceResolver.insert(
            resolved.section, into: document.render(directiveHTML: pageHTML, inlineValues: values, references: resolved.references))
        let feed: String
        if !feedHTMLNeeded {
            feed = ""
        } else if pageHTML == feedHTML && !document.hasSidenotes {
            feed = html
        } else {
            feed = ReferenceResolver.insert(
                resolved.section,
                into: document.render(directiveHTML: feedHTML, inlineValues: values, references: resolved.references, sidenotes: false))
        }
        let summary =
            item.frontMatter.summary
            ?? PlainText.truncate(
                document.summaryHTML(inlineValues: values, references: resolved.references).map(PlainText.from(html:)) ?? "", to: 300)
        return RenderedItem(
            item: item, html: html, feedHTML: feed, headings: document.headings,
            tableOfContents: item.kind == .post ? TableOfContents.html(for: document.headings) : nil,
            summary: summary, wordCount: document.wordCount, files: files)
    }

    private func makeContext(for item: ContentItem, sink: DiagnosticSink) -> DirectiveContext {
        let scope: DataScope
        do {
            scope = try DataScope(
                siteRoot: siteRoot, contentRoot: content.contentRoot, bundleDirectory: item.bundleDirectory,
                siteDataDirectory: content.siteDataDirectory)
        } catch {
            sink.report(error.diagnostics(orAt: SourceLocation(path: item.sourcePath)))
            // Keep going with what earlier directives define, so later errors still surface.
            scope = (try? DataScope(siteRoot: siteRoot, contentRoot: content.contentRoot, bundleDirectory: nil, siteDataDirectory: nil))!
        }
        let context = DirectiveContext(scope: scope, sourcePath: item.sourcePath, pageKey: item.permalink, cache: cache)
        return context
    }

    /// A directive's relative file path placed under the post's folder; nil if it tries to leave it.
    static func outputPath(_ relative: String, under permalink: String) -> String? {
        let parts = relative.split(separator: "/")
        guard !relative.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        return Permalink.folder(of: permalink) + parts.joined(separator: "/")
    }
}
