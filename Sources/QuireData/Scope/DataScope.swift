import Foundation
import QuireDiagnostics

/// The tables a post's directives can name: its bundle's data files, the
/// site-wide `content/data/` files, and what earlier directives defined.
/// Files are found eagerly (names are cheap) but read only when used, once.
public final class DataScope {
    public struct DataFile: Sendable, Equatable {
        public var name: String
        public var url: URL
        /// Path relative to the site root, for messages.
        public var displayPath: String
        /// For a table inside a `.sqlite`/`.db` file, its name there.
        public var databaseTable: String?
        /// For a tensor inside a `.safetensors` file, its name there.
        public var tensorName: String?
        /// For a group of TensorBoard event files, the files (`url` is the group's folder).
        var eventFiles: [TensorBoardLoader.EventFile] = []

        var isMatrix: Bool { tensorName != nil || url.pathExtension.lowercased() == "npy" }
    }

    public let siteRoot: URL
    public private(set) var files: [String: DataFile] = [:]
    /// Plain table names that several databases of one scope share, with
    /// their qualified names: an error only when used.
    private var sharedTableNames: [String: [String]] = [:]
    private var defined: [String: Table] = [:]
    private var definedMatrices: [String: Matrix] = [:]
    private var loadedTables: [String: Table] = [:]
    private var loadedMatrices: [String: Matrix] = [:]
    private var parquetTables: [String: ParquetTable] = [:]
    private var digests: [String: String] = [:]
    /// Names whose directive failed: already reported, so later uses stay quiet.
    private var failed: Set<String> = []
    /// Names the post's directives define, where each is defined (for hints
    /// about a name used before its directive).
    private var declared: [String: SourceLocation] = [:]

    /// What a scope read, so `quire serve` can tell whether the post that used
    /// it must render again.
    public struct Reads: Sendable, Equatable {
        /// Folder path → its `listing(of:)` when the scope was made. Every name a
        /// directive looks up, found or missed, depends on it: a data file added
        /// under a name a post missed changes it.
        public var folders: [String: String] = [:]
        /// Data file path → its size and modification time just before it was
        /// read (nil: it was not there).
        public var files: [String: FileSystem.Status?] = [:]

        public init() {}
    }

    public private(set) var reads = Reads()

    /// - Parameters:
    ///   - bundleDirectory: the post's bundle folder, or nil for a single-file post.
    ///   - siteDataDirectory: `content/data/`, if it exists.
    public init(siteRoot: URL, contentRoot: URL, bundleDirectory: URL?, siteDataDirectory: URL?) throws {
        self.siteRoot = siteRoot
        var problems: [Diagnostic] = []
        let site =
            siteDataDirectory.map { Self.discover(in: $0, siteRoot: siteRoot, contentRoot: contentRoot, problems: &problems) }
            ?? Discovered()
        let bundle =
            bundleDirectory.map { Self.discover(in: $0, siteRoot: siteRoot, contentRoot: contentRoot, problems: &problems) } ?? Discovered()
        for (folder, found) in [(siteDataDirectory, site), (bundleDirectory, bundle)] {
            if let folder { reads.folders[folder.path] = found.listing }
        }
        // A bundle file shadows a site-wide one of the same name.
        files = site.files.merging(bundle.files) { _, bundleFile in bundleFile }
        // A database table is also its plain name where no other table in scope has it.
        for plain in Set(site.databaseTables.keys).union(bundle.databaseTables.keys) where files[plain] == nil {
            let candidates = bundle.databaseTables[plain] ?? site.databaseTables[plain] ?? []
            if candidates.count == 1, var only = candidates.first {
                only.name = plain
                files[plain] = only
            } else {
                sharedTableNames[plain] = candidates.map(\.name).sorted()
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    /// `check-ins.jsonl` → `check_ins`.
    public static func tableName(forFile url: URL) -> String {
        tableName(forStem: url.deletingPathExtension().lastPathComponent)
    }

    static func tableName(forStem stem: String) -> String {
        String(
            stem.lowercased().unicodeScalars.map { scalar in
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" ? Character(scalar) : "_"
            })
    }

    /// - Parameter digest: identifies the content for the cache (the producing
    ///   directive's cache key); nil hashes nothing and so disables caching downstream.
    public func define(_ name: String, as table: Table, digest: String? = nil) {
        defined[name] = table
        definedMatrices[name] = nil
        digests[name] = digest
    }

    public func define(_ name: String, asMatrix matrix: Matrix, digest: String? = nil) {
        definedMatrices[name] = matrix
        defined[name] = nil
        digests[name] = digest
    }

    /// Tells the scope which names the post's directives will define, before any runs.
    public func declare(_ name: String, at location: SourceLocation) {
        if declared[name] == nil { declared[name] = location }
    }

    /// A directive that should have defined `name` failed (PRODUCT §7: one
    /// mistake, one error). Later uses of it, or of its `NAME_<suffix>`
    /// tables, throw an empty list of diagnostics instead of a second error.
    public func markFailed(_ name: String) {
        failed.insert(name)
        defined[name] = nil
        definedMatrices[name] = nil
    }

    /// Whether `name` stands for the result of a failed directive.
    public func isFailed(_ name: String) -> Bool {
        if failed.contains(name) { return true }
        guard defined[name] == nil, definedMatrices[name] == nil, files[name] == nil else { return false }
        return failed.contains { name.hasPrefix($0 + "_") }
    }

    /// Every name a directive could use here, for "did you mean" hints.
    /// Failed names are listed too, so a query naming one finds it (and stays quiet).
    public var names: [String] {
        Array(Set(defined.keys).union(definedMatrices.keys).union(files.keys).union(sharedTableNames.keys).union(failed)).sorted()
    }

    public func isMatrix(_ name: String) -> Bool {
        if definedMatrices[name] != nil { return true }
        if defined[name] != nil { return false }
        return files[name]?.isMatrix ?? false
    }

    public func table(named name: String, at location: SourceLocation) throws -> Table {
        try table(named: name, columns: nil, at: location)
    }

    /// Reads only `columns` (nil: all) where the format allows it (Parquet);
    /// other tables come whole.
    public func table(named name: String, columns: Set<String>?, at location: SourceLocation) throws -> Table {
        if let table = defined[name] ?? loadedTables[name] { return table }
        if isFailed(name) { throw DiagnosticList([]) }
        if definedMatrices[name] != nil || files[name]?.isMatrix == true {
            let matrix = try self.matrix(named: name, at: location)
            let table = try MatrixTable.table(from: matrix, name: name, at: location)
            loadedTables[name] = table
            return table
        }
        let file = try file(named: name, at: location)
        if let parquet = try parquetTable(file) { return try parquet.table(columns: columns) }
        let table = try DataLoader.loadTable(file)
        loadedTables[name] = table
        return table
    }

    public func matrix(named name: String, at location: SourceLocation) throws -> Matrix {
        if let matrix = definedMatrices[name] ?? loadedMatrices[name] { return matrix }
        if isFailed(name) { throw DiagnosticList([]) }
        if defined[name] != nil || (files[name].map { !$0.isMatrix } ?? false) {
            return try MatrixTable.matrix(from: try table(named: name, at: location), name: name, at: location)
        }
        let file = try file(named: name, at: location)
        let matrix =
            try file.tensorName.map { try SafetensorsLoader.load(path: file.url.path, tensor: $0, displayPath: file.displayPath) }
            ?? NPYLoader.load(path: file.url.path, displayPath: file.displayPath)
        loadedMatrices[name] = matrix
        return matrix
    }

    /// Column names without reading any rows, for tables read column by
    /// column (Parquet); nil for the others.
    public func columnNames(of name: String) throws -> [String]? {
        guard defined[name] == nil, definedMatrices[name] == nil, let file = files[name] else { return nil }
        recordRead(file)
        return try parquetTable(file)?.columnNames
    }

    private func parquetTable(_ file: DataFile) throws -> ParquetTable? {
        guard file.databaseTable == nil, file.url.pathExtension.lowercased() == "parquet" else { return nil }
        if let open = parquetTables[file.name] { return open }
        let table = try ParquetTable.open(path: file.url.path, displayPath: file.displayPath)
        parquetTables[file.name] = table
        return table
    }

    private func file(named name: String, at location: SourceLocation) throws -> DataFile {
        if let qualified = sharedTableNames[name] {
            throw Diagnostic.error(
                at: location, "several databases have a table named '\(name)': \(qualified.joined(separator: ", "))",
                hint: "use the qualified name, for example '\(qualified[0])'")
        }
        guard let file = files[name] else {
            throw Diagnostic.error(at: location, "no table named '\(name)' in scope", hint: missingNameHint(name, usedAt: location))
        }
        recordRead(file)
        return file
    }

    /// Stamped before the bytes are read, so an edit racing the read makes the
    /// stamp older than the file, never newer.
    private func recordRead(_ file: DataFile) {
        for url in file.eventFiles.isEmpty ? [file.url] : file.eventFiles.map(\.url) where reads.files[url.path] == nil {
            reads.files[url.path] = .some(FileSystem.status(of: url.path, followingLinks: true))
        }
    }

    /// The data files in `folder` as a scope finds them: their paths, where
    /// links lead, and the size and time of databases and safetensors files,
    /// whose table names are inside them. Equal listings give equal names.
    public static func listing(of folder: URL) -> String {
        listing(dataFiles(in: folder))
    }

    private static func listing(_ urls: [URL]) -> String {
        urls.map { url in
            var line = url.path
            let resolved = url.resolvingSymlinksInPath().path
            if resolved != url.path { line += " -> " + resolved }
            if ["sqlite", "db", "safetensors"].contains(url.pathExtension.lowercased()),
                let status = FileSystem.status(of: url.path, followingLinks: true)
            {
                line += " \(status.size) \(status.modified)"
            }
            return line
        }.joined(separator: "\n")
    }

    /// Every data file under `directory`, sorted by path (enumeration order is
    /// the file system's; sorted, messages are stable).
    private static func dataFiles(in directory: URL) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isSymbolicLinkKey, .isRegularFileKey])
        else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator where DataFileNames.isData(url.lastPathComponent) {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Why `name` is not in scope, for a directive or a query that used it.
    func missingNameHint(_ name: String, usedAt location: SourceLocation) -> String {
        if let later = declared[name], later.path == location.path, later.line > location.line {
            return "'\(name)' is defined by the directive at line \(later.line), which runs later: directives run in document order"
        }
        // A file's name as written (`check-ins`, `losses.csv`) rather than its table's.
        var stem = name
        if let dot = stem.lastIndex(of: "."), DataFileNames.extensions.contains(String(stem[stem.index(after: dot)...]).lowercased()) {
            stem = String(stem[..<dot])
        }
        let normalised = Self.tableName(forStem: stem)
        if normalised != name, files[normalised] != nil || defined[normalised] != nil || definedMatrices[normalised] != nil {
            return "did you mean '\(normalised)'? (a data file's table is its stem, lowercased, other characters as '_')"
        }
        if let suggestion = Suggestions.didYouMean(name, in: names) { return suggestion }
        // A renamed data file keeps a word of its old name.
        if let related = Suggestions.related(to: name, in: names) { return "did you mean '\(related)'?" }
        return "tables come from data files beside the post, content/data/, or query/analysis directives above this one"
    }

    /// A hex SHA-256 standing for the content of `name`: the file's bytes, or
    /// the digest an earlier directive defined it with. Nil when unknown.
    public func digest(of name: String) -> String? {
        if let known = digests[name] { return known }
        if defined[name] != nil || definedMatrices[name] != nil { return nil }
        guard let file = files[name] else { return nil }
        recordRead(file)
        guard let digest = Self.contentDigest(of: file) else { return nil }
        digests[name] = digest
        return digest
    }

    /// A group of event files stands for all of its files, with their runs.
    private static func contentDigest(of file: DataFile) -> String? {
        guard !file.eventFiles.isEmpty else { return ContentHash.ofFile(file.url) }
        var parts: [String] = []
        for event in file.eventFiles {
            guard let hash = ContentHash.ofFile(event.url) else { return nil }
            parts.append("\(event.run)/\(event.url.lastPathComponent):\(hash)")
        }
        return ContentHash.of(parts.joined(separator: "\n"))
    }

    /// What one folder holds: tables by name, and each database table under
    /// its plain name (the tables of several databases may share one).
    struct Discovered {
        var files: [String: DataFile] = [:]
        var databaseTables: [String: [DataFile]] = [:]
        var listing = ""
    }

    private static func discover(in directory: URL, siteRoot: URL, contentRoot: URL, problems: inout [Diagnostic]) -> Discovered {
        var found = Discovered()
        let root = contentRoot.resolvingSymlinksInPath().standardizedFileURL.path
        let candidates = dataFiles(in: directory)
        found.listing = listing(candidates)
        var entries: [DataFile] = []
        var eventGroups: [String: DataFile] = [:]
        for url in candidates {
            let display = relativePath(url, to: siteRoot)
            let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
            guard resolved == root || resolved.hasPrefix(root + "/") else {
                problems.append(
                    .error(
                        at: SourceLocation(path: display), "data file links outside the content folder",
                        hint: "copy the file into the bundle instead of linking to it"))
                continue
            }
            let ext = url.pathExtension.lowercased()
            let stem = tableName(forFile: url)
            if DataFileNames.isTensorBoardEvents(url.lastPathComponent) {
                // The first folder below the scope's names the table; files right in it are `tfevents`.
                let folders = relativePath(url, to: directory).split(separator: "/").dropLast().map(String.init)
                let group = folders.first.map(tableName(forStem:)) ?? "tfevents"
                let groupFolder = folders.first.map { directory.appendingPathComponent($0) } ?? directory
                let run = folders.count > 1 ? folders.dropFirst().joined(separator: "/") : "."
                eventGroups[group, default: DataFile(name: group, url: groupFolder, displayPath: relativePath(groupFolder, to: siteRoot))]
                    .eventFiles.append(TensorBoardLoader.EventFile(url: url, displayPath: display, run: run))
            } else if ext == "sqlite" || ext == "db" {
                do {
                    for table in try SQLiteFileLoader.tableNames(url: url, displayPath: display) {
                        let entry = DataFile(
                            name: stem + "." + tableName(forStem: table), url: url, displayPath: display, databaseTable: table)
                        entries.append(entry)
                        found.databaseTables[tableName(forStem: table), default: []].append(entry)
                    }
                } catch {
                    problems.append(contentsOf: error.diagnostics(orAt: SourceLocation(path: display)))
                }
            } else if ext == "safetensors" {
                do {
                    for tensor in try SafetensorsLoader.tensorNames(path: url.path, displayPath: display) {
                        entries.append(DataFile(name: stem + "." + tensor, url: url, displayPath: display, tensorName: tensor))
                    }
                } catch {
                    problems.append(contentsOf: error.diagnostics(orAt: SourceLocation(path: display)))
                }
            } else {
                entries.append(DataFile(name: stem, url: url, displayPath: display))
            }
        }
        entries += eventGroups.values.sorted { $0.name < $1.name }
        // Two files clash once, however many of their tables share names.
        var reported: Set<[String]> = []
        for file in entries {
            if let other = found.files[file.name] {
                if reported.insert([other.displayPath, file.displayPath]).inserted {
                    problems.append(
                        .error(
                            at: SourceLocation(path: file.displayPath),
                            "two data files are both named table '\(file.name)': '\(other.displayPath)' and '\(file.displayPath)'",
                            hint: "rename one of them"))
                }
                continue
            }
            found.files[file.name] = file
        }
        return found
    }

    static func relativePath(_ url: URL, to root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
