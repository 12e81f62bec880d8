import Foundation
import QuireDiagnostics

/// Writes a build beside the output folder and swaps it in whole, so a failed
/// or interrupted build leaves the previous site exactly as it was.
final class OutputStaging: Sendable {
    let destination: URL
    let staging: URL
    private let fm = FileManager.default

    init(destination: URL, siteRoot: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).quire-staging")
        try Self.refuseDangerous(self.destination, siteRoot: siteRoot)
        // A leftover from an interrupted build is ours to remove.
        FastFiles.removeTree(staging.path)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Writes one file; safe from several threads at once.
    func write(_ data: Data, to path: String) throws {
        try FastFiles.write(data, to: staging.path + "/" + path, makingFolders: true)
    }

    /// Writes every file on all cores, making each folder when its first file
    /// needs it (a thousand serial `mkdir`s were a twentieth of a build).
    func write(_ files: [OutputFile]) throws {
        let failures = files.parallelMap { file -> String? in
            do {
                try write(try file.bytes(), to: file.path)
                return nil
            } catch {
                return String(describing: error)
            }
        }
        if let first = failures.compactMap({ $0 }).first {
            throw Diagnostic.error(at: SourceLocation(path: "quire.yaml"), "cannot write the site: \(first)")
        }
    }

    /// Moves the finished build into place.
    func commit() throws {
        let retired = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).quire-previous")
        FastFiles.removeTree(retired.path)
        if fm.fileExists(atPath: destination.path) {
            try fm.moveItem(at: destination, to: retired)
            do {
                try fm.moveItem(at: staging, to: destination)
            } catch {
                try? fm.moveItem(at: retired, to: destination)
                throw error
            }
            FastFiles.removeTree(retired.path)
        } else {
            try fm.moveItem(at: staging, to: destination)
        }
    }

    func discard() {
        FastFiles.removeTree(staging.path)
    }

    /// Updates a folder this process wrote before, in place: writes only the
    /// files whose bytes changed and removes those no longer built. Used while
    /// serving, where a rebuild must take a fraction of a second.
    static func update(_ destination: URL, with files: [OutputFile], memory: BuildMemory) throws -> Int {
        let root = destination.path
        var changed = 0
        var current: [String: Int] = [:]
        for file in files {
            let data = (try? file.bytes()) ?? Data()
            let hash = data.contentHash
            current[file.path] = hash
            guard memory.written[file.path] != hash else { continue }
            try FastFiles.makeFolder((root + "/" + file.path as NSString).deletingLastPathComponent)
            try FastFiles.write(data, to: root + "/" + file.path)
            changed += 1
        }
        for stale in memory.written.keys where current[stale] == nil {
            FastFiles.removeTree(root + "/" + stale)
            changed += 1
        }
        memory.written = current
        return changed
    }

    /// Never replace the project itself, its content, or a folder quire did not make.
    static func refuseDangerous(_ destination: URL, siteRoot: URL) throws {
        let target = destination.resolvingSymlinksInPath().path
        let root = siteRoot.resolvingSymlinksInPath().standardizedFileURL.path
        let at = SourceLocation(path: "quire.yaml")
        if target == root || root.hasPrefix(target + "/") || target == "/" {
            throw Diagnostic.error(at: at, "the output folder '\(destination.path)' would replace the site itself", hint: "choose a folder such as site/")
        }
        for protected in ["content", "templates", "Sources", "Tests"] where target == root + "/" + protected || target.hasPrefix(root + "/" + protected + "/") {
            throw Diagnostic.error(at: at, "the output folder '\(destination.path)' is inside \(protected)/", hint: "choose a folder such as site/")
        }
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: target, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw Diagnostic.error(at: at, "the output path '\(destination.path)' is a file, not a folder")
        }
        let children = (try? fm.contentsOfDirectory(atPath: target)) ?? []
        if !children.isEmpty, !children.contains("sitemap.xml") {
            throw Diagnostic.error(at: at, "'\(destination.path)' is not empty and was not made by quire; refusing to replace it",
                                   hint: "empty it, or pass another --output")
        }
    }
}
