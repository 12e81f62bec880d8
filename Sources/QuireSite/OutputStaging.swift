import Foundation
import QuireDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a build beside the output folder and swaps it in whole, so a failed
/// or interrupted build leaves the previous site exactly as it was. Every file
/// quire writes passes through here (`resolve`), and so must land inside the
/// folder being built.
final class OutputStaging: Sendable {
    let destination: URL
    let staging: URL
    /// `staging.path`, made once: every file written asks for it.
    private let stagingPath: String
    /// The staging folder, open: pages are written relative to it.
    private let stagingFolder: Int32
    /// The output folder as messages show it: relative to the site when inside it.
    let shownDestination: String
    private let siteRoot: String
    private let lock: OutputFolderLock
    private let fm = FileManager.default

    init(destination: URL, siteRoot: URL) throws {
        self.destination = destination.standardizedFileURL
        self.siteRoot = siteRoot.standardizedFileURL.path
        shownDestination = Self.shown(self.destination.path, siteRoot: self.siteRoot)
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        try Self.refuseDangerous(self.destination, siteRoot: siteRoot)
        do {
            try OutputTree.makeFolder(parent.path)
            lock = try OutputFolderLock(beside: self.destination)
        } catch let failure as SystemFailure {
            throw failure.shown(at: Self.shown(failure.path, siteRoot: self.siteRoot))
        }
        // Holding the lock, any other staging folder is a leftover of a killed build.
        for leftover in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        where leftover.hasPrefix(".\(name).quire-staging") || leftover == ".\(name).quire-previous" {
            OutputTree.removeTree(parent.path + "/" + leftover)
        }
        // Unique per build, so no build can remove or publish another's files.
        staging = parent.appendingPathComponent(".\(name).quire-staging-\(getpid())-\(UUID().uuidString.prefix(8))")
        stagingPath = staging.path
        do {
            try OutputTree.makeFolder(staging.path)
            stagingFolder = open(stagingPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard stagingFolder >= 0 else { throw SystemFailure(operation: "open", path: stagingPath, code: errno) }
        } catch let failure as SystemFailure {
            lock.release()
            throw failure.shown(at: shownDestination)
        }
    }

    deinit { close(stagingFolder) }

    /// `path` relative to the site's root when it is inside it, so messages
    /// read the same on every machine.
    static func shown(_ path: String, siteRoot: String) -> String {
        path.hasPrefix(siteRoot + "/") ? String(path.dropFirst(siteRoot.count + 1)) : path
    }

    /// Writes one file; safe from several threads at once. A failure names
    /// the file where it will be in the output, not in the staging folder.
    func write(_ data: Data, to path: String) throws {
        do {
            try Self.checkInside(path)
            try OutputTree.write(data, to: path, in: stagingFolder, shownAs: path, makingFolders: true)
        } catch let failure as SystemFailure {
            throw failure.shown(at: shownDestination + "/" + path)
        }
    }

    /// Writes every file on all cores, making each folder when its first file
    /// needs it (a thousand serial `mkdir`s were a twentieth of a build).
    func write(_ files: [OutputFile]) throws {
        for file in files { try Self.checkInside(file.path) }
        let failures = files.parallelMap { file -> Diagnostic? in
            do {
                try write(try Self.bytes(of: file, siteRoot: siteRoot), to: file.path)
                return nil
            } catch {
                return error.diagnostics(orAt: .file(shownDestination + "/" + file.path)).first
            }
        }.compactMap { $0 }
        // A full disk fails every file alike: the first says why, the count says how many.
        if var first = failures.first {
            if failures.count > 1 { first.hint = "\(failures.count - 1) more files could not be written either" }
            throw first
        }
    }

    /// A file's bytes; a copied file that cannot be read is a failure at that file.
    static func bytes(of file: OutputFile, siteRoot: String) throws -> Data {
        do {
            return try file.bytes()
        } catch {
            guard case .copy(let source) = file.contents else { throw error }
            // Foundation's error does not carry errno; opening the file again says why.
            let descriptor = open(source.path, O_RDONLY | O_CLOEXEC)
            let code = descriptor < 0 ? errno : EIO
            if descriptor >= 0 { close(descriptor) }
            throw SystemFailure(operation: "read", path: shown(source.path, siteRoot: siteRoot), code: code)
        }
    }

    /// Moves the finished build into place in one atomic exchange, then
    /// removes the old build it swapped out.
    func commit() throws {
        defer { lock.release() }
        let retired = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).quire-previous")
        var info = stat()
        if lstat(destination.path, &info) == 0 {
            try OutputSwap.exchange(staging.path, with: destination.path, retired: retired.path)
        } else if rename(staging.path, destination.path) != 0 {
            throw OutputTree.Failure(operation: "move into place", path: destination.path, code: errno)
        }
        OutputTree.removeTree(staging.path)
        OutputTree.removeTree(retired.path)
    }

    func discard() {
        OutputTree.removeTree(staging.path)
        lock.release()
    }

    /// `relative` as a path below `root`, once `checkInside` allows it.
    static func resolve(_ relative: String, in root: String) throws -> String {
        try checkInside(relative)
        return root + "/" + relative
    }

    /// The gate every output path passes before anything is written:
    /// `relative` must name a file strictly inside the output folder — no
    /// absolute path, no `..` or `.`, no empty segment — or nothing is written.
    static func checkInside(_ relative: String) throws {
        // Bytes, not Characters: "/" followed by a combining mark is one
        // Character, which would hide a ".." before it (found by FuzzOutputPaths).
        let segments = relative.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let safe =
            !relative.isEmpty && !relative.utf8.contains(0)
            && segments.allSatisfy { !$0.isEmpty && !$0.elementsEqual(".".utf8) && !$0.elementsEqual("..".utf8) }
        guard safe else {
            throw Diagnostic.error(
                at: SourceLocation(path: "quire.yaml"),
                "refusing to write '\(relative)': every output path must stay inside the output folder",
                hint: "check the permalink pattern and slugs for '..', '//' or a leading '/'")
        }
    }

    /// Updates a folder this process wrote before, in place: writes only the
    /// files whose bytes changed and removes those no longer built. Used while
    /// serving, where a rebuild must take a fraction of a second.
    static func update(_ destination: URL, with files: [OutputFile], memory: RebuildMemo) throws -> Int {
        let root = destination.path
        for file in files { _ = try resolve(file.path, in: root) }
        var changed: [(path: String, data: Data)] = []
        var current: [String: Int] = [:]
        for file in files {
            // A source that cannot be read is an error, never an empty file.
            let data = try bytes(of: file, siteRoot: OutputTree.parent(of: root))
            let hash = data.contentHash
            current[file.path] = hash
            if memory.written[file.path] != hash { changed.append((file.path, data)) }
        }
        return try replace(in: destination, changed: changed, current: current, memory: memory)
    }

    /// Writes `changed` into a folder this process wrote before and removes
    /// what it wrote then that `current` (path → hash of every file built
    /// now) no longer holds. Each file is written under a temporary name and
    /// renamed over the old one, so a request never reads a half-written page.
    static func replace(in destination: URL, changed: [(path: String, data: Data)], current: [String: Int], memory: RebuildMemo) throws
        -> Int
    {
        let root = destination.path
        for file in changed { _ = try resolve(file.path, in: root) }
        let lock = try OutputFolderLock(beside: destination.standardizedFileURL)
        defer { lock.release() }
        for (path, data) in changed {
            let target = try resolve(path, in: root)
            let folder = OutputTree.parent(of: target)
            try OutputTree.makeFolder(folder)
            let temporary = folder + "/.quire-writing-\(getpid())-" + (target as NSString).lastPathComponent
            try OutputTree.write(data, to: temporary)
            guard rename(temporary, target) == 0 else {
                let code = errno
                unlink(temporary)
                throw OutputTree.Failure(operation: "replace", path: target, code: code)
            }
        }
        var removed = 0
        for stale in memory.written.keys where current[stale] == nil {
            OutputTree.removeTree(try resolve(stale, in: root))
            removed += 1
        }
        memory.written = current
        memory.hasWritten = true
        return changed.count + removed
    }

    /// Never replace the project itself, its content, or a folder quire did not make.
    static func refuseDangerous(_ destination: URL, siteRoot: URL) throws {
        let target = destination.resolvingSymlinksInPath().path
        let root = siteRoot.resolvingSymlinksInPath().standardizedFileURL.path
        let at = SourceLocation(path: "quire.yaml")
        if target == root || root.hasPrefix(target + "/") || target == "/" {
            throw Diagnostic.error(
                at: at, "the output folder '\(destination.path)' would replace the site itself", hint: "choose a folder such as site/")
        }
        for protected in ["content", "templates", "Sources", "Tests"]
        where target == root + "/" + protected || target.hasPrefix(root + "/" + protected + "/") {
            throw Diagnostic.error(
                at: at, "the output folder '\(destination.path)' is inside \(protected)/", hint: "choose a folder such as site/")
        }
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: target, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw SystemFailure(
                operation: "write the site", path: shown(destination.path, siteRoot: root), reason: "it is a file, not a folder")
        }
        let children = (try? fm.contentsOfDirectory(atPath: target)) ?? []
        if !children.isEmpty, !children.contains("sitemap.xml") {
            throw Diagnostic.error(
                at: at, "'\(destination.path)' is not empty and was not made by quire; refusing to replace it",
                hint: "empty it, or pass another --output")
        }
    }
}

/// Where the pipeline's files go (`SiteBuilder.complete`): `quire build`
/// stages and swaps them in whole (`StagedOutput`), `quire serve` updates its
/// folder in place (`InPlaceOutput`), `quire check` writes nothing (`NoOutput`).
protocol OutputSink: Sendable {
    /// One file's bytes; safe from several threads at once.
    func write(_ data: Data, to path: String) throws
    /// A file the last rebuild wrote, whose bytes are unchanged (a recalled item's page).
    func keep(_ path: String) throws
    /// Publishes what was written; returns how many files changed on disk.
    func commit() throws -> Int
    /// Leaves the output folder as it was.
    func discard()
}

/// `quire build`: every file goes to the staging folder, swapped in whole on
/// commit (all or nothing). While serving, the first build also records each
/// file's hash, for the in-place rebuilds after it.
///
/// `@unchecked Sendable`: `hashes` and `count` are used only under `lock`.
final class StagedOutput: OutputSink, @unchecked Sendable {
    private let staging: OutputStaging
    private let memory: RebuildMemo?
    private let lock = NSLock()
    private var hashes: [String: Int] = [:]
    private var count = 0

    init(_ staging: OutputStaging, memory: RebuildMemo?) {
        self.staging = staging
        self.memory = memory
    }

    func write(_ data: Data, to path: String) throws {
        try staging.write(data, to: path)
        let hash = memory == nil ? 0 : data.contentHash
        lock.withLock {
            if memory != nil { hashes[path] = hash }
            count += 1
        }
    }

    func keep(_ path: String) throws {
        // A new staging folder holds nothing from before: the pipeline recalls items only when updating in place.
        throw Diagnostic.error(at: SourceLocation(path: path), "internal: a staged build cannot keep an earlier file")
    }

    func commit() throws -> Int {
        try staging.commit()
        if let memory {
            memory.written = lock.withLock { hashes }
            memory.hasWritten = true
        }
        return lock.withLock { count }
    }

    func discard() { staging.discard() }
}

/// `quire serve` after its first build: collects the files whose bytes
/// differ from what it wrote last, then writes only those and removes the
/// files no longer built (`OutputStaging.replace`). Nothing is written unless
/// the whole rebuild succeeded.
///
/// `@unchecked Sendable`: `current` and `changed` are used only under `lock`.
final class InPlaceOutput: OutputSink, @unchecked Sendable {
    private let destination: URL
    private let memory: RebuildMemo
    private let before: [String: Int]
    private let lock = NSLock()
    private var current: [String: Int] = [:]
    private var changed: [(path: String, data: Data)] = []

    init(_ destination: URL, memory: RebuildMemo) {
        self.destination = destination
        self.memory = memory
        before = memory.written
    }

    func write(_ data: Data, to path: String) throws {
        _ = try OutputStaging.resolve(path, in: destination.path)
        let hash = data.contentHash
        let unchanged = before[path] == hash
        lock.withLock {
            current[path] = hash
            if !unchanged { changed.append((path, data)) }
        }
    }

    func keep(_ path: String) throws {
        guard let hash = before[path] else {
            throw Diagnostic.error(at: SourceLocation(path: path), "internal: '\(path)' was not written before, so cannot be kept")
        }
        lock.withLock { current[path] = hash }
    }

    func commit() throws -> Int {
        let (changed, current) = lock.withLock { (self.changed, self.current) }
        return try OutputStaging.replace(in: destination, changed: changed, current: current, memory: memory)
    }

    func discard() {}
}

/// `quire check`: everything is made and checked, nothing written.
struct NoOutput: OutputSink {
    func write(_ data: Data, to path: String) throws {}
    func keep(_ path: String) throws {}
    func commit() throws -> Int { 0 }
    func discard() {}
}
