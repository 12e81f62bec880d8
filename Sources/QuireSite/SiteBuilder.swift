import Foundation
import QuireConfig
import QuireContent
import QuireData
import QuireDiagnostics
import QuireDirectives
import QuireMarkdown
import QuireTemplates

public struct BuildOptions: Sendable {
    public var root: URL
    /// Defaults to `site/` in `root`.
    public var output: URL?
    public var includeDrafts = false
    public var baseURL: String?
    public var useCache = true
    /// False for `quire check`: everything is built and checked, nothing written.
    public var writeOutput = true
    /// Which fenced blocks are directives and what runs them.
    public var directives: DirectiveRegistry = .standard
    /// Receives counts while the build runs (a terminal progress line).
    public var progress: BuildProgress?
    /// True when the process ends with the build (`quire build`): the
    /// build's last values are left for the system to take back at exit
    /// instead of being freed one by one (see `LeftToExit`).
    public var leavesMemoryToExit = false

    public init(
        root: URL, output: URL? = nil, includeDrafts: Bool = false, baseURL: String? = nil, useCache: Bool = true, writeOutput: Bool = true
    ) {
        self.root = root
        self.output = output
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.useCache = useCache
        self.writeOutput = writeOutput
    }

    public var outputFolder: URL { output ?? root.appendingPathComponent("site") }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var postCount = 0
    public var pageCount = 0
    public var filesWritten = 0
    /// Files whose bytes changed on disk (all of them for a one-shot build).
    public var filesChanged = 0
    /// Posts and pages whose Markdown and directives ran (the rest were remembered).
    public var itemsRendered = 0
    public var directivesRun = 0
    /// Directives answered from `.quire-cache/` instead of running.
    public var cacheHits = 0
    /// Nothing had changed since the last build, so nothing was done.
    public var upToDate = false
    public var output: URL
    public var timings = BuildTimings()
    /// What a one-shot build wrote: site-relative paths and sizes.
    var written: [(path: String, size: Int)] = []

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var succeeded: Bool { errors.isEmpty }
}

/// `quire build`: content → Markdown → directives → templates → site files and
/// feeds, written beside the output folder and swapped in whole.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) async -> BuildReport {
        guard options.writeOutput, options.useCache else { return await build(options, memory: nil) }
        // A gate in front of the pipeline, not a path through it: it makes
        // nothing, only says that a warm build whose inputs and output are
        // unchanged has nothing to do.
        let upToDate = UpToDate(options: options)
        // Sources and output are walked at the same time.
        async let outputNow = upToDate.outputFingerprint()
        let (input, contentListings) = upToDate.inputFingerprint()
        if let state = upToDate.recall(), state.input == input, await state.output == outputNow {
            var report = BuildReport(diagnostics: [], output: options.outputFolder)
            report.postCount = state.posts
            report.pageCount = state.pages
            report.filesWritten = state.files
            report.upToDate = true
            return report
        }
        upToDate.forget()
        let report = await build(options, memory: nil, contentListings: consume contentListings)
        if report.succeeded, report.warnings.isEmpty, let output = UpToDate.outputFingerprint(report.written) {
            upToDate.remember(
                .init(input: input, output: output, posts: report.postCount, pages: report.pageCount, files: report.filesWritten))
        }
        return report
    }

    /// `contentListings`: the content's folders as the up-to-date check just
    /// listed them, read from instead of listing each folder again.
    static func build(_ options: BuildOptions, memory: RebuildMemo?, contentListings: consuming [String: [FileSystem.Entry]] = [:])
        async -> BuildReport
    {
        let sink = DiagnosticSink()
        var report = BuildReport(diagnostics: [], output: options.outputFolder)
        let listings = consume contentListings
        let prepared = await report.timings.measure("read content") {
            await prepare(options, memory: memory, contentListings: listings, sink: sink)
        }
        // Let go: nothing reads the listings once the content is loaded. Freed
        // on another core: on this one, it held up the taxonomy and contexts.
        let read = consume listings
        DispatchQueue.global().async { withExtendedLifetime(read) {} }
        guard let site = prepared else {
            report.diagnostics = sink.all
            return report
        }
        await complete(site, options: options, memory: memory, report: &report, sink: sink)
        if options.leavesMemoryToExit { LeftToExit.keep(site) }
        return report
    }

    /// Everything a build reads before rendering: configuration, theme, content.
    struct Site: Sendable {
        var root: URL
        var config: SiteConfig
        var theme: Theme
        var content: ContentSet
        var urls: SiteURLs
        var directives: DirectiveRegistry
        var useCache: Bool
        var progress: BuildProgress?
    }

    static func prepare(
        _ options: BuildOptions, memory: RebuildMemo?, contentListings: [String: [FileSystem.Entry]] = [:], sink: DiagnosticSink
    ) async -> Site? {
        // The theme is read and parsed while the configuration and content
        // are: neither needs the other, and reading the configuration and the
        // theme's files leaves a core idle.
        async let loadedTheme = Result {
            try Theme(directory: options.root.appendingPathComponent("templates"), displayRoot: options.root, reusing: memory?.theme)
        }
        var warnings: [Diagnostic] = []
        let config: SiteConfig
        do {
            config = try SiteConfig.load(from: options.root, baseURLOverride: options.baseURL, warnings: &warnings)
        } catch {
            sink.report(warnings)
            sink.report(error.diagnostics(orAt: SourceLocation(path: SiteConfig.fileName)))
            return nil
        }
        sink.report(warnings)
        var loader = ContentLoader(root: options.root, config: config, includeDrafts: options.includeDrafts)
        loader.memo = memory?.content
        loader.keepsBodies = memory != nil
        loader.listings = contentListings
        // What loading finds is told only once the theme is known to load, as when one followed the other.
        let contentSink = DiagnosticSink()
        let content = loader.load(into: contentSink)
        let theme: Theme
        switch await loadedTheme {
        case .success(let loaded):
            theme = loaded
            memory?.theme = loaded
        case .failure(let error):
            sink.report(error.diagnostics(orAt: SourceLocation(path: "templates")))
            return nil
        }
        sink.report(contentSink.all)
        return Site(
            root: options.root, config: config, theme: theme, content: content, urls: SiteURLs(baseURL: config.baseURL),
            directives: options.directives, useCache: options.useCache, progress: options.progress)
    }
}
