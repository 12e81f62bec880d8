import Foundation
import Testing

/// Every suite that starts a `quire serve` child process runs in here, one
/// test at a time. Foundation's Process on Linux can hand a child started on
/// one thread the descriptor another thread's Process watches for its own
/// child's exit; a long-lived server holding it makes that other Process
/// wait for ever. With one server alive at a time no wait can close a cycle.
@Suite(.serialized) enum ServeProcessTests {}

extension ServeProcessTests {
    /// Drives a real `quire serve` process with a real HTTP client (curl).
    @Suite struct ServeTests {
        final class Session {
            let root: URL
            private(set) var port = 0
            let process = Process()
            let log: URL

            init() throws {
                root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-serve-\(UUID().uuidString)")
                let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent()
                try FileManager.default.createDirectory(at: root.appendingPathComponent("content/posts"), withIntermediateDirectories: true)
                try FileManager.default.copyItem(
                    at: repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
                try "title: Served\nbase_url: https://served.example/\n".write(
                    to: root.appendingPathComponent("quire.yaml"), atomically: true, encoding: .utf8)
                try Self.post("First version.").write(
                    to: root.appendingPathComponent("content/posts/live.md"), atomically: true, encoding: .utf8)
                log = root.appendingPathComponent("serve.log")
                FileManager.default.createFile(atPath: log.path, contents: nil)
                process.executableURL = URL(fileURLWithPath: Self.quire)
                // Port 0: the system picks a free one, named in the "serving" line.
                process.arguments = ["serve", "--source", root.path, "--port", "0"]
                let handle = try FileHandle(forWritingTo: log)
                process.standardOutput = handle
                process.standardError = handle
                try process.run()
                try wait(for: "serving", timeout: 30)
                guard let address = logText.range(of: "at http://127.0.0.1:"),
                    let chosen = Int(logText[address.upperBound...].prefix { $0.isNumber })
                else { throw Failure("no port in the log:\n\(logText)") }
                port = chosen
            }

            static func post(_ body: String, date: String = "2026-01-01") -> String {
                "---\ntitle: Live\ndate: \(date)\n---\n\n\(body)\n"
            }

            static var quire: String {
                var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
                while folder.path != "/" {
                    let candidate = folder.appendingPathComponent("quire")
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue {
                        return candidate.path
                    }
                    folder = folder.deletingLastPathComponent()
                }
                return "quire"
            }

            var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

            func wait(for text: String, occurrences: Int = 1, timeout: Double) throws {
                let deadline = Date().addingTimeInterval(timeout)
                while Date() < deadline {
                    if logText.components(separatedBy: text).count - 1 >= occurrences { return }
                    guard process.isRunning else { throw Failure("quire serve exited: \(logText)") }
                    Thread.sleep(forTimeInterval: 0.05)
                }
                throw Failure("timed out waiting for '\(text)'; log:\n\(logText)")
            }

            /// (status, body) of a GET, with curl.
            func get(_ path: String, maxTime: Double = 5) throws -> (Int, String) {
                let result = try run(
                    "curl",
                    ["-s", "--path-as-is", "--max-time", String(maxTime), "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"])
                let status = Int(result.split(separator: "\n").last ?? "") ?? 0
                return (status, String(result.dropLast(String(status).count + 1)))
            }

            func edit(_ text: String) throws {
                try text.write(to: root.appendingPathComponent("content/posts/live.md"), atomically: true, encoding: .utf8)
            }

            func stop() {
                process.terminate()
                process.waitUntilExit()
                try? FileManager.default.removeItem(at: root)
            }
        }

        struct Failure: Error, CustomStringConvertible {
            var description: String
            init(_ text: String) { description = text }
        }

        static func run(_ program: String, _ arguments: [String]) throws -> String { try Session.run(program, arguments) }

        @Test func servesBuildsReloadsAndKeepsTheLastGoodPage() throws {
            let session = try Session()
            defer { session.stop() }
            let (status, page) = try session.get("/posts/live/")
            #expect(status == 200)
            #expect(page.contains("First version."))
            #expect(page.contains("new EventSource(\"/__quire/events\")"))
            #expect(
                !(try String(contentsOf: session.root.appendingPathComponent("site/posts/live/index.html"), encoding: .utf8)).contains(
                    "EventSource"),
                "the reload script is injected while serving, never written")

            // Listen for the reload event while editing.
            let events = Process()
            events.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            events.arguments = ["curl", "-s", "-N", "--max-time", "4", "http://127.0.0.1:\(session.port)/__quire/events"]
            let pipe = Pipe()
            events.standardOutput = pipe
            try events.run()
            Thread.sleep(forTimeInterval: 0.5)
            let edited = Date()
            try session.edit(Session.post("Second version."))
            var served = false
            while Date().timeIntervalSince(edited) < 2 {
                if try session.get("/posts/live/").1.contains("Second version.") {
                    served = true
                    break
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            #expect(served, "the edit was not served within 2 s; log:\n\(session.logText)")
            events.waitUntilExit()
            let stream = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(stream.contains("event: reload"), "no reload event: \(stream)")
            #expect(session.logText.contains("1 of 1 posts and pages rendered"))

            // A broken edit: the error is in the log and over the page, the last good page stays.
            try session.edit(Session.post("Broken version.", date: "2026-02-30"))
            try session.wait(for: "build failed", timeout: 5)
            let (brokenStatus, brokenPage) = try session.get("/posts/live/")
            #expect(brokenStatus == 200)
            #expect(brokenPage.contains("Second version."))
            #expect(
                brokenPage.contains("content/posts/live.md:3:7: error: &#39;date&#39;")
                    || brokenPage.contains("content/posts/live.md:3:7: error: 'date'"))
            #expect(
                session.logText.contains(
                    "content/posts/live.md:3:7: error: 'date' is not a real date: '2026-02-30' (February 2026 has 28 days)"))

            try session.edit(Session.post("Fixed version."))
            try session.wait(for: "rebuilt (content/posts/live.md)", occurrences: 2, timeout: 5)
            let fixed = try session.get("/posts/live/").1
            #expect(fixed.contains("Fixed version.") && !fixed.contains("quire-errors"))
        }

        @Test func unknownPathsGetThe404PageAndNothingLeavesTheOutputFolder() throws {
            let session = try Session()
            defer { session.stop() }
            let (status, page) = try session.get("/no/such/page/")
            #expect(status == 404)
            #expect(page.contains("Page not found"))
            for attack in [
                "/../quire.yaml", "/%2e%2e/quire.yaml", "/..%2fquire.yaml", "/posts/..%2f..%2fquire.yaml", "/%2e%2e%2f%2e%2e%2fetc/passwd",
                "/.quire-cache/",
            ] {
                let (code, body) = try session.get(attack)
                #expect(code == 403 || code == 404, "\(attack) → \(code)")
                #expect(!body.contains("base_url"), "\(attack) leaked quire.yaml")
            }
            try FileManager.default.createSymbolicLink(
                atPath: session.root.appendingPathComponent("site/escape").path, withDestinationPath: "/etc")
            #expect(try session.get("/escape/passwd").0 == 403)
            #expect(try session.get("/posts/live").0 == 301)
        }
    }
}

extension ServeProcessTests.ServeTests.Session {
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func run(_ program: String, _ arguments: [String]) throws -> String { try Self.run(program, arguments) }
}
