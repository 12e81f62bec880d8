import Foundation
import QuireDiagnostics

/// The tables a post's directives can name: its bundle's data files, the
/// site-wide `content/data/` files, and what earlier directives defined.
/// Files are found eagerly (names are cheap) but read only when used.
public final class DataScope: @unchecked Sendable {
    public struct DataFile: Sendable, Equatable {
        public var name: String
        public var url: URL
        /// Path relative to the site root, for messages.
        public var displayPath: String
    }

    public static let dataExtensions: Set<String> = ["csv", "tsv", "json", "jsonl", "npy", "sqlite", "db"]

    public let siteRoot: URL
    public private(set) var files: [String: DataFile] = [:]
    private var defined: [String: Table] = [:]

    /// - Parameters:
    ///   - bundleDirectory: the post's bundle folder, or nil for a single-file post.
    ///   - siteDataDirectory: `content/data/`, if it exists.
    public init(siteRoot: URL, contentRoot: URL, bundleDirectory: URL?, siteDataDirectory: URL?) throws {
        self.siteRoot = siteRoot
        var problems: [Diagnostic] = []
        let site = siteDataDirectory.map { Self.discover(in: $0, siteRoot: siteRoot, contentRoot: contentRoot, problems: &problems) } ?? [:]
        let bundle = bundleDirectory.map { Self.discover(in: $0, siteRoot: siteRoot, contentRoot: contentRoot, problems: &problems) } ?? [:]
        // A bundle file shadows a site-wide one of the same name.
        files = site.merging(bundle) { _, bundleFile in bundleFile }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    /// `check-ins.jsonl` → `check_ins`.
    public static func tableName(forFile url: URL) -> String {
        let stem = url.deletingPathExtension().lastPathComponent.lowercased()
        return String(stem.unicodeScalars.map { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" ? Character(scalar) : "_"
        })
    }

    public func define(_ name: String, as table: Table) {
        defined[name] = table
    }

    /// Every name a directive could use here, for "did you mean" hints.
    public var names: [String] { Array(Set(defined.keys).union(files.keys)).sorted() }

    public func table(named name: String, at location: SourceLocation) throws -> Table {
        if let table = defined[name] { return table }
        guard let file = files[name] else {
            throw Diagnostic.error(
                at: location, "no table named '\(name)' in scope",
                hint: Suggestions.didYouMean(name, in: names) ?? "tables come from data files beside the post, content/data/, or earlier query/analysis directives")
        }
        throw Diagnostic.error(at: location, "reading '\(file.displayPath)' is not supported yet")
    }

    private static func discover(in directory: URL, siteRoot: URL, contentRoot: URL, problems: inout [Diagnostic]) -> [String: DataFile] {
        var found: [String: DataFile] = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: directory, includingPropertiesForKeys: [.isSymbolicLinkKey, .isRegularFileKey]) else { return [:] }
        let root = contentRoot.resolvingSymlinksInPath().standardizedFileURL.path
        for case let url as URL in enumerator {
            let ext = url.pathExtension.lowercased()
            guard dataExtensions.contains(ext) else { continue }
            let display = relativePath(url, to: siteRoot)
            let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
            guard resolved == root || resolved.hasPrefix(root + "/") else {
                problems.append(.error(at: SourceLocation(path: display), "data file links outside the content folder", hint: "copy the file into the bundle instead of linking to it"))
                continue
            }
            let name = tableName(forFile: url)
            let file = DataFile(name: name, url: url, displayPath: display)
            if let other = found[name] {
                let (first, second) = [other, file].sorted { $0.displayPath < $1.displayPath }.pair
                problems.append(.error(at: SourceLocation(path: second.displayPath), "two data files are both named table '\(name)': '\(first.displayPath)' and '\(second.displayPath)'", hint: "rename one of them"))
                continue
            }
            found[name] = file
        }
        return found
    }

    static func relativePath(_ url: URL, to root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}

private extension Array {
    var pair: (Element, Element) { (self[0], self[1]) }
}
