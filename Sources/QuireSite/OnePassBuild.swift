import Foundation
import QuireConfig
import QuireContent
import QuireData
import QuireDiagnostics
import QuireDirectives
import QuireMarkdown

/// A one-shot build (`quire build`, `quire check`): each post goes from
/// Markdown to its written, link-scanned page in one step on all cores, and
/// its HTML is let go as soon as that page is on disk. What stays is what
/// listings and feeds need: summaries, links and ids, and the newest posts'
/// feed HTML. So the whole site's HTML is never held at once, and no stage
/// waits for every post to finish the one before.
///
/// Nothing reaches the output folder unless everything succeeded: pages go to
/// the staging folder, which a failed build discards.
extension SiteBuilder {
    static func completeInOnePass(_ site: Site, options: BuildOptions, report: inout BuildReport, sink: DiagnosticSink) {
        let items = site.content.posts + site.content.pages
        report.postCount = site.content.posts.count
        report.pageCount = site.content.pages.count
        defer { report.diagnostics = sink.all }

        let staging: OutputStaging?
        do {
            staging = options.writeOutput ? try OutputStaging(destination: options.outputFolder, siteRoot: options.root) : nil
        } catch {
            sink.report(error.diagnostics(orAt: SourceLocation(path: SiteConfig.fileName)))
            return
        }
        let cache = site.useCache ? DirectiveCache(siteRoot: site.root) : nil
        let made = report.timings.measure("posts → pages") { makeItemPages(items, site: site, cache: cache, staging: staging, sink: sink) }
        report.cacheHits = cache?.hits ?? 0
        report.itemsRendered = items.count
        if let progress = site.progress {
            report.timings.slowestDirectives = progress.slowestDirectives(5)
            report.directivesRun = progress.directiveCount
        }
        guard !sink.hasErrors else {
            staging?.discard()
            return
        }
        do {
            var outputs = OutputList()
            for item in made {
                try outputs.claim(item.page.outputPath, owner: item.rendered.item.sourcePath)
            }
            let files = SiteAssembly(site: site, rendered: made.map(\.rendered))
            try report.timings.measure("listings + feeds") { try files.addListingsFeedsAndAssets(to: &outputs) }
            let others = try report.timings.measure("write the rest") { try writeAndScan(outputs.files, staging: staging) }

            var allPaths = Set(outputs.files.map(\.path))
            for item in made { allPaths.insert(item.page.outputPath) }
            let broken = report.timings.measure("links + anchors") {
                LinkChecker(urls: site.urls, outputPaths: allPaths).check(made.map(\.page) + others.pages)
            }
            guard broken.isEmpty else { throw DiagnosticList(broken) }
            try staging?.commit()
            report.written = made.map { ($0.page.outputPath, $0.size) } + others.written
            report.filesWritten = report.written.count
            report.filesChanged = report.filesWritten
        } catch {
            staging?.discard()
            sink.report(error.diagnostics(orAt: SourceLocation(path: SiteConfig.fileName)))
        }
    }

    struct ItemOutcome: Sendable {
        var rendered: RenderedItem
        var page: LinkChecker.Page
        var size: Int
    }

    /// Markdown, directives, template, link scan and write, per item on all cores.
    private static func makeItemPages(
        _ items: [ContentItem], site: Site, cache: DirectiveCache?, staging: OutputStaging?,
        sink: DiagnosticSink
    ) -> [ItemOutcome] {
        let progress = site.progress
        let renderer = ItemRenderer(
            siteRoot: site.root, content: site.content, registry: site.directives, cache: cache, progress: progress,
            siteBibliography: site.config.bibliography, siteCitationStyle: site.config.citationStyle,
            mathMacros: TeXMacros(site.config.mathMacros))
        let contexts = PageContexts(
            config: site.config, urls: site.urls, dates: DateText(timezone: site.config.timezone), pages: site.content.pages,
            posts: site.content.posts)
        let navigation = SiteAssembly.seriesNavigation(
            Taxonomy(posts: site.content.posts), posts: site.content.posts, urls: site.urls)
        let theme = site.theme
        let feedItems = site.config.feedItems
        progress?.start(items: items.count)
        return Array(items.enumerated()).parallelMap { index, item in
            defer { progress?.itemFinished() }
            let outputPath = SiteURLs.outputFile(forPath: item.permalink)
            var made = ItemOutcome(
                rendered: renderer.render(item, sink: sink),
                page: LinkChecker.Page(outputPath: outputPath, sourcePath: item.sourcePath, sourceURL: item.sourceURL, links: [], ids: []),
                size: 0)
            do {
                let page = try SiteAssembly.itemPage(
                    made.rendered, navigation: navigation[item.permalink], theme: theme, contexts: contexts)
                (made.page.links, made.page.ids) = LinkChecker.linksAndIDs(in: page)
                try staging?.write(page, to: outputPath)
                made.size = page.count
                if item.kind == .post { made.rendered.cardHTML = try SiteAssembly.card(made.rendered, theme: theme, contexts: contexts) }
            } catch {
                sink.report(error.diagnostics(orAt: SourceLocation(path: item.sourcePath)))
            }
            // Listings need the summary; only the newest posts go to feeds.
            made.rendered.item.markdown = ""
            made.rendered.html = ""
            made.rendered.tableOfContents = nil
            if index >= feedItems { made.rendered.feedHTML = "" }
            return made
        }
    }

    /// Writes the remaining files on all cores, scanning the HTML ones for links.
    private static func writeAndScan(_ files: [OutputFile], staging: OutputStaging?) throws
        -> (pages: [LinkChecker.Page], written: [(path: String, size: Int)])
    {
        let results = files.parallelMap { file -> Result<(LinkChecker.Page?, Int), Error> in
            Result {
                let data = try file.bytes()
                try staging?.write(data, to: file.path)
                guard file.path.hasSuffix(".html"), case .data = file.contents else { return (nil, data.count) }
                let found = LinkChecker.linksAndIDs(in: data)
                return (
                    LinkChecker.Page(
                        outputPath: file.path, sourcePath: file.owner, sourceURL: file.ownerURL, links: found.links, ids: found.ids),
                    data.count
                )
            }
        }
        var pages: [LinkChecker.Page] = []
        var written: [(path: String, size: Int)] = []
        for (file, result) in zip(files, results) {
            switch result {
            case .success(let (page, size)):
                if let page { pages.append(page) }
                written.append((file.path, size))
            case .failure(let error):
                throw Diagnostic.error(at: SourceLocation(path: SiteConfig.fileName), "cannot write the site: \(error)")
            }
        }
        return (pages, written)
    }
}
