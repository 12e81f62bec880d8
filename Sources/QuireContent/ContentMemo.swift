import Foundation
import QuireConfig
import QuireDiagnostics

/// Remembers each source file's parsed item between rebuilds of one process
/// (`quire serve`), so an unchanged file skips YAML and validation.
/// Sendable: `entries` is read and written under `lock`.
package final class ContentMemo: @unchecked Sendable {
    private struct Entry {
        var bytes: Data
        var config: SiteConfig
        var item: ContentItem?
        var diagnostics: [Diagnostic]
    }

    private var entries: [String: Entry] = [:]
    private let lock = NSLock()

    public init() {}

    /// The earlier result for these exact bytes under the same configuration.
    func recall(_ path: String, bytes: Data, config: SiteConfig) -> (ContentItem?, [Diagnostic])? {
        lock.withLock {
            guard let entry = entries[path], entry.config == config, entry.bytes == bytes else { return nil }
            return (entry.item, entry.diagnostics)
        }
    }

    func remember(_ path: String, bytes: Data, config: SiteConfig, item: ContentItem?, diagnostics: [Diagnostic]) {
        lock.withLock { entries[path] = Entry(bytes: bytes, config: config, item: item, diagnostics: diagnostics) }
    }
}
