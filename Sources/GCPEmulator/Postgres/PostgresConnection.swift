import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One session on the emulator's PostgreSQL server over its Unix socket: the startup and
/// password exchange (the server checks the password: pg_hba's `password` method), then
/// simple queries. Blocking; used on the emulator's own threads, never on Swift
/// concurrency's pool.
final class PostgresConnection {
    enum Failure: Error, CustomStringConvertible {
        /// No server answers on the socket.
        case unreachable(String)
        /// The server refused the session: a FATAL such as a wrong password or a missing database.
        case refused(PostgresServerMessage)
        /// The session broke or the server said something this client does not speak.
        case broken(String)

        var description: String {
            switch self {
            case .unreachable(let reason): "the emulator's PostgreSQL server is unreachable: \(reason)"
            case .refused(let message): message.formatted
            case .broken(let reason): "the session with the emulator's PostgreSQL server broke: \(reason)"
            }
        }
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var position = 0

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Connects as `user` to `database`, answering a password request with `password`.
    static func open(socket path: String, user: String, database: String, password: String?) throws(Failure) -> PostgresConnection {
        let connection = try PostgresConnection(descriptor: connectUnixSocket(path))
        try connection.send(PostgresWire.startup([
            ("user", user), ("database", database), ("application_name", "gcp-emulator"), ("client_encoding", "UTF8"),
        ]))
        while true {
            let (type, body) = try connection.readMessage()
            switch type {
            case UInt8(ascii: "R"):
                var reader = PostgresMessageReader(body)
                switch (try? reader.int32()) ?? -1 {
                case 0: continue
                case 3:
                    guard let password else { throw .refused(PostgresServerMessage(
                        severity: "FATAL", code: "28P01", message: "password authentication failed for user \"\(user)\"")) }
                    try connection.send(PostgresWire.password(password))
                case let method: throw .broken("authentication method \(method) is not spoken by the emulator")
                }
            case UInt8(ascii: "E"): throw .refused(PostgresServerMessage(fields: body))
            case UInt8(ascii: "Z"): return connection
            default: continue  // ParameterStatus, BackendKeyData, NoticeResponse
            }
        }
    }

    /// Runs `sql` (one statement or several) as one simple query. Rows past `rowLimit` per
    /// statement, and every row once the values pass `byteLimit` bytes, are read and dropped.
    func query(_ sql: String, rowLimit: Int? = nil, byteLimit: Int = .max) throws(Failure) -> PostgresQueryOutcome {
        try send(PostgresWire.query(sql))
        var outcome = PostgresQueryOutcome()
        var current: PostgresQueryOutcome.Result?
        var bytes = 0
        while true {
            let (type, body) = try readMessage()
            var reader = PostgresMessageReader(body)
            do {
                switch type {
                case UInt8(ascii: "T"):
                    var columns: [PostgresQueryOutcome.Column] = []
                    for _ in 0..<(try reader.int16()) {
                        let name = try reader.cString()
                        _ = try reader.take(6)
                        let type = try reader.int32()
                        _ = try reader.take(8)
                        columns.append(.init(name: name, typeOID: type))
                    }
                    current = .init(columns: columns)
                case UInt8(ascii: "D"):
                    guard var result = current, rowLimit.map({ result.rows.count < $0 }) ?? true, !result.truncated else { continue }
                    var row: [String?] = []
                    var size = 0
                    for _ in 0..<(try reader.int16()) {
                        let length = try reader.int32()
                        row.append(length < 0 ? nil : String(decoding: try reader.take(length), as: UTF8.self))
                        size += max(length, 0)
                    }
                    if bytes + size > byteLimit {
                        result.truncated = true
                    } else {
                        bytes += size
                        result.rows.append(row)
                    }
                    current = result
                case UInt8(ascii: "C"):
                    var result = current ?? .init(columns: [])
                    result.tag = try reader.cString()
                    outcome.results.append(result)
                    current = nil
                case UInt8(ascii: "E"):
                    outcome.error = PostgresServerMessage(fields: body)
                    current = nil
                case UInt8(ascii: "N"):
                    outcome.notices.append(PostgresServerMessage(fields: body))
                case UInt8(ascii: "G"):
                    try send(PostgresWire.copyFail("COPY FROM STDIN has no data through the Data API"))
                case UInt8(ascii: "Z"):
                    outcome.transactionStatus = (try? reader.take(1).first).flatMap { $0 } ?? UInt8(ascii: "I")
                    return outcome
                default:
                    continue  // EmptyQueryResponse, CopyOutResponse and its data, notifications, parameter changes
                }
            } catch {
                throw .broken("a malformed message of type \(Character(UnicodeScalar(type)))")
            }
        }
    }

    /// Ends the session politely (the socket closes with the object).
    func terminate() { try? send(PostgresWire.terminate) }

    private static func connectUnixSocket(_ path: String) throws(Failure) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw .unreachable("socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        #if os(Linux)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw .unreachable(String(cString: strerror(errno))) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .unreachable(reason)
        }
        return descriptor
    }

    private func send(_ bytes: [UInt8]) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes { sendWithoutSIGPIPE(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw .broken(String(cString: strerror(errno)))
            }
            sent += result
        }
    }

    /// The next backend message: its type byte and body.
    private func readMessage() throws(Failure) -> (UInt8, [UInt8]) {
        try fill(5)
        let type = buffer[position]
        let length = buffer[position + 1..<position + 5].reduce(0) { $0 << 8 | Int($1) }
        guard length >= 4 else { throw .broken("a message of length \(length)") }
        try fill(1 + length)
        let body = Array(buffer[position + 5..<position + 1 + length])
        position += 1 + length
        return (type, body)
    }

    /// Reads until `count` unread bytes are buffered.
    private func fill(_ count: Int) throws(Failure) {
        if position > 0 && position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while buffer.count - position < count {
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else { throw .broken(received == 0 ? "the server closed the connection" : String(cString: strerror(errno))) }
            buffer += chunk[0..<received]
        }
    }
}

/// `send(2)` that answers EPIPE instead of raising SIGPIPE when the server has gone.
private func sendWithoutSIGPIPE(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if os(Linux)
    send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    send(descriptor, bytes, count, 0)
    #endif
}

/// What a simple query gave: each statement's columns, rows and command tag, the notices,
/// and the error that ended it, if any.
struct PostgresQueryOutcome: Sendable {
    struct Column: Sendable {
        var name: String
        var typeOID: Int
    }

    struct Result: Sendable {
        var columns: [Column]
        /// nil for SQL NULL.
        var rows: [[String?]] = []
        var tag = ""
        /// Rows were dropped because the answer passed its size limit.
        var truncated = false
    }

    var results: [Result] = []
    var notices: [PostgresServerMessage] = []
    var error: PostgresServerMessage?
    /// ReadyForQuery's status: `I` idle, `T` in a transaction block, `E` in a failed one.
    var transactionStatus = UInt8(ascii: "I")
}
