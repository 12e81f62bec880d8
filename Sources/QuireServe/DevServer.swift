import FlyingFox
import FlyingSocks
import Foundation
import QuireDiagnostics
import QuireSite

/// `quire serve`: builds, serves the output on 127.0.0.1, watches the sources,
/// rebuilds what changed and tells open tabs to reload. A broken edit shows its
/// errors in the terminal and over the page while the last good build stays up.
public final class DevServer: Sendable {
    public let options: BuildOptions
    public let port: UInt16
    let pollInterval: Duration
    private let builder: IncrementalBuild
    private let channel = ReloadChannel()
    private let state = ServerState()
    private let log: @Sendable (String) -> Void
    private let showTimings: Bool

    public init(options: BuildOptions, port: UInt16, pollInterval: Duration = .milliseconds(150), showTimings: Bool = false,
                log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.port = port
        self.showTimings = showTimings
        self.pollInterval = pollInterval
        self.log = log
        builder = IncrementalBuild(options: options)
    }

    /// Runs until the task is cancelled.
    public func run() async throws {
        let watcher = SiteWatcher(paths: ["content", "templates", "quire.yaml"].map { options.root.appendingPathComponent($0) })
        let initial = watcher.snapshot()
        await rebuild(reason: "initial build")

        let files = StaticFiles(root: options.outputFolder)
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), timeout: 3600, logger: .disabled, handler: Handler(files: files, channel: channel, state: state))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            log("serving \(options.outputFolder.lastPathComponent)/ at http://127.0.0.1:\(port)/ — watching content/, templates/ and quire.yaml")
            group.addTask {
                var snapshot = initial
                while !Task.isCancelled {
                    try await Task.sleep(for: self.pollInterval)
                    let next = watcher.snapshot()
                    let changed = SiteWatcher.changes(from: snapshot, to: next)
                    guard !changed.isEmpty else { continue }
                    snapshot = next
                    let names = changed.map { self.display($0) }
                    await self.rebuild(reason: names.count == 1 ? names[0] : "\(names.count) files")
                }
            }
            try await group.next()
            group.cancelAll()
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
            await state.setErrors(nil)
            log(String(format: "rebuilt (%@) in %.3f s: %d of %d posts and pages rendered, %d files changed",
                       reason, seconds, report.itemsRendered, report.postCount + report.pageCount, report.filesChanged))
        } else {
            await state.setErrors(DiagnosticRenderer(root: options.root).render(report.errors))
            log("build failed (\(reason)): \(report.errors.count) error(s); still serving the last good build")
        }
        await channel.send(event: "reload", data: report.succeeded ? "ok" : "error")
    }

    private func display(_ path: String) -> String {
        let base = options.root.standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// For tests: how many tabs are listening for reloads.
    public var listenerCount: Int { get async { await channel.count } }
}

actor ServerState {
    private(set) var errors: String?
    func setErrors(_ text: String?) { errors = text }
}

struct Handler: HTTPHandler {
    let files: StaticFiles
    let channel: ReloadChannel
    let state: ServerState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: [.contentType: "text/plain"], body: Data("only GET and HEAD\n".utf8))
        }
        // The raw target keeps the trailing slash that `request.path` drops.
        let path = request.target.path(percentEncoded: true)
        if path == "/__quire/events" {
            let frames = await channel.subscribe()
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                                body: HTTPBodySequence(from: EventStreamBody(frames: frames)))
        }
        let errors = await state.errors
        switch files.lookup(path) {
        case .file(let url):
            let data = (try? Data(contentsOf: url)) ?? Data()
            let type = StaticFiles.contentType(for: url)
            let body = type.hasPrefix("text/html") ? StaticFiles.inject(into: data, errors: errors) : data
            return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
        case .redirect(let location):
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: location], body: Data())
        case .forbidden:
            return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain"], body: Data("forbidden\n".utf8))
        case .notFound:
            let page = try? Data(contentsOf: files.root.appendingPathComponent("404.html"))
            let body = page.map { StaticFiles.inject(into: $0, errors: errors) } ?? Data("not found\n".utf8)
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: page == nil ? "text/plain" : "text/html; charset=utf-8"], body: body)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
