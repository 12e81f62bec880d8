import Foundation
import QuireConfig
import QuireDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// Remembers each source file's parsed item between rebuilds of one process
/// (`quire serve`), so an unchanged file skips YAML and validation, and one
/// whose stamp (`SourceStamp`) is unchanged is not even read.
///
/// A load reads what the loads before it learnt from `earlier`, a
/// copy-on-write value taken whole when it begins, with no lock: every core
/// looks up a thousand files, and waiting on one another for a lock each held
/// for a moment made them no faster than one core. What a load learns goes to
/// `learnt` under `lock`, for the next load. Sendable: `learnt` and `config`
/// are read and written under `lock`; `earlier` is written only by `begin`,
/// before a load reads it, and loads run one at a time (`ContentLoader.load`).
package final class ContentMemo: @unchecked Sendable {
    private struct Tables {
        /// A class, so that looking one up takes a reference rather than a copy of every field.
        final class Entry: Sendable {
            let bytes: Data
            /// Nil when the stamp cannot vouch for the bytes (`SourceStamp.settled`).
            let stamp: SourceStamp?
            let item: ContentItem?
            let diagnostics: [Diagnostic]

            init(bytes: Data, stamp: SourceStamp?, item: ContentItem?, diagnostics: [Diagnostic]) {
                (self.bytes, self.stamp, self.item, self.diagnostics) = (bytes, stamp, item, diagnostics)
            }
        }

        var entries: [String: Entry] = [:]
        var listings: [String: (stamp: SourceStamp, entries: [FileSystem.Entry])] = [:]
    }

    private var earlier = Tables()
    private var learnt = Tables()
    /// What every entry was parsed under.
    private var config: SiteConfig?
    private let lock = NSLock()

    public init() {}

    /// Starts a load under `config`: items parsed under another are forgotten
    /// (a permalink pattern or time zone makes different items of the same bytes).
    func begin(config: SiteConfig) {
        earlier = lock.withLock {
            if self.config != config {
                learnt.entries = [:]
                self.config = config
            }
            return learnt
        }
    }

    /// The earlier result when the file's stamp is the one its bytes were read under.
    func recall(_ path: String, stamp: SourceStamp) -> (ContentItem?, [Diagnostic])? {
        guard let entry = earlier.entries[path], entry.stamp == stamp else { return nil }
        return (entry.item, entry.diagnostics)
    }

    /// The earlier result for these exact bytes; `stamp` (taken before the
    /// bytes were read) vouches for them from now on.
    func recall(_ path: String, bytes: Data, stamp: SourceStamp?) -> (ContentItem?, [Diagnostic])? {
        guard let entry = earlier.entries[path], entry.bytes == bytes else { return nil }
        remember(path, bytes: bytes, stamp: stamp, item: entry.item, diagnostics: entry.diagnostics)
        return (entry.item, entry.diagnostics)
    }

    /// A folder's entries, listed again only when its stamp moved: adding,
    /// removing or renaming an entry changes the folder's times (editing a
    /// file in it does not, and needs no new listing).
    /// `stamp`: the folder's, if just taken.
    func entries(in folder: String, stamp: SourceStamp? = nil) -> [FileSystem.Entry] {
        guard let stamp = stamp ?? SourceStamp(folder) else { return FileSystem.entries(in: folder) }
        if let known = earlier.listings[folder], known.stamp == stamp { return known.entries }
        let entries = FileSystem.entries(in: folder)
        lock.withLock { learnt.listings[folder] = stamp.settled.map { ($0, entries) } }
        return entries
    }

    func remember(_ path: String, bytes: Data, stamp: SourceStamp?, item: ContentItem?, diagnostics: [Diagnostic]) {
        let entry = Tables.Entry(bytes: bytes, stamp: stamp?.settled, item: item, diagnostics: diagnostics)
        lock.withLock { learnt.entries[path] = entry }
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
