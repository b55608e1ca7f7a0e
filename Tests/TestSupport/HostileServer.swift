import Foundation
import GCPEmulator

#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on a loopback port that misbehaves on purpose, for the tests of
/// what gcpctl does when a server, or something posing as one, is broken or hostile: pages
/// that never end, bodies of gigabytes, gzip bombs, an answer that never comes, sizes near
/// `Int64.max`. Each request is answered as `decide` says (`HostileServer.Behaviour`), on a
/// thread of its own, and the connection is closed after it; with an `upstream` port it can
/// forward to the emulator and change the answer on the way back.
public final class HostileServer: @unchecked Sendable {
    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let listener: Int32
    private let upstream: Int?
    private let decide: @Sendable (Request) -> Behaviour
    private let state = NSLock()
    private var received: [Request] = []
    private var stopped = false
    private var threads = 0

    /// Listens on an ephemeral loopback port and answers each request as `decide` says.
    public init(upstream: Int? = nil, _ decide: @escaping @Sendable (Request) -> Behaviour) throws {
        self.upstream = upstream
        self.decide = decide
        (listener, port) = try Self.listen(backlog: 64)
        startThread { [self] in acceptLoop() }
    }

    /// Every request received so far, in order.
    public var requests: [Request] { state.withLock { received } }

    /// Stops accepting, ends every answer in progress (a `neverAnswer` included) and
    /// waits, within a bound, until each connection's thread has closed its socket.
    public func stop() {
        state.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        let deadline = Date().addingTimeInterval(10)
        while state.withLock({ threads }) > 0 && Date() < deadline { usleep(2000) }
        close(listener)
    }

    var isStopped: Bool { state.withLock { stopped } }

    // MARK: Threads

    private func startThread(_ body: @escaping @Sendable () -> Void) {
        state.withLock { threads += 1 }
        let thread = Thread { [self] in
            body()
            state.withLock { threads -= 1 }
        }
        thread.start()
    }

    private func acceptLoop() {
        while !isStopped {
            guard Self.waitReadable(listener, milliseconds: 50) else { continue }
            let connection = accept(listener, nil, nil)
            if connection < 0 { continue }
            startThread { [self] in
                serve(connection)
                close(connection)
            }
        }
    }

    private func serve(_ connection: Int32) {
        guard let request = readRequest(connection) else { return }
        state.withLock { received.append(request) }
        let connectionIO = Connection(socket: connection, server: self)
        switch decide(request) {
        case .answer(let status, let headers, let body):
            connectionIO.writeAnswer(status: status, headers: headers, body: body)
        case .neverAnswer:
            connectionIO.holdUntilClosed()
        case .endlessBody(let declaredLength):
            connectionIO.writeEndless(declaredLength: declaredLength, contentEncoding: nil, prefix: [], block: Array(repeating: UInt8(ascii: "a"), count: 65536))
        case .gzipBomb:
            connectionIO.writeEndless(declaredLength: nil, contentEncoding: "gzip", prefix: GzipBomb.prefix, block: GzipBomb.block(repeated: 4096))
        case .trickle(let milliseconds):
            connectionIO.writeTrickle(everyMilliseconds: milliseconds)
        case .forward(let rewrite):
            guard let upstream else {
                connectionIO.writeAnswer(status: 502, headers: [], body: Array("no upstream".utf8))
                return
            }
            connectionIO.forward(request, to: upstream, rewrite: rewrite)
        }
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        var request: Request?
        while !isStopped {
            if let headEnd, let parsed = request ?? Request.parse(head: Array(bytes[..<headEnd])) {
                request = parsed
                let length = Int(parsed.header("Content-Length") ?? "") ?? 0
                if bytes.count - headEnd - 4 >= length {
                    request?.body = Array(bytes[(headEnd + 4)..<(headEnd + 4 + length)])
                    return request
                }
            }
            guard Self.waitReadable(connection, milliseconds: 50) else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            bytes.append(contentsOf: buffer[0..<count])
            if headEnd == nil, bytes.count >= 4 {
                headEnd = (0...(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == separator }
            }
        }
        return nil
    }

    // MARK: Sockets

    static func listen(backlog: Int32) throws -> (socket: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HostileServerError.socket }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(socket, backlog) == 0 else {
            close(socket)
            throw HostileServerError.socket
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(socket, $0, &length) }
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func waitReadable(_ socket: Int32, milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }
}

public enum HostileServerError: Error { case socket }

extension HostileServer {
    /// What the server does with one request.
    public enum Behaviour: Sendable {
        /// An ordinary answer with this status, these headers and body.
        case answer(status: Int, headers: [(String, String)], body: [UInt8])
        /// Reads the request, then says nothing until the client gives up (or the server
        /// stops): a server that accepts and never answers.
        case neverAnswer
        /// A 200 whose body never ends: `Content-Length: declaredLength` (chunked when nil),
        /// then bytes for as long as the client reads.
        case endlessBody(declaredLength: Int?)
        /// A 200 with `Content-Encoding: gzip` whose few compressed bytes inflate to zeros
        /// without end (about 160 times their size), for as long as the client reads.
        case gzipBomb
        /// A 200 whose body comes one byte every `milliseconds`, without end: fast enough
        /// for any low-speed limit of a byte a second, too slow to ever finish.
        case trickle(milliseconds: Int)
        /// The upstream's (the emulator's) answer, its JSON body changed by `rewrite`.
        case forward(rewrite: @Sendable (Request, JSONValue) -> JSONValue)

        /// A 200 (or `status`) with `value` as its JSON body.
        public static func json(_ value: JSONValue, status: Int = 200) -> Behaviour {
            .answer(status: status, headers: [("Content-Type", "application/json")], body: value.serializedBytes)
        }

        /// The upstream's answer as it is.
        public static let forward = Behaviour.forward { _, body in body }
    }

    /// A request as the server read it.
    public struct Request: Sendable {
        public var method: String
        /// The path and query, as sent.
        public var target: String
        public var headers: [(String, String)]
        public var body: [UInt8] = []

        public var path: String { String(target.prefix { $0 != "?" }) }

        public func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }

        /// A query parameter's value, percent-decoded.
        public func query(_ name: String) -> String? {
            guard let question = target.firstIndex(of: "?") else { return nil }
            for pair in target[target.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.first.map(String.init) == name {
                    return parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
                }
            }
            return nil
        }

        static func parse(head: [UInt8]) -> Request? {
            let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
            let requestLine = lines[0].split(separator: " ")
            guard requestLine.count >= 2 else { return nil }
            var headers: [(String, String)] = []
            for line in lines.dropFirst() {
                let pair = line.split(separator: ":", maxSplits: 1)
                if pair.count == 2 { headers.append((String(pair[0]), pair[1].trimmingCharacters(in: .whitespaces))) }
            }
            return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers)
        }
    }
}

extension HostileServer {
    /// A port that takes no connection: it listens with a backlog of one that is kept full
    /// and never accepts, so a client's connection attempt waits until its connect timeout.
    public final class Unaccepted: @unchecked Sendable {
        public let port: Int
        public var baseURL: String { "http://127.0.0.1:\(port)" }
        private let listener: Int32
        private var fillers: [Int32] = []

        public init() throws {
            (listener, port) = try HostileServer.listen(backlog: 0)
            // Connections that fill the queue: the next one's SYN is dropped, not refused.
            for _ in 0..<3 {
                let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
                guard socket >= 0 else { continue }
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                _ = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                fillers.append(socket)
            }
        }

        public func stop() {
            fillers.forEach { close($0) }
            close(listener)
        }
    }
}
