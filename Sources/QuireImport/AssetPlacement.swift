import Foundation
import QuireContent
import QuireDiagnostics

/// The files a post's links reach in the old site, copied into its bundle,
/// and the links rewritten to them. A page has no bundle: its files go to
/// the theme's `templates/static/`, which quire publishes under `assets/`.
struct AssetPlacement {
    let document: SourceDocument
    /// Where the post is published; a `.html` address gets its files in a
    /// folder named after the page so posts of one day never share names.
    let finalAddress: String
    let bundle: URL?
    /// The imported site's `templates/static/`, for a page's files.
    let themeStatic: URL
    let staticRoots: [URL]
    let basePath: String
    let baseURL: String
    let addresses: AddressBook
    /// Bundle-relative name → source file.
    private(set) var files: [(name: String, source: URL)] = []

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff", "avif"]

    init(
        document: SourceDocument, finalAddress: String, bundle: URL?, themeStatic: URL, staticRoots: [URL], basePath: String,
        baseURL: String, addresses: AddressBook
    ) {
        self.document = document
        self.finalAddress = finalAddress
        self.bundle = bundle
        self.themeStatic = themeStatic
        self.staticRoots = staticRoots
        self.basePath = basePath
        self.baseURL = baseURL
        self.addresses = addresses
        // A Hugo page bundle's resources all belong to the post.
        if bundle != nil, let folder = document.bundleFolder {
            for relative in SourceFiles.walk(folder) where !relative.hasSuffix(".md") && !relative.hasSuffix(".markdown") {
                files.append((prefix + relative, folder.appendingPathComponent(relative)))
            }
        }
    }

    private var prefix: String {
        guard Permalink.namesFile(finalAddress) else { return "" }
        return ((finalAddress as NSString).lastPathComponent as NSString).deletingPathExtension + "/"
    }

    mutating func rewriteLinks(in body: String, report: inout ImportReport) -> String {
        var out: [Segment] = []
        for (segment, line) in MarkdownSegments(body, dollarMath: true).segments {
            guard case .prose(let prose) = segment else {
                out.append(segment)
                continue
            }
            let text = BodyFinishing.namedAnchors(prose, report: &report)
            out.append(
                .prose(
                    LinkRewriter.rewrite(text, firstLine: line) { target, line in
                        resolve(target, line: document.bodyLine + line - 1, report: &report)
                    }))
        }
        return MarkdownSegments.join(out)
    }

    private mutating func resolve(_ target: String, line: Int, report: inout ImportReport) -> String? {
        let lower = target.lowercased()
        guard !target.isEmpty, !target.hasPrefix("#"), !target.hasPrefix("//"),
            !["mailto:", "data:", "javascript:", "tel:"].contains(where: lower.hasPrefix)
        else { return nil }
        var path = target
        var suffix = ""
        if let mark = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(path[mark...])
            path = String(path[..<mark])
        }
        path = path.removingPercentEncoding ?? path
        var relative = false
        var sitePath: String
        if path.contains("://") {
            let origin = SiteImporter.origin(baseURL)
            if path.hasPrefix(baseURL) {
                sitePath = "/" + path.dropFirst(baseURL.count)
            } else if basePath == "/" || !path.hasPrefix(origin + "/") {
                return nil
            } else {
                sitePath = String(path.dropFirst(origin.count))
            }
        } else if path.hasPrefix("/") {
            sitePath = basePath != "/" && (path + "/").hasPrefix(basePath) ? "/" + (path + "/").dropFirst(basePath.count) : path
            if sitePath.hasSuffix("/"), !path.hasSuffix("/"), sitePath != "/" { sitePath.removeLast() }
        } else {
            relative = true
            sitePath = Self.resolve(path, against: document.oldURL)
        }
        var candidates: [URL] = []
        if relative {
            if let folder = document.bundleFolder { candidates.append(folder.appendingPathComponent(path)) }
            candidates.append(document.file.deletingLastPathComponent().appendingPathComponent(path))
        }
        candidates += staticRoots.map { $0.appendingPathComponent(String(sitePath.drop { $0 == "/" })) }
        let isImage = Self.imageExtensions.contains((path as NSString).pathExtension.lowercased())
        if let file = candidates.map(\.standardizedFileURL).first(where: {
            SourceFiles.isFile($0) && !["md", "markdown"].contains($0.pathExtension.lowercased())
        }) {
            guard bundle != nil else {
                // Under its old site path, so pages that share a file share one copy.
                let name = String(sitePath.drop { $0 == "/" })
                if !files.contains(where: { $0.name == name }) { files.append((name, file)) }
                report.count("page's file copied into templates/static/ (published under assets/)")
                return basePath + "assets/" + name.replacingOccurrences(of: " ", with: "%20") + suffix
            }
            if DataFileNames.isData(file.lastPathComponent) {
                report.note(
                    document.path, line: line,
                    "\(target): quire reads .\(file.pathExtension) in a bundle as data and does not publish it; link kept")
                return nil
            }
            let name = place(file)
            report.count(isImage ? "image copied into its post's bundle" : "linked file copied into its post's bundle")
            return name.replacingOccurrences(of: " ", with: "%20") + suffix
        }
        if sitePath == "/" || sitePath.isEmpty {
            // The home page: quire makes its own, at the base path.
            return target == basePath ? nil : basePath + suffix
        }
        if let page = addresses.page(at: sitePath) {
            guard path.contains("://") else { return nil }
            report.count("link to the old site's own address made site-relative")
            return basePath + page.dropFirst() + suffix
        }
        report.note(
            document.path, line: line,
            isImage ? "image \(target) not found in the old site" : "link \(target) reaches nothing the import makes", unreachedLink: target
        )
        return nil
    }

    /// The bundle-relative name of `file`, unique within the bundle.
    private mutating func place(_ file: URL) -> String {
        if let existing = files.first(where: { $0.source.path == file.path }) { return existing.name }
        let stem = file.deletingPathExtension().lastPathComponent
        let ext = file.pathExtension.isEmpty ? "" : "." + file.pathExtension
        var name = prefix + stem + ext
        var counter = 2
        while files.contains(where: { $0.name == name }) || name == "index.md" {
            name = prefix + stem + "-" + String(counter) + ext
            counter += 1
        }
        files.append((name, file))
        return name
    }

    /// Copies the placed files; how many were copied.
    func copy() throws -> Int {
        var copied = 0
        for (name, source) in files {
            let target = (bundle ?? themeStatic).appendingPathComponent(name)
            // Another page placed it already.
            if bundle == nil, FileManager.default.fileExists(atPath: target.path) { continue }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target)
            copied += 1
        }
        return copied
    }

    /// `../img/x.png` against `/2019/03/04/post.html` → `/2019/03/img/x.png`.
    static func resolve(_ relative: String, against address: String) -> String {
        var parts = address.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()  // the file name, or "" after a trailing "/"
        for part in relative.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { if parts.count > 1 { parts.removeLast() } } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }
}
