import Foundation
#if canImport(Glibc)
import Glibc
#endif
import QuireConfig
import QuireDiagnostics

/// Finds and validates posts, pages and bundle files — PRODUCT §2.
public struct ContentLoader: Sendable {
    public let root: URL
    public let config: SiteConfig
    public var includeDrafts: Bool
    /// Parsed items from an earlier build of this process, if any.
    public var memo: ContentMemo?

    /// Files in a bundle that are data for directives, not assets to publish.
    static let dataExtensions: Set<String> = ["csv", "tsv", "json", "jsonl", "npy", "sqlite", "db"]

    public init(root: URL, config: SiteConfig, includeDrafts: Bool) {
        self.root = root
        self.config = config
        self.includeDrafts = includeDrafts
    }

    /// Reads all content. Problems go to `sink`; items with errors are left out.
    public func load(into sink: DiagnosticSink) -> ContentSet {
        let contentRoot = root.appendingPathComponent("content")
        var posts: [ContentItem] = []
        var pages: [ContentItem] = []
        var assets: [BundleAsset] = []

        // Pages are the Markdown files at the top; posts are files or bundle
        // folders in posts/. Each is read, parsed and (for bundles) listed on
        // all cores; results keep the sorted order.
        let entries = sortedChildren(of: contentRoot).map { ($0, ContentItem.Kind.page) }
            + sortedChildren(of: contentRoot.appendingPathComponent("posts")).map { ($0, ContentItem.Kind.post) }
        let loaded = entries.parallelMap { entry, kind -> (item: ContentItem, assets: [BundleAsset])? in
            if entry.pathExtension == "md", isFile(entry) {
                return read(entry, kind: kind, bundle: nil, sink: sink).map { ($0, []) }
            }
            guard kind == .post, isDirectory(entry) else { return nil }
            let index = entry.appendingPathComponent("index.md")
            guard FileManager.default.fileExists(atPath: index.path) else {
                sink.report(.warning(at: SourceLocation(path: relative(entry)), "folder has no index.md and is not a post",
                                     hint: "a bundle post is posts/<slug>/index.md beside its data files"))
                return nil
            }
            guard let item = read(index, kind: .post, bundle: entry, sink: sink) else { return nil }
            return (item, bundleAssets(of: entry, permalink: item.permalink))
        }
        // A draft's page and bundle files are published only with --drafts.
        for case let (item, itemAssets)? in loaded where includeDrafts || !item.isDraft {
            switch item.kind {
            case .page: pages.append(item)
            case .post: posts.append(item)
            }
            assets += itemAssets
        }
        reportDuplicatePermalinks(posts + pages, sink: sink)
        // Newest first; ties broken by slug so order never depends on the file system.
        posts.sort { ($0.date ?? .distantPast, $1.slug) > ($1.date ?? .distantPast, $0.slug) }
        pages.sort { $0.slug < $1.slug }
        let dataDirectory = contentRoot.appendingPathComponent("data")
        return ContentSet(posts: posts, pages: pages, assets: assets,
                          siteDataDirectory: isDirectory(dataDirectory) ? dataDirectory : nil, contentRoot: contentRoot)
    }

    /// Reads one Markdown file; nil (with diagnostics) when it is unusable.
    public func read(_ file: URL, kind: ContentItem.Kind, bundle: URL?, sink: DiagnosticSink) -> ContentItem? {
        let path = relative(file)
        guard let data = Self.contents(of: file.path) else {
            sink.report(.error(at: SourceLocation(path: path), "cannot read file"))
            return nil
        }
        if let (item, diagnostics) = memo?.recall(path, bytes: data, config: config) {
            sink.report(diagnostics)
            return item
        }
        let local = DiagnosticSink()
        let item = parse(data, file: file, path: path, kind: kind, bundle: bundle, sink: local)
        memo?.remember(path, bytes: data, config: config, item: item, diagnostics: local.all)
        sink.report(local.all)
        return item
    }

    /// The file's bytes with plain POSIX calls: Foundation's reader costs
    /// twice as much, and a site is read whole on every cold build.
    static func contents(of path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var data = Data(count: Int(info.st_size))
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        return complete ? data : nil
    }

    private func parse(_ data: Data, file: URL, path: String, kind: ContentItem.Kind, bundle: URL?, sink: DiagnosticSink) -> ContentItem? {
        do {
            guard let text = String(data: data, encoding: .utf8) else {
                throw Diagnostic.error(at: SourceLocation(path: path), "file is not UTF-8 text", hint: "save it as UTF-8")
            }
            let split = try SplitSource.split(text, path: path)
            var warnings: [Diagnostic] = []
            let frontMatter = try FrontMatter.parse(split, path: path, requireDate: kind == .post, timezone: config.timezone, warnings: &warnings)
            sink.report(warnings)
            let stem = bundle?.lastPathComponent ?? file.deletingPathExtension().lastPathComponent
            let slug = frontMatter.slug ?? Slug.make(from: stem)
            let permalink = kind == .post
                ? Permalink.expand(config.permalink, slug: slug, date: frontMatter.date, timezone: config.timezone)
                : "/\(slug)/"
            return ContentItem(kind: kind, sourcePath: path, sourceURL: file, bundleDirectory: bundle, frontMatter: frontMatter,
                               markdown: split.body, bodyLineOffset: split.bodyLineOffset, slug: slug, permalink: permalink)
        } catch {
            sink.report(error.diagnostics(orAt: SourceLocation(path: path)))
            return nil
        }
    }

    private func bundleAssets(of bundle: URL, permalink: String) -> [BundleAsset] {
        guard let walker = FileManager.default.enumerator(at: bundle, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let base = bundle.standardizedFileURL.path
        let resolvedRoot = root.resolvingSymlinksInPath().path
        var assets: [BundleAsset] = []
        for case let url as URL in walker where isFile(url) {
            let ext = url.pathExtension.lowercased()
            let name = url.lastPathComponent
            guard ext != "md", !Self.dataExtensions.contains(ext), !name.hasPrefix(".") else { continue }
            // Symlinks out of the content folder are never published.
            guard url.resolvingSymlinksInPath().path.hasPrefix(resolvedRoot + "/") else { continue }
            let inner = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            assets.append(BundleAsset(source: url, outputPath: String(permalink.dropFirst()) + inner))
        }
        return assets.sorted { $0.outputPath < $1.outputPath }
    }

    private func reportDuplicatePermalinks(_ items: [ContentItem], sink: DiagnosticSink) {
        var owners: [String: String] = [:]
        for item in items.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            if let other = owners[item.permalink] {
                sink.report(.error(at: SourceLocation(path: item.sourcePath), "'\(item.permalink)' is also the address of \(other)",
                                   hint: "set a different `slug:` in one of them"))
            } else {
                owners[item.permalink] = item.sourcePath
            }
        }
    }

    func relative(_ url: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    private func sortedChildren(of folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    private func isFile(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && !directory.boolValue
    }

    private func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
