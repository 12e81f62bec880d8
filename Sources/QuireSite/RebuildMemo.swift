import Foundation
import QuireContent
import QuireData
import QuireDiagnostics
import QuireTemplates

/// What `quire serve` remembers between rebuilds, so a rebuild redoes only
/// what its changed inputs reach: each item's outcome with the inputs it was
/// made from (`ItemInputs`), the listings and feeds by what they show, the
/// links of the other pages by their bytes, and the hash of every file written.
///
/// `@unchecked Sendable`: every stored property but `content` (itself
/// Sendable), `written`, `hasWritten`, `linkChecks` and `earlierItems` is read
/// and written only under `lock`; those four change only between the
/// pipeline's parallel steps (`OutputSink.commit`, the link check,
/// `beginItems`), one thread at a time, as the `IncrementalBuild` actor runs
/// one rebuild at once.
final class RebuildMemo: @unchecked Sendable {
    let content = ContentMemo()
    private let lock = NSLock()
    private var items: [String: RememberedItem] = [:]
    /// `items` as the last rebuild left them, read by all cores without a
    /// lock while items are made (`ContentMemo` says why); set by `beginItems`.
    private var earlierItems: [String: RememberedItem] = [:]
    private var links: [String: (hash: Int, links: [String], ids: Set<String>)] = [:]
    private var siteWide: [String: (key: Int, files: [(String, Data)])] = [:]

    /// The last rebuild's theme as loaded, and with the site's values written in.
    var theme: Theme? {
        get { lock.withLock { loadedTheme } }
        set { lock.withLock { loadedTheme = newValue } }
    }
    var themeForPages: Theme? {
        get { lock.withLock { writtenInTheme } }
        set { lock.withLock { writtenInTheme = newValue } }
    }
    private var loadedTheme: Theme?
    private var writtenInTheme: Theme?

    /// Output path → hash of the bytes last written there.
    var written: [String: Int] = [:]
    /// Whether `written` describes the output folder: until then nothing is recalled.
    var hasWritten = false
    /// The link checker's findings per page.
    var linkChecks = LinkCheckMemo()

    /// Before items are made: what `recallItem` reads.
    func beginItems() {
        earlierItems = lock.withLock { items }
    }

    /// The item's last outcome when every input it recorded is unchanged.
    func recallItem(_ item: ContentItem, site: Int, navigation: SeriesNavigation?, folders: FolderListings) -> RememberedItem? {
        guard let entry = earlierItems[item.sourcePath], entry.inputs.item == item, entry.inputs.site == site,
            entry.inputs.navigation == navigation, entry.inputs.stillHold(folders)
        else { return nil }
        return entry
    }

    func rememberItem(_ inputs: ItemInputs, outcome: SiteBuilder.ItemOutcome, warnings: [Diagnostic]) {
        let entry = RememberedItem(inputs: inputs, outcome: outcome, warnings: warnings)
        lock.withLock { items[inputs.item.sourcePath] = entry }
    }

    /// Forgets items no longer in the site.
    func keepItems(_ sourcePaths: Set<String>) {
        // Removing in place: filtering would copy every remembered outcome on every rebuild.
        lock.withLock {
            for gone in items.keys.filter({ !sourcePaths.contains($0) }) { items[gone] = nil }
        }
    }

    func recallSiteWide(_ group: String, key: Int) -> [(String, Data)]? {
        lock.withLock { siteWide[group].flatMap { $0.key == key ? $0.files : nil } }
    }

    func rememberSiteWide(_ group: String, key: Int, files: [(String, Data)]) {
        lock.withLock { siteWide[group] = (key, files) }
    }

    func recallLinks(_ path: String, hash: Int) -> (links: [String], ids: Set<String>)? {
        lock.withLock { links[path].flatMap { $0.hash == hash ? ($0.links, $0.ids) : nil } }
    }

    func rememberLinks(_ path: String, hash: Int, links found: [String], ids: Set<String>) {
        lock.withLock { links[path] = (hash, found, ids) }
    }
}

/// One item's outcome with what it was made from. A class, so that looking
/// one up takes a reference, not a copy of every field of both.
final class RememberedItem: Sendable {
    let inputs: ItemInputs
    let outcome: SiteBuilder.ItemOutcome
    let warnings: [Diagnostic]

    init(inputs: ItemInputs, outcome: SiteBuilder.ItemOutcome, warnings: [Diagnostic]) {
        (self.inputs, self.outcome, self.warnings) = (inputs, outcome, warnings)
    }
}

/// The inputs one item's page, card and feed entry were made from: its
/// dependency record. An item is made again only when one of them changed.
struct ItemInputs: Sendable, Equatable {
    /// Its source: front matter, Markdown, permalink.
    var item: ContentItem
    /// What every item reads: configuration, theme, the pages list, the site
    /// data folder (`SiteAssembly.siteStamp`).
    var site: Int
    /// Its series position and neighbours, as its page shows them.
    var navigation: SeriesNavigation?
    /// The data folders its directives' scope listed and the data files they read.
    var data = DataScope.Reads()
    /// Bibliographies and images: path → size and time before reading (nil: looked for, not there).
    var files: [String: FileSystem.Status?] = [:]

    func stillHold(_ folders: FolderListings) -> Bool {
        data.folders.allSatisfy { folders.listing(of: $0.key) == $0.value }
            && data.files.allSatisfy { FileReads.stamp($0.key) == $0.value }
            && files.allSatisfy { FileReads.stamp($0.key) == $0.value }
    }
}

/// The files one item's render looked at besides its source, stamped before
/// each is read (an edit racing the read leaves the stamp older than the file,
/// never newer). Confined to that one render.
final class FileReads {
    var data = DataScope.Reads()
    var files: [String: FileSystem.Status?] = [:]

    func note(_ url: URL) {
        if files[url.path] == nil { files[url.path] = .some(Self.stamp(url.path)) }
    }

    static func stamp(_ path: String) -> FileSystem.Status? {
        FileSystem.status(of: path, followingLinks: true)
    }
}

/// Data folder listings, each made at most once per rebuild however many
/// items' records name it. `@unchecked Sendable`: `listings` is used only under `lock`.
final class FolderListings: @unchecked Sendable {
    private let lock = NSLock()
    private var listings: [String: String] = [:]

    func listing(of folder: String) -> String {
        if let known = lock.withLock({ listings[folder] }) { return known }
        let listing = DataScope.listing(of: URL(fileURLWithPath: folder))
        lock.withLock { listings[folder] = listing }
        return listing
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
