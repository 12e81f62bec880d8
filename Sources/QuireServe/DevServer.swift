import Foundation
import QuireDiagnostics
import QuireSite

/// `quire serve`: builds, serves the output on 127.0.0.1, watches the sources,
/// rebuilds what changed and tells open tabs to reload. A broken edit shows its
/// errors in the terminal and over the page while the last good build stays up.
package final class DevServer: Sendable {
    public let options: BuildOptions
    package let port: UInt16
    let pollInterval: Duration
    let watching: WatchMethod
    private let builder: IncrementalBuild
    private let channel = ReloadChannel()
    private let state = ServerState()
    private let log: @Sendable (String) -> Void
    private let showTimings: Bool

    public init(
        options: BuildOptions, port: UInt16, watching: WatchMethod = .automatic, pollInterval: Duration = .milliseconds(150),
        showTimings: Bool = false, log: @escaping @Sendable (String) -> Void
    ) {
        self.options = options
        self.port = port
        self.watching = watching
        self.showTimings = showTimings
        self.pollInterval = pollInterval
        self.log = log
        builder = IncrementalBuild(options: options)
    }

    /// Runs until the task is cancelled. The port is taken before the first
    /// build, so a port in use fails at once; port 0 takes a free one, named in
    /// the "serving" line. Watching starts before the first build, so an edit
    /// made while it runs is rebuilt right after.
    public func run() async throws {
        let files = StaticFiles(root: options.outputFolder)
        let handler = Handler(files: files, channel: channel, state: state)
        let listener = try HTTPListener(port: port) { handler.respond(to: $0) }
        let changes = try ChangeFeed(
            root: options.root, excluding: [options.outputFolder, options.root.appendingPathComponent(".quire-cache")],
            method: watching, pollInterval: pollInterval, log: log)
        defer { changes.stop() }
        await rebuild(reason: "initial build")

        let acceptor = Thread { listener.run() }
        acceptor.start()
        defer { listener.stop() }
        log(
            "serving \(options.outputFolder.lastPathComponent)/ at http://127.0.0.1:\(listener.port)/ — watching content/, templates/ and quire.yaml (\(changes.method))"
        )
        while let changed = await changes.next() {
            let names = changed.map { display($0) }
            await rebuild(reason: names.count == 1 ? names[0] : "\(names.count) files")
        }
    }

    private func rebuild(reason: String) async {
        let started = ContinuousClock.now
        let report = await builder.rebuild()
        let seconds = (ContinuousClock.now - started).seconds
        let rendered = DiagnosticRenderer(root: options.root).render(report.diagnostics)
        if !rendered.isEmpty { log(rendered.trimmingCharacters(in: .newlines)) }
        if showTimings { log(report.timings.report) }
        if report.succeeded {
            state.errors = nil
            log(
                String(
                    format: "rebuilt (%@) in %.3f s: %d of %d posts and pages rendered, %d files changed",
                    reason, seconds, report.itemsRendered, report.postCount + report.pageCount, report.filesChanged))
        } else {
            state.errors = DiagnosticRenderer(root: options.root).render(report.errors)
            log("build failed (\(reason)): \(report.errors.count) error(s); still serving the last good build")
        }
        channel.send(event: "reload", data: report.succeeded ? "ok" : "error")
    }

    private func display(_ path: String) -> String {
        let base = options.root.standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

/// The last rebuild's errors, shown over every page until a build succeeds.
/// Sendable: `text` is read and written under `lock`.
final class ServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    var errors: String? {
        get { lock.withLock { text } }
        set { lock.withLock { text = newValue } }
    }
}

struct Handler: Sendable {
    let files: StaticFiles
    let channel: ReloadChannel
    let state: ServerState

    func respond(to request: HTTPListener.Request) -> HTTPListener.Reply {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .init(
                status: 405, headers: [("Content-Type", "text/plain"), ("Allow", "GET, HEAD")], body: Data("only GET and HEAD\n".utf8))
        }
        // An absolute-form target ("http://host/path") is reduced to its path.
        var path = request.target
        if let scheme = path.range(of: "://"), let slash = path[scheme.upperBound...].firstIndex(of: "/") { path = String(path[slash...]) }
        if path.split(separator: "?", maxSplits: 1).first == "/__quire/events" {
            return .init(status: 200, headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")], events: channel)
        }
        let errors = state.errors
        switch files.lookup(path) {
        case .file(let url):
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                // A file that vanished or cannot be read between lookup and
                // read is an error to show, never an empty 200 page.
                return .init(
                    status: 500, headers: [("Content-Type", "text/plain")],
                    body: Data("cannot read \(url.lastPathComponent): \(error.localizedDescription)\n".utf8))
            }
            let type = StaticFiles.contentType(for: url)
            let body = type.hasPrefix("text/html") ? StaticFiles.inject(into: data, errors: errors) : data
            return .init(status: 200, headers: [("Content-Type", type), ("Cache-Control", "no-store")], body: body)
        case .redirect(let location):
            return .init(status: 301, headers: [("Location", location)])
        case .forbidden:
            return .init(status: 403, headers: [("Content-Type", "text/plain")], body: Data("forbidden\n".utf8))
        case .notFound:
            let page = try? Data(contentsOf: files.root.appendingPathComponent("404.html"))
            let body = page.map { StaticFiles.inject(into: $0, errors: errors) } ?? Data("not found\n".utf8)
            return .init(status: 404, headers: [("Content-Type", page == nil ? "text/plain" : "text/html; charset=utf-8")], body: body)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
