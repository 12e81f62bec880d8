import Foundation
import QuireDiagnostics

/// Maps request paths to files of the output folder, refusing anything that
/// would leave it, and adds the live-reload script to HTML as it is served
/// (never to the files themselves, so a published build carries no script).
struct StaticFiles: Sendable {
    let root: URL

    enum Lookup: Equatable {
        case file(URL)
        /// `/posts/x` → `/posts/x/`, so relative links in the page resolve.
        case redirect(String)
        case notFound
        case forbidden
    }

    func lookup(_ requestPath: String) -> Lookup {
        let path = requestPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
        guard let decoded = path.removingPercentEncoding, !decoded.contains("\0") else { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") || $0.contains("\\") }) { return .forbidden }
        var candidate = root
        for segment in segments { candidate.appendPathComponent(String(segment)) }
        // Symbolic links must not lead out of the folder either.
        let base = root.resolvingSymlinksInPath().path
        let resolved = candidate.resolvingSymlinksInPath().path
        guard resolved == base || resolved.hasPrefix(base + "/") else { return .forbidden }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder) else { return .notFound }
        if isFolder.boolValue {
            if !decoded.hasSuffix("/") { return .redirect(path + "/") }
            let index = URL(fileURLWithPath: resolved).appendingPathComponent("index.html")
            return FileManager.default.fileExists(atPath: index.path) ? .file(index) : .notFound
        }
        return .file(URL(fileURLWithPath: resolved))
    }

    static func contentType(for url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "xml": "application/xml; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "json": "application/json"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// The page with the reload script (and the build's errors, if the last
    /// rebuild failed) placed before `</body>`.
    static func inject(into html: Data, errors: String?) -> Data {
        var page = String(decoding: html, as: UTF8.self)
        var addition = reloadScript
        if let errors {
            addition =
                "<div id=\"quire-errors\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;"
                + "background:#2b0b0e;color:#ffd7d7;font:13px/1.45 ui-monospace,monospace;padding:14px 18px;white-space:pre-wrap;"
                + "border-top:3px solid #ff5c5c\"><strong>quire: the last edit does not build; this is the last good page.</strong>\n\n"
                + HTMLText.escape(errors) + "</div>\n" + addition
        }
        if let range = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: addition, at: range.lowerBound)
        } else {
            page += addition
        }
        return Data(page.utf8)
    }

    static let reloadScript = """
        <script>
        (function () {
          var source = new EventSource("/__quire/events");
          source.addEventListener("reload", function () { location.reload(); });
        })();
        </script>

        """
}
