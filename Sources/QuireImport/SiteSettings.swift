import Foundation
import QuireDiagnostics

/// What the old config says that quire.yaml keeps.
struct SiteSettings {
    var title: String
    var description: String?
    var author: String?
    var language: String?
    /// Absolute, ending with "/": quire's `base_url`.
    var baseURL: String
    var timezone: TimeZone
    var timezoneName: String?

    /// `/blog/` for `https://x.github.io/blog/`, or `/`.
    var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://"), let slash = baseURL[schemeEnd.upperBound...].firstIndex(of: "/") else { return "/" }
        return String(baseURL[slash...])
    }

    static func joinBase(url: String?, path: String?) -> String? {
        guard var url = url?.trimmingCharacters(in: .whitespaces), url.contains("://") else { return nil }
        while url.hasSuffix("/") { url.removeLast() }
        var path = path?.trimmingCharacters(in: .whitespaces) ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        if !path.isEmpty, !path.hasPrefix("/") { path = "/" + path }
        return url + path + "/"
    }

    func quireYAML(permalink: String) -> String {
        var lines = ["title: " + FrontMatterMapping.quoted(title), "base_url: " + FrontMatterMapping.quoted(baseURL)]
        if let author { lines.append("author: " + FrontMatterMapping.quoted(author)) }
        if let description { lines.append("description: " + FrontMatterMapping.quoted(description)) }
        if let language { lines.append("language: " + FrontMatterMapping.quoted(language)) }
        if let timezoneName { lines.append("timezone: " + timezoneName) }
        lines.append("permalink: " + permalink)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Shared file-system walking for both importers.
enum SourceFiles {
    static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    static func isFile(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && !flag.boolValue
    }

    /// Names in `folder`, sorted, without hidden ones.
    static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Every file below `folder` (relative paths, sorted).
    static func walk(_ folder: URL) -> [String] {
        var found: [String] = []
        for name in names(in: folder) {
            let url = folder.appendingPathComponent(name)
            if isDirectory(url) {
                found += walk(url).map { name + "/" + $0 }
            } else {
                found.append(name)
            }
        }
        return found
    }

    static func relative(_ url: URL, to root: URL) -> String {
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// The UTC day a file was last modified: the date of a post that names none.
    static func modificationDay(_ url: URL) -> ImportedDate {
        let nanoseconds = FileSystem.status(of: url.path, followingLinks: true)?.modified ?? 0
        let day = CivilDays.date(days: Int((Double(nanoseconds) / 86_400e9).rounded(.down)))
        return ImportedDate(year: day.year, month: day.month, day: day.day)
    }
}
