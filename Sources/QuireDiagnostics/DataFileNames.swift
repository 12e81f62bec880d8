/// Which files of a bundle or of `content/data/` are data for directives
/// (read into tables, never published) — PRODUCT §3. One list, because the
/// content loader (what to publish), the data scope (what to read) and the
/// build's change stamps (what to watch) must agree.
package enum DataFileNames {
    package static let extensions: Set<String> = ["csv", "tsv", "json", "jsonl", "npy", "sqlite", "db", "parquet", "safetensors"]

    /// `events.out.tfevents.1700000000.host.123.0`
    package static func isTensorBoardEvents(_ fileName: String) -> Bool {
        fileName.hasPrefix("events.out.tfevents.")
    }

    package static func isData(_ fileName: String) -> Bool {
        if isTensorBoardEvents(fileName) { return true }
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return false }
        return extensions.contains(fileName[fileName.index(after: dot)...].lowercased())
    }
}
