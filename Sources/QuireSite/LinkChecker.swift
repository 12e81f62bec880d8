import Foundation
import QuireDiagnostics
import QuireFeeds

/// Internal links and `#anchors` across the whole built site: every link to a
/// page, file or heading must land somewhere.
struct LinkChecker {
    /// A built page as the checker sees it: where it came from, and the links
    /// and ids read out of it (`linksAndIDs`).
    struct Page: Sendable, Equatable {
        /// Site-relative output path, e.g. `posts/x/index.html`.
        var outputPath: String
        /// The Markdown file (or template) it came from, for locations.
        var sourcePath: String
        /// Its absolute path, when it has one.
        var sourceFile: String?
        var links: [String]
        var ids: Set<String>
    }

    let urls: SiteURLs
    let outputPaths: Set<String>

    func check(_ pages: [Page]) -> [Diagnostic] {
        findings(on: pages, among: pages).flatMap(\.problems)
    }

    /// What checking `pages` finds, page by page; `all` is every page of the
    /// site, whose ids the links' fragments are looked up in.
    func findings(on pages: [Page], among all: [Page]) -> [(problems: [Diagnostic], fragmentTargets: Set<String>)] {
        var anchors: [String: Set<String>] = [:]
        for page in all { anchors[page.outputPath] = page.ids }
        let allAnchors = anchors
        // Site-rooted and external links mean the same on every page, and most
        // pages share them (navigation, tags, feeds, a listing's posts): what
        // each comes to (its file, and the ids there) is decided once per
        // chunk of pages and remembered for the rest of the chunk. Chunks go
        // on all cores. Gathering them from the whole site first, to decide
        // each once, cost more in merging sets than the few links every
        // chunk decides again.
        let size = Self.pagesPerChunk(of: pages.count)
        let chunks = stride(from: 0, to: pages.count, by: size).map { pages[$0..<min($0 + size, pages.count)] }
        return chunks.parallelMap { chunk in
            var decided: [String: Verdict?] = [:]
            return chunk.map { page in
                problems(in: page, anchors: allAnchors) { link in
                    if let known = decided[link] { return known }
                    let verdict = verdict(on: resolve(link, from: ""), anchors: allAnchors)
                    decided[link] = verdict
                    return verdict
                }
            }
        }.flatMap { $0 }
    }

    typealias Target = (file: String, fragment: String?)

    /// What a link that means the same on every page comes to.
    enum Verdict {
        /// External, or a page or file that is there, with no id asked for.
        case fine
        /// There, and its id was looked up (and found, or `file` has no ids: not a page).
        case fragment(file: String)
        case brokenLink(file: String)
        case brokenAnchor(file: String, fragment: String)
    }

    /// The verdict on `target`; nil when it names no file (the page itself),
    /// which only a page can decide.
    private func verdict(on target: Target?, anchors: [String: Set<String>]) -> Verdict? {
        guard let target else { return .fine }
        guard !target.file.isEmpty else { return nil }
        guard outputPaths.contains(target.file) else { return .brokenLink(file: target.file) }
        guard let fragment = target.fragment, !fragment.isEmpty else { return .fine }
        if let ids = anchors[target.file], !ids.contains(fragment) { return .brokenAnchor(file: target.file, fragment: fragment) }
        return .fragment(file: target.file)
    }

    /// Pages checked together on one core, sharing the verdicts decided for
    /// them: at least eight chunks per core, so that no core is left with the
    /// last of a few big ones while the others wait (5 chunks of 256 for
    /// 1,140 pages on 2 cores), and at most 256 pages.
    static func pagesPerChunk(of count: Int) -> Int {
        max(32, min(256, count / (8 * ProcessInfo.processInfo.activeProcessorCount)))
    }

    private func isPageIndependent(_ link: String) -> Bool {
        link.hasPrefix("/") || link.hasPrefix(urls.base) || Self.hasScheme(link)
    }

    /// The page's broken links, and the pages whose ids its fragments were
    /// looked up in; `decide` gives the verdict on a link that means the same
    /// on every page.
    private func problems(in page: Page, anchors: [String: Set<String>], decide: (String) -> Verdict?)
        -> (problems: [Diagnostic], fragmentTargets: Set<String>)
    {
        var problems: [Diagnostic] = []
        var fragmentTargets = Set<String>()
        // A link that is on the page twice is reported once. Most links are
        // there once and fine: they are checked again rather than kept in a set.
        var reported = Set<String>()
        func brokenLink(_ link: String, _ file: String) {
            guard reported.insert(link).inserted else { return }
            problems.append(
                .error(
                    at: locate(link, in: page), "broken link '\(link)': nothing is built at \(urls.link("/" + file))",
                    hint: Suggestions.nearest(to: file, in: outputPaths.sorted()).map { "did you mean '\(urls.link("/" + $0))'?" }))
        }
        func brokenAnchor(_ link: String, _ file: String, _ fragment: String, _ ids: Set<String>) {
            guard reported.insert(link).inserted else { return }
            problems.append(
                .error(
                    at: locate(link, in: page),
                    "broken anchor '\(link)': \(urls.link("/" + file)) has no element with id '\(fragment)'",
                    hint: Suggestions.nearest(to: fragment, in: ids.sorted()).map { "did you mean '#\($0)'?" }))
        }
        for link in page.links {
            if Self.placeOnThisPage(link) == nil, isPageIndependent(link), let verdict = decide(link) {
                switch verdict {
                case .fine: break
                case .fragment(let file): fragmentTargets.insert(file)
                case .brokenLink(let file): brokenLink(link, file)
                case .brokenAnchor(let file, let fragment):
                    fragmentTargets.insert(file)
                    brokenAnchor(link, file, fragment, anchors[file] ?? [])
                }
                continue
            }
            guard let target = Self.placeOnThisPage(link) ?? resolve(link, from: page.outputPath) else { continue }
            if !target.file.isEmpty, !outputPaths.contains(target.file) {
                brokenLink(link, target.file)
                continue
            }
            let file = target.file.isEmpty ? page.outputPath : target.file
            guard let fragment = target.fragment, !fragment.isEmpty else { continue }
            fragmentTargets.insert(file)
            if let ids = target.file.isEmpty ? page.ids : anchors[file], !ids.contains(fragment) {
                brokenAnchor(link, file, fragment, ids)
            }
        }
        return (problems, fragmentTargets)
    }

    /// `#id` with nothing to decode: the most common link (contents,
    /// footnotes), which `resolve` would take apart to the same answer.
    static func placeOnThisPage(_ link: String) -> Target? {
        guard link.utf8.first == UInt8(ascii: "#"), !link.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "%") })
        else { return nil }
        return ("", String(link.utf8.dropFirst())!)
    }

    /// The output file and fragment an internal link points to; nil for external links.
    func resolve(_ link: String, from page: String) -> Target? {
        var link = AttributeValueText.decode(link) ?? link
        if link.hasPrefix(urls.base) { link = urls.root + link.dropFirst(urls.base.count) }
        if link.hasPrefix("//") || Self.hasScheme(link) { return nil }
        if let path = Self.plainPath(link, under: urls.root) { return (file(at: String(path)), nil) }
        var fragment: String?
        if let hash = link.firstIndex(of: "#") {
            let raw = String(link[link.index(after: hash)...])
            fragment = raw.utf8.contains(UInt8(ascii: "%")) ? raw.removingPercentEncoding : raw
            link = String(link[..<hash])
        }
        if let query = link.firstIndex(of: "?") { link = String(link[..<query]) }
        if link.isEmpty { return ("", fragment) }
        var segments: [Substring]
        if link.hasPrefix("/") {
            guard link.hasPrefix(urls.root) else { return ("\(link.dropFirst())", fragment) }
            segments = link.dropFirst(urls.root.count).split(separator: "/", omittingEmptySubsequences: false)
        } else {
            segments = page.split(separator: "/").dropLast() + link.split(separator: "/", omittingEmptySubsequences: false)
        }
        var resolved: [Substring] = []
        for segment in segments {
            if segment == ".." { _ = resolved.popLast() } else if segment != "." { resolved.append(segment) }
        }
        let joined = resolved.joined(separator: "/")
        return (file(at: joined.utf8.contains(UInt8(ascii: "%")) ? joined.removingPercentEncoding ?? joined : joined), fragment)
    }

    /// The file a site-relative path names: a folder's `index.html`, also
    /// when the trailing `/` is left off.
    private func file(at path: String) -> String {
        if path.isEmpty || path.hasSuffix("/") { return path + "index.html" }
        if !outputPaths.contains(path), outputPaths.contains(path + "/index.html") { return path + "/index.html" }
        return path
    }

    /// The site-relative path of a link under `root` that has nothing to take
    /// apart: no fragment, query, escape or dot segment (`&` was decoded
    /// already, so one left is literal and goes the long way too). Most links
    /// of a site are such, and `resolve` once spent most of a link check
    /// splitting and joining them.
    static func plainPath(_ link: String, under root: String) -> Substring? {
        guard link.hasPrefix(root) else { return nil }
        // Dots in the current segment so far; -1 once it holds anything else.
        var dots = 0
        for byte in link.utf8 {
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "%"), UInt8(ascii: "&"): return nil
            case UInt8(ascii: "/"):
                if dots == 1 || dots == 2 { return nil }
                dots = 0
            case UInt8(ascii: "."): if dots >= 0 { dots += 1 }
            default: dots = -1
            }
        }
        return dots == 1 || dots == 2 ? nil : link.dropFirst(root.count)
    }

    /// `https:`, `mailto:`, `data:` … (RFC 3986: a letter, then letters, digits, + - .).
    static func hasScheme(_ link: String) -> Bool {
        // Byte by byte up to the first ":" (a scheme is ASCII), unless what
        // follows that ":" may join it into another Character.
        for (offset, byte) in link.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if offset == 0 { return false }
            case UInt8(ascii: ":"):
                guard offset > 0 else { return false }
                let next = link.utf8.dropFirst(offset + 1).first ?? 0
                return next < 0x80 || hasSchemeByCharacters(link)
            default: return false
            }
        }
        return false
    }

    static func hasSchemeByCharacters(_ link: String) -> Bool {
        guard let colon = link.firstIndex(of: ":"), let first = link.first, first.isASCII, first.isLetter else { return false }
        return link[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// Where the author wrote the link: its first occurrence in the source file.
    func locate(_ link: String, in page: Page) -> SourceLocation {
        guard let file = page.sourceFile, let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return SourceLocation(path: page.sourcePath)
        }
        let needle = AttributeValueText.decode(link) ?? link
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) {
                return SourceLocation(
                    path: page.sourcePath, line: index + 1, column: line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceLocation(path: page.sourcePath)
    }

    /// `href` and `src` values (as written), and `id` values (decoded, as a
    /// fragment is compared with them), read by the one attribute scanner:
    /// one pass over the bytes, as pages can be large and many. Links to an
    /// id of the same page that is there (contents, footnotes) are left out:
    /// they hold as long as the page does, and are a fifth of a post's links.
    static func linksAndIDs(in html: Data) -> (links: [String], ids: Set<String>) {
        var links: [String] = []
        var ids = Set<String>()
        html.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            HTMLAttributeScanner.forEachAttribute(in: bytes) { attribute in
                let value = { String(decoding: UnsafeBufferPointer(rebasing: bytes[attribute.value]), as: UTF8.self) }
                if HTMLAttributeScanner.bytes(attribute.name, in: bytes, spell: "href")
                    || HTMLAttributeScanner.bytes(attribute.name, in: bytes, spell: "src")
                {
                    // Browsers drop the white space around a URL (`src="x.png "` shows x.png).
                    let range = attribute.value
                    if let first = range.first, let last = range.last, bytes[first] <= 0x20 || bytes[last] <= 0x20 {
                        links.append(value().trimmingCharacters(in: .whitespacesAndNewlines))
                    } else {
                        links.append(value())
                    }
                } else if HTMLAttributeScanner.bytes(attribute.name, in: bytes, spell: "id") {
                    let id = value()
                    ids.insert(AttributeValueText.decode(id) ?? id)
                }
            }
        }
        links.removeAll { link in placeOnThisPage(link).map { ids.contains($0.fragment ?? "") } ?? false }
        return (links, ids)
    }
}
