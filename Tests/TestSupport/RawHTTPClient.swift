import Foundation
import GCPEmulator

#if canImport(Glibc)
import Glibc
#endif

/// A deliberately tiny HTTP/1.1 client over a POSIX socket, so that the emulator's tests
/// exercise real sockets without borrowing gcpctl's client. One request per connection
/// (`Connection: close`), each on a thread of its own so that many can run at once. Also
/// how the end-to-end tests talk to the `gcp-emulator` binary.
public struct RawHTTPClient: Sendable {
    public let port: Int
    public var token: String?

    public init(port: Int, token: String? = "test-token") {
        self.port = port
        self.token = token
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]

        public var text: String { String(decoding: body, as: UTF8.self) }
        public var json: JSONValue { (try? JSONValue.parse(body)) ?? .string(text) }
        /// The Google error status name, e.g. `INVALID_ARGUMENT`.
        public var errorStatus: String? { json["error"]?["status"]?.stringValue }
        public var errorMessage: String { json["error"]?["message"]?.stringValue ?? "" }
    }

    public enum Failure: Error { case connect, closedWithoutResponse, malformed }

    public func get(_ path: String, headers: [String: String] = [:]) async throws -> Response {
        try await send("GET", path, headers: headers)
    }

    public func post(_ path: String, json: JSONValue? = nil, headers: [String: String] = [:]) async throws -> Response {
        try await send("POST", path, body: json.map { $0.serializedBytes } ?? [], headers: headers)
    }

    public func send(_ method: String, _ path: String, json: JSONValue, headers: [String: String] = [:]) async throws -> Response {
        try await send(method, path, body: json.serializedBytes, headers: headers)
    }

    public func send(_ method: String, _ path: String, body: [UInt8] = [], headers: [String: String] = [:]) async throws -> Response {
        var allHeaders = ["Host": "127.0.0.1:\(port)", "Connection": "close", "Content-Length": String(body.count)]
        if let token { allHeaders["Authorization"] = "Bearer \(token)" }
        if !body.isEmpty, headers["Content-Type"] == nil { allHeaders["Content-Type"] = "application/json" }
        allHeaders.merge(headers) { _, given in given }
        var request = "\(method) \(path) HTTP/1.1\r\n"
        for (name, value) in allHeaders.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        let bytes = Array((request + "\r\n").utf8) + body
        let port = self.port
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try Self.exchange(bytes, port: port) })
            }
            thread.start()
        }
    }

    static func exchange(_ request: [UInt8], port: Int) throws -> Response {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure.connect }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.connect }
        var sent = 0
        while sent < request.count {
            let written = request[sent...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard written > 0 else { throw Failure.connect }
            sent += written
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        guard !received.isEmpty else { throw Failure.closedWithoutResponse }
        return try parse(received)
    }

    private static func parse(_ bytes: [UInt8]) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let split = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw Failure.malformed
        }
        let head = String(decoding: bytes[0..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure.malformed }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2 { headers[pair[0].lowercased()] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
        return Response(status: status, headers: headers, body: Array(bytes[(split + 4)...]))
    }
}
