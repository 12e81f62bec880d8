import Foundation
import QuireConfig
import QuireDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// Finds and validates posts, pages and bundle files — PRODUCT §2.
package struct ContentLoader: Sendable {
    public let root: URL
    package let config: SiteConfig
    public var includeDrafts: Bool
    /// Parsed items from an earlier build of this process, if any.
    package var memo: ContentMemo?
    /// False for a one-shot build: items leave their Markdown on disk until
    /// their page is made, so a site's sources are never all held at once.
    package var keepsBodies = true
    /// Folder path → its entries, as listed moments ago (by the up-to-date
    /// check's walk of the content): a folder found here is not listed again.
    package var listings: [String: [FileSystem.Entry]] = [:]

    /// `root` as a standardized path: everything below is found by path
    /// strings and POSIX calls, as Foundation's URL and FileManager cost more
    /// than reading and parsing the files on a site of a thousand posts.
    private let rootPath: String
    /// `rootPath` and a slash: what every path below the root starts with.
    private let rootFolder: String

    public init(root: URL, config: SiteConfig, includeDrafts: Bool) {
        self.root = root
        self.config = config
        self.includeDrafts = includeDrafts
        rootPath = root.standardizedFileURL.path
        rootFolder = rootPath + "/"
    }

    /// Reads all content. Problems go to `sink`; items with errors are left out.
    public func load(into sink: DiagnosticSink) -> ContentSet {
        memo?.begin(config: config)
        let contentRoot = root.appendingPathComponent("content")
        let contentPath = rootPath + "/content"
        var posts: [ContentItem] = []
        var pages: [ContentItem] = []
        var assets: [BundleAsset] = []

        // Pages are the Markdown files at the top; posts are files or bundle
        // folders in posts/. Each is read, parsed and (for bundles) listed on
        // all cores; results keep the sorted order.
        let postsPath = contentPath + "/posts"
        let entries =
            sortedEntries(in: contentPath).map { (contentPath + "/" + $0.name, $0.kind, ContentItem.Kind.page) }
            + sortedEntries(in: postsPath).map { (postsPath + "/" + $0.name, $0.kind, ContentItem.Kind.post) }
        // Where posts/ really is, to tell bundle files inside the site from
        // symbolic links out of it.
        let realRoot = Self.realPath(rootPath) ?? rootPath
        let realPosts = Self.realPath(postsPath) ?? postsPath
        let loaded = entries.parallelMap { path, entryKind, kind -> (item: ContentItem, assets: [BundleAsset])? in
            // One stat says what each path is and, while serving, stamps it
            // (`ContentMemo`). A one-shot build needs no stamps, and the folder's
            // listing already says what a plain file or folder is.
            let knownKind = memo == nil && (entryKind == .file || entryKind == .folder) ? entryKind : nil
            let status = knownKind == nil ? SourceStamp(path) : nil
            switch knownKind ?? status?.kind {
            case .file where path.hasSuffix(".md"):
                return read(path: path, kind: kind, bundlePath: nil, stamp: status, sink: sink).map { ($0, []) }
            case .folder where kind == .post:
                let index = path + "/index.md"
                // A one-shot build takes what index.md is from the bundle's listing, when it has one.
                let listed = memo == nil ? listings[path]?.first { $0.name == "index.md" }?.kind : nil
                let indexStatus = listed == .file ? nil : SourceStamp(index)
                guard listed == .file || indexStatus?.kind == .file else {
                    sink.report(
                        .warning(
                            at: SourceLocation(path: relative(path: path)), "folder has no index.md and is not a post",
                            hint: "a bundle post is posts/<slug>/index.md beside its data files"))
                    return nil
                }
                guard let item = read(path: index, kind: .post, bundlePath: path, stamp: indexStatus, sink: sink) else { return nil }
                let name = String(path.dropFirst(postsPath.count + 1))
                let isLink = entryKind == .link || (entryKind == nil && Self.isLink(path))
                let realBundle = isLink ? (Self.realPath(path) ?? path) : realPosts + "/" + name
                let outputFolder = Permalink.folder(of: item.permalink)
                return (
                    item,
                    bundleAssets(in: path, stamp: status, real: realBundle, realRoot: realRoot, outputFolder: outputFolder, sink: sink)
                        .sorted { $0.outputPath < $1.outputPath }
                )
            case nil where path.hasSuffix(".md"):
                // A link that leads nowhere, or a file that cannot be looked at: reading says why.
                return read(path: path, kind: kind, bundlePath: nil, stamp: nil, sink: sink).map { ($0, []) }
            default:
                return nil
            }
        }
        // A draft's page and bundle files are published only with --drafts.
        for case (let item, let itemAssets)? in loaded where includeDrafts || !item.isDraft {
            switch item.kind {
            case .page: pages.append(item)
            case .post: posts.append(item)
            }
            assets += itemAssets
        }
        reportDuplicatePermalinks([posts, pages].joined(), sink: sink)
        // Newest first; ties broken by slug so order never depends on the file system.
        posts.sort { ($0.date ?? .distantPast, $1.slug) > ($1.date ?? .distantPast, $0.slug) }
        pages.sort { $0.slug < $1.slug }
        let dataDirectory = contentRoot.appendingPathComponent("data")
        return ContentSet(
            posts: posts, pages: pages, assets: assets,
            siteDataDirectory: FileSystem.status(of: contentPath + "/data", followingLinks: true)?.kind == .folder ? dataDirectory : nil,
            contentRoot: contentRoot)
    }

    /// Reads one Markdown file; nil (with diagnostics) when it is unusable.
    /// `stamp` was taken before the bytes are read: an edit racing the read
    /// leaves the stamp older than the bytes, never newer.
    private func read(path file: String, kind: ContentItem.Kind, bundlePath: String?, stamp: SourceStamp?, sink: DiagnosticSink)
        -> ContentItem?
    {
        let path = relative(path: file)
        if let memo, let stamp, let (item, diagnostics) = memo.recall(path, stamp: stamp) {
            sink.report(diagnostics)
            return item
        }
        let data: Data
        do {
            // A one-shot build reads each body again when its page is made: here only the front matter is read.
            data = try memo == nil && !keepsBodies ? Self.head(of: file) : Self.contents(of: file)
        } catch {
            sink.report(error.shown(at: path).diagnostic)
            return nil
        }
        if let (item, diagnostics) = memo?.recall(path, bytes: data, stamp: stamp) {
            sink.report(diagnostics)
            return item
        }
        let local = DiagnosticSink()
        let item = parse(data, file: file, path: path, kind: kind, bundle: bundlePath, sink: local)
        memo?.remember(path, bytes: data, stamp: stamp, item: item, diagnostics: local.all)
        sink.report(local.all)
        return item
    }

    /// The Markdown of an item loaded without it (`keepsBodies` false), read
    /// again from its file; a file that changed since, so that its front
    /// matter no longer ends where it did, is an error.
    package static func body(of item: ContentItem) throws -> String {
        guard item.bodyDeferred else { return item.markdown }
        let data: Data
        do {
            data = try contents(of: item.sourceFile)
        } catch {
            throw error.shown(at: item.sourcePath).diagnostic
        }
        guard let text = Self.text(of: data) else {
            throw Diagnostic.error(at: SourceLocation(path: item.sourcePath), "file is not UTF-8 text", hint: "save it as UTF-8")
        }
        let split = try SplitSource.split(text, path: item.sourcePath)
        guard split.bodyLineOffset == item.bodyLineOffset else {
            throw Diagnostic.error(
                at: SourceLocation(path: item.sourcePath), "file changed while the site was being built", hint: "build again")
        }
        return split.body
    }

    /// A source's text, as `String(data:encoding: .utf8)` gives it (one
    /// leading byte order mark dropped; nil when not UTF-8), made in pieces:
    /// one curly quote made Swift check a whole post byte by byte.
    static func text(of data: Data) -> String? {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return UTF8Decoding.validated(UnsafeBufferPointer(rebasing: bytes[byteOrderMarkLength(bytes)...]))
        }
    }

    /// 3 when `bytes` start with UTF-8's byte order mark, which `text(of:)` drops; else 0.
    static func byteOrderMarkLength(_ bytes: some Collection<UInt8>) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The file's bytes with plain POSIX calls: Foundation's reader costs
    /// twice as much, and a site is read whole on every cold build.
    /// A failure says why, in the system's words ("Permission denied").
    static func contents(of path: String) throws(SystemFailure) -> Data {
        try read(path, firstPages: .max) { data, _ in data.count }
    }

    /// The file's bytes through its front matter's closing fence (all of them
    /// when it has none, or its first line when that is no fence): all that
    /// loading an item whose body is read later needs. Most front matter
    /// fits in the first page read.
    static func head(of path: String) throws(SystemFailure) -> Data {
        try read(path, firstPages: 4096) { data, whole in
            // Decoding drops one leading byte order mark, so the fences are looked for after it.
            let mark = byteOrderMarkLength(data)
            let search = data.withUnsafeBytes { raw in
                SplitSource.fences(in: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[mark...]), complete: whole)
            }
            switch search {
            case .found(let fences)?: return mark + fences.end
            case nil: return data.count
            case .undecided?: return whole ? data.count : nil
            }
        }
    }

    /// Reads a regular file: first `firstPages` bytes (or all, when it is
    /// shorter), then twice as many each time until `enough`, given what was
    /// read and whether that is the whole file, says how much of it to keep.
    private static func read(_ path: String, firstPages: Int, enough: (Data, _ whole: Bool) -> Int?) throws(SystemFailure) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemFailure(operation: "read", path: path, code: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SystemFailure(operation: "read", path: path, code: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw SystemFailure(operation: "read", path: path, reason: "not a regular file") }
        let size = Int(info.st_size)
        var data = Data(count: min(size, firstPages))
        var filled = 0
        while true {
            let failure = data.withUnsafeMutableBytes { buffer -> Int32? in
                while filled < buffer.count {
                    let count = Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                    if count < 0, errno == EINTR { continue }
                    if count < 0 { return errno }
                    // The file shrank while it was read.
                    guard count > 0 else { return EIO }
                    filled += count
                }
                return nil
            }
            if let failure { throw SystemFailure(operation: "read", path: path, code: failure) }
            if let kept = enough(data, filled == size) { return kept == data.count ? data : data.prefix(kept) }
            data.count = min(size, data.count * 2)
        }
    }

    private func parse(_ data: Data, file: String, path: String, kind: ContentItem.Kind, bundle: String?, sink: DiagnosticSink)
        -> ContentItem?
    {
        do {
            guard let text = Self.text(of: data) else {
                throw Diagnostic.error(at: SourceLocation(path: path), "file is not UTF-8 text", hint: "save it as UTF-8")
            }
            let split = try SplitSource.split(text, path: path, keepingBody: keepsBodies)
            var warnings: [Diagnostic] = []
            let frontMatter = try FrontMatter.parse(
                split, path: path, requireDate: kind == .post, timezone: config.timezone, warnings: &warnings)
            sink.report(warnings)
            let stem = bundle.map(Self.lastComponent) ?? String(Self.lastComponent(file).dropLast(".md".count))
            let slug = frontMatter.slug ?? Slug.make(from: stem)
            let permalink =
                frontMatter.url
                ?? (kind == .post
                    ? Permalink.expand(config.permalink, slug: slug, date: frontMatter.date, timezone: config.timezone)
                    : "/\(slug)/")
            var item = ContentItem(
                kind: kind, sourcePath: path, sourceFile: file,
                bundleDirectory: bundle.map { URL(fileURLWithPath: $0, isDirectory: false) }, frontMatter: frontMatter,
                markdown: split.body, bodyLineOffset: split.bodyLineOffset, slug: slug, permalink: permalink)
            if !keepsBodies {
                item.markdown = ""
                item.bodyDeferred = true
            }
            return item
        } catch {
            sink.report(error.diagnostics(orAt: SourceLocation(path: path)))
            return nil
        }
    }

    /// A bundle's files to publish, below `folder` (whose real path is
    /// `real`): not Markdown, not data, not a bibliography, not hidden, not left out by
    /// `exclude:`, and not a link that leads out of the site.
    private func bundleAssets(
        in folder: String, stamp: SourceStamp? = nil, real: String, realRoot: String, outputFolder: String, sink: DiagnosticSink
    ) -> [BundleAsset] {
        var assets: [BundleAsset] = []
        let insideRoot = realRoot + "/"
        for entry in entries(in: folder, stamp: stamp) where !entry.name.hasPrefix(".") {
            let name = entry.name
            let path = folder + "/" + name
            var realPath = real + "/" + name
            var kind = entry.kind
            if kind == .link || kind == nil {
                // Links are followed to what they name, as long as it is a file in the site.
                guard FileSystem.status(of: path, followingLinks: true)?.kind == .file else { continue }
                if Self.isLink(path) { realPath = Self.realPath(path) ?? "" }
                kind = .file
            }
            if kind == .folder {
                assets += bundleAssets(in: path, real: realPath, realRoot: realRoot, outputFolder: outputFolder + name + "/", sink: sink)
                continue
            }
            guard kind == .file, realPath.hasPrefix(insideRoot) else { continue }
            let parts = name.split(separator: ".")
            let ext = parts.count > 1 ? parts[parts.count - 1].lowercased() : ""
            // A bibliography is read into the post, like Markdown and data; it is not published (PRODUCT §2, §5).
            guard ext != "md", ext != "bib", !DataFileNames.isData(name) else { continue }
            let belowContent = String(path.dropFirst(rootPath.count + "/content/".count))
            guard !config.exclude.contains(where: { $0.matches(belowContent) }) else { continue }
            if let size = FileSystem.status(of: path, followingLinks: true)?.size, size > Self.largeAssetBytes {
                sink.report(
                    .warning(
                        at: SourceLocation(path: relative(path: path)), "this file is \(size >> 20) MB and is published with the post",
                        hint: "readers download it whole; leave it out with `exclude:` in quire.yaml if it is not for them"))
            }
            assets.append(BundleAsset(source: URL(fileURLWithPath: path, isDirectory: false), outputPath: outputFolder + name))
        }
        return assets
    }

    /// Above this a published bundle file gets a warning.
    static let largeAssetBytes = 10 << 20

    private func reportDuplicatePermalinks(_ items: some Sequence<ContentItem>, sink: DiagnosticSink) {
        // Nearly always there is none, found without sorting: a serial step of every build.
        var seen = Set<String>()
        guard items.contains(where: { !seen.insert($0.permalink).inserted }) else { return }
        var owners: [String: String] = [:]
        // Addresses and paths only: sorting whole items copied every field of every post.
        for (sourcePath, permalink) in items.map({ ($0.sourcePath, $0.permalink) }).sorted(by: { $0.0 < $1.0 }) {
            if let other = owners[permalink] {
                sink.report(
                    .error(
                        at: SourceLocation(path: sourcePath), "'\(permalink)' is also the address of \(other)",
                        hint: "set a different `slug:` in one of them"))
            } else {
                owners[permalink] = sourcePath
            }
        }
    }

    func relative(path: String) -> String {
        path.hasPrefix(rootFolder) ? String(path.dropFirst(rootFolder.count)) : path
    }

    /// Entries of `folder` whose names do not start with ".", sorted by name.
    func sortedEntries(in folder: String) -> [FileSystem.Entry] {
        entries(in: folder).filter { !$0.name.hasPrefix(".") }.sorted { $0.name < $1.name }
    }

    /// While serving, the listing from the last rebuild when the folder has not changed since.
    private func entries(in folder: String, stamp: SourceStamp? = nil) -> [FileSystem.Entry] {
        memo?.entries(in: folder, stamp: stamp) ?? listings[folder] ?? FileSystem.entries(in: folder)
    }

    static func isLink(_ path: String) -> Bool {
        FileSystem.status(of: path)?.kind == .link
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func lastComponent(_ path: String) -> String {
        // The text after the last "/" that ends something (trailing slashes are not components).
        var end = path.utf8.endIndex
        while end > path.utf8.startIndex, path.utf8[path.utf8.index(before: end)] == UInt8(ascii: "/") {
            end = path.utf8.index(before: end)
        }
        guard end > path.utf8.startIndex else { return path }
        let start = path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")).map { path.utf8.index(after: $0) } ?? path.utf8.startIndex
        return String(path[start..<end])
    }
}
