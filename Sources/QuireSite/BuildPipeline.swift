import Foundation
import QuireConfig
import QuireContent
import QuireData
import QuireDiagnostics
import QuireDirectives
import QuireMarkdown
import QuireTemplates

/// The one build pipeline, for `quire build`, `quire serve` and `quire check`:
/// each item goes from Markdown to its written, link-scanned page in one step
/// on all cores, and its HTML is let go as soon as that page is written. What
/// stays is what listings and feeds need: summaries, cards, links and ids, and
/// the newest posts' feed HTML. Then listings and feeds are assembled from it,
/// and everything goes out through an `OutputSink`: staged and swapped in whole
/// for `build`, updated in place for `serve`, nowhere for `check`.
///
/// While serving, an item whose recorded inputs (`ItemInputs`) are unchanged
/// is recalled instead of made: no Markdown, directives, template or write.
extension SiteBuilder {
    static func complete(_ site: Site, options: BuildOptions, memory: RebuildMemo?, report: inout BuildReport, sink: DiagnosticSink) async {
        report.postCount = site.content.posts.count
        report.pageCount = site.content.pages.count
        defer { report.diagnostics = sink.all }

        let output: OutputSink
        do {
            output = try outputSink(options, memory: memory)
        } catch {
            sink.report(error.diagnostics(orAt: SourceLocation(path: SiteConfig.fileName)))
            return
        }
        // Taxonomy, template contexts and series navigation: once per build,
        // for item pages and listings alike. The taxonomy is grouped while
        // the rest is made: nothing else can run until all are.
        async let grouped = Taxonomy(posts: site.content.posts)
        let contexts = PageContexts(
            config: site.config, urls: site.urls, dates: DateText(timezone: site.config.timezone), pages: site.content.pages,
            posts: site.content.posts)
        // Pages are rendered from templates with the site's values written in: the same bytes, a third fewer lookups.
        var site = site
        site.theme = site.theme.writingIn(contexts.site, reusing: memory?.themeForPages)
        memory?.themeForPages = site.theme
        let taxonomy = await grouped
        let shared = SharedInputs(
            contexts: contexts, navigation: SiteAssembly.seriesNavigation(taxonomy, posts: site.content.posts, urls: site.urls),
            siteStamp: memory == nil ? 0 : SiteAssembly.siteStamp(site))
        let cache = site.useCache ? DirectiveCache(siteRoot: site.root) : nil
        var made = report.timings.measure("posts → pages") {
            makeItemPages(site: site, shared: shared, cache: cache, output: output, memory: memory, sink: sink)
        }
        memory?.keepItems(Set((site.content.posts + site.content.pages).map(\.sourcePath)))
        report.cacheHits = cache?.hits ?? 0
        report.itemsRendered = made.count { $0.madeNow }
        if let progress = site.progress {
            report.timings.slowestDirectives = progress.slowestDirectives(5)
            report.directivesRun = progress.directiveCount
        }
        guard !sink.hasErrors else {
            output.discard()
            return
        }
        do {
            var outputs = OutputList()
            for index in made.indices {
                try outputs.claim(made[index].page.outputPath, owner: made[index].rendered.item.sourcePath)
            }
            // The outcomes are taken apart, and let go, before listings are
            // made: holding them beside the copies below doubled every post's fields.
            // Copies of every page's and item's fields, made on all cores:
            // between the item pages and the listings nothing else can run.
            var pages = made.parallelMap(\.page)
            let itemsWritten = made.map { ($0.page.outputPath, $0.size) }
            // Only serving recalls link checks, for pages not made again.
            let remade = memory == nil ? [] : Set(made.lazy.filter(\.madeNow).map(\.page.outputPath))
            let others: (pages: [LinkChecker.Page], written: [(path: String, size: Int)])
            var allPaths: Set<String>
            do {
                // The rendered items, cards and listing makers end with this
                // scope: the link check needs only links, ids and paths.
                let files = SiteAssembly(
                    site: site, rendered: made.parallelMap(\.rendered), taxonomy: taxonomy, contexts: contexts, memory: memory)
                made = []
                try report.timings.measure("listings + feeds") {
                    try files.addListingsFeedsAndAssets(to: &outputs, siteStamp: shared.siteStamp)
                }
                others = try report.timings.measure("write the rest") { try writeAndScan(outputs.files, output: output, memory: memory) }
                allPaths = Set(outputs.files.map(\.path))
                if options.leavesMemoryToExit { LeftToExit.keep(files, outputs) }
                outputs = OutputList()
            }
            for page in pages { allPaths.insert(page.outputPath) }
            pages += others.pages
            let broken = report.timings.measure("links + anchors") {
                let checker = LinkChecker(urls: site.urls, outputPaths: allPaths)
                guard let memory else { return checker.check(pages) }
                return memory.linkChecks.check(pages, with: checker, remade: remade)
            }
            if options.leavesMemoryToExit { LeftToExit.keep(pages, allPaths, taxonomy, contexts, shared, site) }
            guard broken.isEmpty else { throw DiagnosticList(broken) }
            report.filesChanged = try report.timings.measure("publish") { try output.commit() }
            report.written = itemsWritten + others.written
            report.filesWritten = report.written.count
        } catch {
            output.discard()
            sink.report(error.diagnostics(orAt: SourceLocation(path: SiteConfig.fileName)))
        }
    }

    /// `check` writes nothing; `serve` updates the folder it wrote before in
    /// place; a first or one-shot build stages and swaps.
    static func outputSink(_ options: BuildOptions, memory: RebuildMemo?) throws -> OutputSink {
        guard options.writeOutput else { return NoOutput() }
        if let memory, memory.hasWritten { return InPlaceOutput(options.outputFolder, memory: memory) }
        return StagedOutput(try OutputStaging(destination: options.outputFolder, siteRoot: options.root), memory: memory)
    }

    /// What every item page reads besides its item, made once per build.
    struct SharedInputs: Sendable {
        let contexts: PageContexts
        let navigation: [String: SeriesNavigation]
        /// `SiteAssembly.siteStamp` while serving (0 otherwise: nothing is recalled).
        let siteStamp: Int
    }

    /// What the rest of the build keeps of one item once its page is written.
    struct ItemOutcome: Sendable {
        var rendered: RenderedItem
        var page: LinkChecker.Page
        var size: Int
        /// False when recalled from the last rebuild.
        var madeNow = true
        /// While serving, the hash of the page's bytes: an outcome remembered
        /// in a rebuild that failed was never written, so is not recalled.
        var pageHash = 0
    }

    /// Markdown, directives, template, link scan and write, per item on all cores;
    /// or, while serving, the item's last outcome when none of its inputs changed.
    private static func makeItemPages(
        site: Site, shared: SharedInputs, cache: DirectiveCache?, output: OutputSink,
        memory: RebuildMemo?, sink: DiagnosticSink
    ) -> [ItemOutcome] {
        let progress = site.progress
        let renderer = ItemRenderer(
            siteRoot: site.root, content: site.content, registry: site.directives, cache: cache, progress: progress,
            siteBibliography: site.config.bibliography, siteCitationStyle: site.config.citationStyle,
            mathMacros: TeXMacros(site.config.mathMacros))
        let theme = site.theme
        let contexts = shared.contexts
        let feedItems = site.config.feedItems
        // Only a folder this process wrote holds the pages of recalled items.
        let recalling = memory.flatMap { $0.hasWritten && output is InPlaceOutput ? $0 : nil }
        let folders = FolderListings()
        // Posts, then pages, read where they are: one list of both copied every item.
        let (posts, pages) = (site.content.posts, site.content.pages)
        progress?.start(items: posts.count + pages.count)
        recalling?.beginItems()
        let outcomes = Array(0..<posts.count + pages.count).parallelMap { index in
            let item = index < posts.count ? posts[index] : pages[index - posts.count]
            defer { progress?.itemFinished() }
            let outputPath = SiteURLs.outputFile(forPath: item.permalink)
            let navigation = shared.navigation[item.permalink]
            let navigationKey = memory == nil ? nil : navigation
            if let recalling,
                let earlier = recalling.recallItem(item, site: shared.siteStamp, navigation: navigationKey, folders: folders),
                recalling.written[outputPath] == earlier.outcome.pageHash
            {
                sink.report(earlier.warnings)
                var recalled = earlier.outcome
                recalled.madeNow = false
                if index >= feedItems { recalled.rendered.feedHTML = "" }
                return recalled
            }
            // While serving, each item's problems are its own: one with errors is not remembered, so they show again.
            let itemSink = memory == nil ? sink : DiagnosticSink()
            let reads = memory == nil ? nil : FileReads()
            var made = ItemOutcome(
                // A one-shot build drops the feed HTML of posts past the feeds' length (below), so need not make it.
                rendered: renderer.render(item, sink: itemSink, reads: reads, feedHTMLNeeded: memory != nil || index < feedItems),
                page: LinkChecker.Page(
                    outputPath: outputPath, sourcePath: item.sourcePath, sourceFile: item.sourceFile, links: [], ids: []),
                size: 0)
            do {
                // The card's links and dates, made once for the page and the listings.
                let card = contexts.card(made.rendered)
                let page = try SiteAssembly.itemPage(made.rendered, card: card, navigation: navigation, theme: theme, contexts: contexts)
                (made.page.links, made.page.ids) = LinkChecker.linksAndIDs(in: page)
                try output.write(page, to: outputPath)
                made.size = page.count
                if memory != nil { made.pageHash = page.contentHash }
                if item.kind == .post {
                    made.rendered.card = try SiteAssembly.card(made.rendered, theme: theme, contexts: contexts, made: card)
                }
            } catch {
                itemSink.report(error.diagnostics(orAt: SourceLocation(path: item.sourcePath)))
            }
            // Listings need the summary and card; only the newest posts go to feeds.
            made.rendered.item.markdown = ""
            made.rendered.html = ""
            made.rendered.tableOfContents = nil
            made.rendered.headings = []
            if let memory, let reads {
                let problems = itemSink.all
                sink.report(problems)
                if !itemSink.hasErrors {
                    // Every feed HTML is kept: a new post moves older ones in and out of the feeds.
                    memory.rememberItem(
                        ItemInputs(item: item, site: shared.siteStamp, navigation: navigationKey, data: reads.data, files: reads.files),
                        outcome: made, warnings: problems)
                }
            }
            if index >= feedItems { made.rendered.feedHTML = "" }
            return made
        }
        // The pages of recalled items stay, told to the output here: from all
        // cores at once, the calls waited on one another for its lock.
        for outcome in outcomes where !outcome.madeNow {
            do {
                try output.keep(outcome.page.outputPath)
            } catch {
                sink.report(error.diagnostics(orAt: SourceLocation(path: outcome.page.sourcePath)))
            }
        }
        return outcomes
    }

    /// Writes the remaining files on all cores, scanning the HTML ones for
    /// links (while serving, only those whose bytes changed since the last rebuild).
    private static func writeAndScan(_ files: [OutputFile], output: OutputSink, memory: RebuildMemo?) throws
        -> (pages: [LinkChecker.Page], written: [(path: String, size: Int)])
    {
        let results = files.parallelMap { file -> Result<(LinkChecker.Page?, Int), Error> in
            Result {
                let data = try file.bytes()
                try output.write(data, to: file.path)
                // Copied files are the site's own assets, not pages to check.
                if case .copy = file.contents { return (nil, data.count) }
                guard file.path.hasSuffix(".html") else { return (nil, data.count) }
                let found: (links: [String], ids: Set<String>)
                let hash = memory == nil ? 0 : data.contentHash
                if let earlier = memory?.recallLinks(file.path, hash: hash) {
                    found = earlier
                } else {
                    found = LinkChecker.linksAndIDs(in: data)
                    memory?.rememberLinks(file.path, hash: hash, links: found.links, ids: found.ids)
                }
                return (
                    LinkChecker.Page(
                        outputPath: file.path, sourcePath: file.owner, links: found.links, ids: found.ids),
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
