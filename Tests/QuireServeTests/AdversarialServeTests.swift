import Foundation
import Testing

extension ServeProcessTests {
    /// Hostile clients against a real `quire serve`: oversized request lines and
    /// headers, clients that never finish, a flood of idle connections, a port
    /// that is taken. Raw sockets come from Python, an independent client.
    @Suite struct AdversarialServeTests {
        /// Runs a Python snippet with the port as argv[1]; returns what it prints.
        static func python(_ script: String, port: Int, timeout: Double = 30) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, String(port)]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Sends `payload`, then prints the status code of the reply (or "none").
        static func statusScript(_ payload: String) -> String {
            """
            import socket, sys
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
            try:
                s.sendall(\(payload))
            except OSError:
                pass
            try:
                reply = s.recv(200).decode("latin-1")
                print(reply.split(" ")[1] if reply.startswith("HTTP/") else "none")
            except OSError as e:
                print("none")
            """
        }

        @Test func megabyteURLGets414AndTheServerKeepsServing() throws {
            let session = try ServeTests.Session()
            defer { session.stop() }
            let started = Date()
            let status = try Self.python(
                Self.statusScript(#"b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n""#), port: session.port)
            #expect(status == "414")
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(try session.get("/posts/live/", maxTime: 2).0 == 200)
        }

        @Test func megabyteHeaderGets431AndTheServerKeepsServing() throws {
            let session = try ServeTests.Session()
            defer { session.stop() }
            let status = try Self.python(
                Self.statusScript(#"b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 1_000_000 + b"\r\n\r\n""#), port: session.port)
            #expect(status == "431")
            let many = try Self.python(Self.statusScript(#"b"GET / HTTP/1.1\r\n" + b"X-A: 1\r\n" * 20_000 + b"\r\n""#), port: session.port)
            #expect(many == "431")
            #expect(try session.get("/posts/live/", maxTime: 2).0 == 200)
        }

        /// Forty clients that send half a request line and wait: others are served
        /// at once, and the server drops the stalled ones after its read timeout.
        @Test func stalledClientsNeverBlockOthersAndAreDroppedAfterTheReadTimeout() throws {
            let session = try ServeTests.Session()
            defer { session.stop() }
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = [
                "python3", "-c",
                """
                import socket, sys, time
                held = []
                for _ in range(40):
                    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
                    s.sendall(b"GET /posts/li")
                    held.append(s)
                closed = 0
                deadline = time.time() + 25
                for s in held:
                    s.settimeout(max(0.1, deadline - time.time()))
                    try:
                        if s.recv(100) is not None:
                            closed += 1
                    except OSError:
                        pass
                print(closed)
                """, String(session.port),
            ]
            let pipe = Pipe()
            holder.standardOutput = pipe
            try holder.run()
            Thread.sleep(forTimeInterval: 1)
            for _ in 0..<5 {
                let started = Date()
                #expect(try session.get("/posts/live/", maxTime: 3).0 == 200)
                #expect(Date().timeIntervalSince(started) < 1)
            }
            holder.waitUntilExit()
            let closed = Int(
                String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            )
            #expect(closed == 40, "the server should close every stalled connection within its read timeout")
        }

        /// More idle connections than the cap: the excess is turned away at once
        /// (503, never a hang), and the server serves normally once they go.
        @Test func floodOfIdleConnectionsIsCappedAndServingResumes() throws {
            let session = try ServeTests.Session()
            defer { session.stop() }
            let result = try Self.python(
                """
                import socket, sys
                port = int(sys.argv[1])
                held, refused = [], 0
                for _ in range(400):
                    try:
                        s = socket.create_connection(("127.0.0.1", port), timeout=5)
                        held.append(s)
                    except OSError:
                        refused += 1
                turned_away = 0
                for s in held:
                    s.settimeout(0.05)
                    try:
                        data = s.recv(100)
                        if data.startswith(b"HTTP/1.1 503") or data == b"":
                            turned_away += 1
                    except OSError:
                        pass
                print(turned_away + refused)
                for s in held:
                    s.close()
                """, port: session.port)
            #expect((Int(result) ?? 0) > 0, "no connection was turned away: \(result)")
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try session.get("/posts/live/", maxTime: 2).0 == 200)
        }

        @Test func portInUseFailsAtOnceNamingTheAddressAndAnotherPort() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-port-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("content/posts"), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            try FileManager.default.copyItem(
                at: repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
            try "title: T\nbase_url: https://t.example/\n".write(
                to: root.appendingPathComponent("quire.yaml"), atomically: true, encoding: .utf8)

            // Python holds the port and prints it, then waits for its stdin to close.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = [
                "python3", "-c",
                """
                import socket, sys
                s = socket.socket()
                s.bind(("127.0.0.1", 0))
                s.listen(1)
                print(s.getsockname()[1], flush=True)
                sys.stdin.read()
                """,
            ]
            let out = Pipe()
            let input = Pipe()
            holder.standardOutput = out
            holder.standardInput = input
            try holder.run()
            defer {
                try? input.fileHandleForWriting.close()
                holder.waitUntilExit()
            }
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) { line += out.fileHandleForReading.readData(ofLength: 1) }
            let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0

            let started = Date()
            let serve = Process()
            serve.executableURL = URL(fileURLWithPath: ServeTests.Session.quire)
            serve.arguments = ["serve", "--source", root.path, "--port", String(port)]
            let errors = Pipe()
            serve.standardError = errors
            try serve.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            serve.waitUntilExit()
            #expect(serve.terminationStatus != 0)
            #expect(message.contains("127.0.0.1:\(port) is in use; try --port "))
            #expect(Date().timeIntervalSince(started) < 4)
        }
    }
}
