import Foundation
import QuireConfig
import QuireDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// Remembers each source file's parsed item between rebuilds of one process
/// (`quire serve`), so an unchanged file skips YAML and validation, and one
/// whose stamp (`SourceStamp`) is unchanged is not even read.
/// Sendable: `entries` and `listings` are read and written under `lock`.
package final class ContentMemo: @unchecked Sendable {
    private struct Entry {
        var bytes: Data
        /// Nil when the stamp cannot vouch for the bytes (`SourceStamp.settled`).
        var stamp: SourceStamp?
        var config: SiteConfig
        var item: ContentItem?
        var diagnostics: [Diagnostic]
    }

    private var entries: [String: Entry] = [:]
    private var listings: [String: (stamp: SourceStamp, entries: [FileSystem.Entry])] = [:]
    private let lock = NSLock()

    public init() {}

    /// The earlier result when the file's stamp is the one its bytes were read under.
    func recall(_ path: String, stamp: SourceStamp, config: SiteConfig) -> (ContentItem?, [Diagnostic])? {
        lock.withLock {
            guard let entry = entries[path], entry.stamp == stamp, entry.config == config else { return nil }
            return (entry.item, entry.diagnostics)
        }
    }

    /// The earlier result for these exact bytes under the same configuration;
    /// `stamp` (taken before the bytes were read) vouches for them from now on.
    func recall(_ path: String, bytes: Data, stamp: SourceStamp?, config: SiteConfig) -> (ContentItem?, [Diagnostic])? {
        lock.withLock {
            guard var entry = entries[path], entry.config == config, entry.bytes == bytes else { return nil }
            entry.stamp = stamp?.settled
            entries[path] = entry
            return (entry.item, entry.diagnostics)
        }
    }

    /// A folder's entries, listed again only when its stamp moved: adding,
    /// removing or renaming an entry changes the folder's times (editing a
    /// file in it does not, and needs no new listing).
    /// `stamp`: the folder's, if just taken.
    func entries(in folder: String, stamp: SourceStamp? = nil) -> [FileSystem.Entry] {
        guard let stamp = stamp ?? SourceStamp(folder) else { return FileSystem.entries(in: folder) }
        if let known = lock.withLock({ listings[folder] }), known.stamp == stamp { return known.entries }
        let entries = FileSystem.entries(in: folder)
        lock.withLock { listings[folder] = stamp.settled.map { ($0, entries) } }
        return entries
    }

    func remember(_ path: String, bytes: Data, stamp: SourceStamp?, config: SiteConfig, item: ContentItem?, diagnostics: [Diagnostic]) {
        lock.withLock {
            entries[path] = Entry(bytes: bytes, stamp: stamp?.settled, config: config, item: item, diagnostics: diagnostics)
        }
    }
}

/// What `stat` (following links) says of a source file or folder
/// (`FileSystem.status`), and when it was said: any write, rename over it or
/// `touch` changes it (ctime cannot be set back, unlike mtime); a folder's,
/// any entry added, removed or renamed in it.
struct SourceStamp: Equatable {
    var status: FileSystem.Status
    /// When it was taken, nanoseconds since 1970.
    var taken: Int

    var kind: FileSystem.Kind { status.kind }

    init?(_ path: String) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard let status = FileSystem.status(of: path, followingLinks: true) else { return nil }
        self.status = status
        taken = Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec)
    }

    static func == (a: SourceStamp, b: SourceStamp) -> Bool { a.status == b.status }

    /// File times come from a coarse clock (a few milliseconds): a second
    /// write soon after the stamp was taken can leave the same times, so only
    /// a file untouched for a while before it was stamped is vouched for by them.
    var settled: SourceStamp? {
        max(status.modified, status.changed) < taken - 1_000_000_000 ? self : nil
    }
}
