import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The dev server's HTTP/1.1 front: one thread per connection, one request per
/// connection, and every resource a client can claim is bounded — the request
/// line and header size (414, 431), the time to send them (408), the number of
/// open connections (503 beyond the cap) and the time a reply may wait on a
/// client that does not read. A slow or hostile client costs one thread for a
/// few seconds and never delays another.
final class HTTPListener: Sendable {
    struct Limits: Sendable {
        var maxRequestLine = 8 * 1024
        var maxHeaderBytes = 32 * 1024
        /// Longest wait for a client's next bytes, and for the whole request head.
        var readTimeout: Double = 5
        var headTimeout: Double = 10
        var writeTimeout: Double = 10
        var maxConnections = 64
    }

    struct Request: Sendable {
        var method: String
        var target: String
    }

    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: Data
        /// Server-Sent Events: after the head, frames until the client leaves.
        var events: ReloadChannel?

        init(status: Int, headers: [(String, String)] = [], body: Data = Data(), events: ReloadChannel? = nil) {
            self.status = status
            self.headers = headers
            self.body = body
            self.events = events
        }
    }

    struct PortInUse: Error, CustomStringConvertible, LocalizedError {
        var port: UInt16
        var description: String { "127.0.0.1:\(port) is in use; try --port \(port == UInt16.max ? port - 1 : port + 1)" }
        var errorDescription: String? { description }
    }

    struct SocketFailure: Error, CustomStringConvertible {
        var operation: String
        var code: Int32
        var description: String { "cannot \(operation) the server socket: \(String(cString: strerror(code)))" }
    }

    let port: UInt16
    let limits: Limits
    private let descriptor: Int32
    private let handler: @Sendable (Request) -> Reply
    private let open = Counter()

    /// Binds 127.0.0.1:port at once, so a taken port fails before any build.
    init(port: UInt16, limits: Limits = Limits(), handler: @escaping @Sendable (Request) -> Reply) throws {
        self.limits = limits
        self.handler = handler
        signal(SIGPIPE, SIG_IGN)
        #if canImport(Glibc)
            let stream = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let stream = SOCK_STREAM
        #endif
        descriptor = socket(AF_INET, stream, 0)
        guard descriptor >= 0 else { throw SocketFailure(operation: "create", code: errno) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { [descriptor] in
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            if code == EADDRINUSE { throw PortInUse(port: port) }
            throw SocketFailure(operation: "bind 127.0.0.1:\(port) for", code: code)
        }
        guard listen(descriptor, 256) == 0 else {
            let code = errno
            close(descriptor)
            throw SocketFailure(operation: "listen on", code: code)
        }
        // Port 0 asks the system for a free port; report the one it chose.
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { [descriptor] in
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.port = named == 0 ? UInt16(bigEndian: address.sin_port) : port
    }

    /// Accepts until `stop()`; call on a thread of its own.
    func run() {
        while true {
            let client = accept(descriptor, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE {
                    if errno == EMFILE || errno == ENFILE { usleep(50_000) }
                    continue
                }
                return
            }
            Self.setTimeout(client, SO_RCVTIMEO, limits.readTimeout)
            Self.setTimeout(client, SO_SNDTIMEO, limits.writeTimeout)
            guard open.increment() <= limits.maxConnections else {
                // Turned away at once; never waits on this client.
                Self.sendAll(
                    client, Self.head(status: 503, headers: [("Content-Type", "text/plain")], length: 5) + Data("busy\n".utf8),
                    flags: Int32(MSG_DONTWAIT))
                close(client)
                open.decrement()
                continue
            }
            let thread = Thread { [self] in
                serve(client)
                close(client)
                open.decrement()
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }

    private func serve(_ client: Int32) {
        let request: Request
        switch readHead(client) {
        case .request(let parsed): request = parsed
        case .refuse(let status): return refuse(client, status: status)
        case .gone: return
        }
        let reply = handler(request)
        var headers = reply.headers
        headers.append(("Connection", "close"))
        if let channel = reply.events {
            guard Self.sendAll(client, Self.head(status: reply.status, headers: headers, length: nil)) else { return }
            stream(channel, to: client)
            return
        }
        var bytes = Self.head(status: reply.status, headers: headers, length: reply.body.count)
        if request.method != "HEAD" { bytes += reply.body }
        Self.sendAll(client, bytes)
    }

    enum Head {
        case request(Request)
        case refuse(Int)
        case gone
    }

    /// Reads up to the blank line after the headers, within the size and time limits.
    /// Cost: linear in the bytes read, which are at most the two limits combined.
    func readHead(_ client: Int32) -> Head {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(limits.headTimeout)
        var lineEnd: Int?
        var searchFrom = 0
        while true {
            if lineEnd == nil, let newline = buffer.firstIndex(of: 10) { lineEnd = newline }
            if let end = Self.endOfHead(buffer, from: searchFrom) {
                guard let line = lineEnd else { return .refuse(400) }
                if line > limits.maxRequestLine { return .refuse(414) }
                if end - line > limits.maxHeaderBytes { return .refuse(431) }
                return Self.parse(buffer[..<line]).map(Head.request) ?? .refuse(400)
            }
            if lineEnd == nil, buffer.count > limits.maxRequestLine { return .refuse(414) }
            if let line = lineEnd, buffer.count - line > limits.maxHeaderBytes { return .refuse(431) }
            if Date() > deadline { return .refuse(408) }
            searchFrom = max(0, buffer.count - 3)
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer += chunk[..<count]
                continue
            }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { return buffer.isEmpty ? .gone : .refuse(408) }
            return .gone
        }
    }

    static func endOfHead(_ buffer: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < buffer.count {
            if buffer[index] == 10 {
                if buffer[index + 1] == 10 { return index + 2 }
                if buffer[index + 1] == 13, index + 2 < buffer.count, buffer[index + 2] == 10 { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    static func parse(_ line: ArraySlice<UInt8>) -> Request? {
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        return Request(method: String(parts[0]), target: String(parts[1]))
    }

    /// Answers a request it will not serve, then reads (and drops) what the client
    /// is still sending for a moment, so closing does not reset the connection
    /// before the client has read the answer.
    private func refuse(_ client: Int32, status: Int) {
        let body = Data("\(Self.reason(status))\n".utf8)
        guard
            Self.sendAll(
                client,
                Self.head(status: status, headers: [("Content-Type", "text/plain"), ("Connection", "close")], length: body.count) + body)
        else { return }
        shutdown(client, Int32(SHUT_WR))
        Self.setTimeout(client, SO_RCVTIMEO, 0.2)
        var sink = [UInt8](repeating: 0, count: 16_384)
        let until = Date().addingTimeInterval(1)
        var drained = 0
        while Date() < until, drained < 4 << 20 {
            let count = sink.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            drained += count
        }
    }

    private func stream(_ channel: ReloadChannel, to client: Int32) {
        let listener = channel.subscribe()
        defer { channel.unsubscribe(listener) }
        while true {
            // A comment every 15 s finds clients that left without closing.
            let frame = channel.next(for: listener, waiting: 15) ?? ": keep-alive\n\n"
            guard Self.sendAll(client, Data(frame.utf8)) else { return }
        }
    }

    static func head(status: Int, headers: [(String, String)], length: Int?) -> Data {
        var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let length { text += "Content-Length: \(length)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 414: "URI Too Long"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    @discardableResult
    static func sendAll(_ client: Int32, _ data: Data, flags: Int32 = 0) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(client, buffer.baseAddress! + offset, buffer.count - offset, flags | Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    static func setTimeout(_ client: Int32, _ option: Int32, _ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(client, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sendable: `value` is read and written under `lock`.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
        func decrement() { lock.withLock { value -= 1 } }
    }
}
