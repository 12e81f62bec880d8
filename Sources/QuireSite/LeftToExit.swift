import Foundation

/// Values a one-shot build holds to the end of the process rather than free.
///
/// At the end of `quire build` every post's item, link list and id set, and
/// every path of the site, would be freed one by one, on one core, just
/// before the process exits and the system takes back all its memory at
/// once: about 2% of a 10,000-post build. (Compilers skip their final frees
/// for the same reason.) Kept are values alive until the build's end, and
/// the listings' makers and slimmed items, let go just before the link check
/// (which holds less than the pages before it did), so the build's peak
/// memory is what it was.
enum LeftToExit {
    private nonisolated(unsafe) static var kept: [Any] = []
    private static let lock = NSLock()

    static func keep(_ values: Any...) {
        lock.withLock { kept.append(contentsOf: values) }
    }
}
