import Foundation
import QuireContent
import QuireDiagnostics

/// What one process remembers between rebuilds (`quire serve`), so a rebuild
/// redoes only what its changed inputs reach: a post re-renders only when its
/// file (or, for posts with directives, a data file in its scope) changed; a
/// page's template runs again only when its inputs or its templates changed;
/// links are re-read only from pages whose bytes changed.
final class RebuildMemo: @unchecked Sendable {
    let content = ContentMemo()
    private let lock = NSLock()
    private var rendered: [String: (item: ContentItem, dataStamp: String, result: RenderedItem)] = [:]
    private var pages: [String: (key: Int, data: Data)] = [:]
    private var links: [String: (hash: Int, links: [String], ids: Set<String>)] = [:]
    private var siteWide: [String: (key: Int, files: [(String, Data)])] = [:]

    func recallSiteWide(_ group: String, key: Int) -> [(String, Data)]? {
        lock.withLock { siteWide[group].flatMap { $0.key == key ? $0.files : nil } }
    }

    func rememberSiteWide(_ group: String, key: Int, files: [(String, Data)]) {
        lock.withLock { siteWide[group] = (key, files) }
    }

    /// Output path → hash of the bytes last written there.
    var written: [String: Int] = [:]
    var hasWritten = false
    private(set) var renderedCount = 0

    func recallRendered(_ item: ContentItem, dataStamp: String) -> RenderedItem? {
        lock.withLock {
            guard let entry = rendered[item.sourcePath], entry.item == item, entry.dataStamp == dataStamp else { return nil }
            return entry.result
        }
    }

    func rememberRendered(_ item: ContentItem, dataStamp: String, result: RenderedItem) {
        lock.withLock {
            renderedCount += 1
            rendered[item.sourcePath] = (item, dataStamp, result)
        }
    }

    func recallPage(_ path: String, key: Int) -> Data? {
        lock.withLock { pages[path].flatMap { $0.key == key ? $0.data : nil } }
    }

    func rememberPage(_ path: String, key: Int, data: Data) {
        lock.withLock { pages[path] = (key, data) }
    }

    func recallLinks(_ path: String, hash: Int) -> (links: [String], ids: Set<String>)? {
        lock.withLock { links[path].flatMap { $0.hash == hash ? ($0.links, $0.ids) : nil } }
    }

    func rememberLinks(_ path: String, hash: Int, links found: [String], ids: Set<String>) {
        lock.withLock { links[path] = (hash, found, ids) }
    }

    func recordWritten(_ files: [OutputFile]) throws {
        var hashes: [String: Int] = [:]
        // Hashes of what was written: a file that cannot be read now is an error, not the hash of nothing.
        for file in files { hashes[file.path] = try file.bytes().contentHash }
        written = hashes
        hasWritten = true
    }

    func resetCounts() {
        lock.withLock {
            renderedCount = 0
        }
    }
}

/// A stamp of the data files a post with directives can read (path, size,
/// modification time), so editing one re-renders exactly the posts in its scope.
enum DataStamp {
    /// Besides data files: bibliographies, and the images whose sizes figures read.
    static let referencedExtensions: Set<String> = ["bib", "png", "jpg", "jpeg", "gif", "webp", "svg"]

    static func of(_ item: ContentItem, siteData: URL?) -> String {
        // Only posts that can read data (or cite, or show an image) depend on it.
        guard
            item.markdown.contains("```") || item.markdown.contains("~~~") || item.markdown.contains("{{")
                || item.markdown.contains("@") || item.markdown.contains("![")
        else { return "" }
        var stamp = ""
        for folder in [item.bundleDirectory, siteData].compactMap({ $0 }) {
            guard
                let walker = FileManager.default.enumerator(
                    at: folder, includingPropertiesForKeys: [.fileSizeKey, .contentModificationDateKey])
            else { continue }
            var lines: [String] = []
            for case let url as URL in walker
            where DataFileNames.isData(url.lastPathComponent)
                || referencedExtensions.contains(url.pathExtension.lowercased())
            {
                let values = try? url.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey])
                lines.append("\(url.path):\(values?.fileSize ?? -1):\(values?.contentModificationDate?.timeIntervalSince1970 ?? 0)")
            }
            stamp += lines.sorted().joined(separator: ";")
        }
        return stamp
    }
}

extension Data {
    /// A hash of every byte. `Data.hashValue` looks at only the first bytes,
    /// which would take two different pages of equal length for the same.
    var contentHash: Int {
        var hasher = Hasher()
        withUnsafeBytes { hasher.combine(bytes: $0) }
        hasher.combine(count)
        return hasher.finalize()
    }
}
