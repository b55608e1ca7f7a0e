import Foundation
import GCPEmulator

#if canImport(Glibc)
import Glibc
#endif

extension HostileServer {
    /// Writing one answer on an accepted socket, giving up as soon as the client hangs up
    /// or the server stops.
    struct Connection {
        let socket: Int32
        let server: HostileServer

        /// Never more than this much of an endless body, whatever the client does.
        static let endlessLimit = 8 << 30

        func writeAnswer(status: Int, headers: [(String, String)], body: [UInt8]) {
            var head = "HTTP/1.1 \(status) Hostile\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            _ = write(Array((head + "\r\n").utf8) + body)
        }

        /// Headers, `prefix`, then `block` again and again (chunked unless a length is declared).
        func writeEndless(declaredLength: Int?, contentEncoding: String?, prefix: [UInt8], block: [UInt8]) {
            var head = "HTTP/1.1 200 Hostile\r\nContent-Type: application/json\r\nConnection: close\r\n"
            head += declaredLength.map { "Content-Length: \($0)\r\n" } ?? "Transfer-Encoding: chunked\r\n"
            if let contentEncoding { head += "Content-Encoding: \(contentEncoding)\r\n" }
            guard write(Array((head + "\r\n").utf8)) else { return }
            let chunked = declaredLength == nil
            func piece(_ bytes: [UInt8]) -> [UInt8] {
                chunked ? Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10] : bytes
            }
            if !prefix.isEmpty, !write(piece(prefix)) { return }
            let repeated = piece(block)
            var written = prefix.count
            while written < Self.endlessLimit, write(repeated) { written += block.count }
        }

        /// Headers, then a space (a chunk of one byte) every `milliseconds` until the client
        /// hangs up.
        func writeTrickle(everyMilliseconds milliseconds: Int) {
            let head = "HTTP/1.1 200 Hostile\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            guard write(Array(head.utf8)) else { return }
            repeat {
                usleep(useconds_t(milliseconds * 1000))  // the pace of the hostile answer, not a wait for anything
            } while write(Array("1\r\n \r\n".utf8))
        }

        /// Says nothing until the client closes the connection or the server stops.
        func holdUntilClosed() {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !server.isStopped {
                guard HostileServer.waitReadable(socket, milliseconds: 50) else { continue }
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return }
            }
        }

        /// Sends `request` to the emulator on `port` and answers with its reply, the JSON
        /// body changed by `rewrite`.
        func forward(_ request: Request, to port: Int, rewrite: @Sendable (Request, JSONValue) -> JSONValue) {
            let dropped: Set<String> = ["host", "connection", "content-length", "accept-encoding", "expect", "transfer-encoding"]
            var head = "\(request.method) \(request.target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
            head += "Content-Length: \(request.body.count)\r\n"
            for (name, value) in request.headers where !dropped.contains(name.lowercased()) { head += "\(name): \(value)\r\n" }
            guard let reply = try? RawHTTPClient.exchange(Array((head + "\r\n").utf8) + request.body, port: port) else {
                writeAnswer(status: 502, headers: [], body: Array("the upstream did not answer".utf8))
                return
            }
            var body = reply.body
            var headers: [(String, String)] = []
            if let contentType = reply.headers["content-type"] { headers.append(("Content-Type", contentType)) }
            if reply.headers["content-type"]?.hasPrefix("application/json") == true, let json = try? JSONValue.parse(reply.body) {
                body = rewrite(request, json).serializedBytes
            }
            writeAnswer(status: reply.status, headers: headers, body: body)
        }

        /// Writes all of `bytes`; false once the client has gone or the server stopped.
        private func write(_ bytes: [UInt8]) -> Bool {
            var sent = 0
            while sent < bytes.count {
                guard !server.isStopped else { return false }
                var descriptor = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
                guard poll(&descriptor, 1, 50) > 0 else { continue }
                if descriptor.revents & Int16(POLLERR | POLLHUP) != 0 { return false }
                let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)) }
                if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { continue }
                guard count > 0 else { return false }
                sent += count
            }
            return true
        }
    }
}

/// A gzip stream that inflates to zeros without end, written by hand with deflate's fixed
/// Huffman codes (RFC 1951 §3.2.6): one literal 0, then matches of length 258 at distance
/// 1, 13 bits each, in a block that never ends. Eight matches fill 13 bytes exactly, so
/// after a 13-byte prefix the stream is one 13-byte block repeated, each inflating to 2,064
/// bytes. No trailer is ever reached, so none is needed.
enum GzipBomb {
    /// The gzip header (RFC 1952: deflate, no name, mtime 0, unknown OS), the block's
    /// header, the literal and the first match: 24 bits, so what follows starts on a byte.
    static let prefix: [UInt8] = {
        var bits = BitWriter()
        bits.write(value: 0, count: 1)  // BFINAL: not the last block
        bits.write(value: 1, count: 2)  // BTYPE 01: fixed Huffman codes
        bits.writeCode(0b0011_0000, count: 8)  // literal 0
        writeMatch(&bits)
        return [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff] + bits.bytes
    }()

    /// Eight matches, repeated `count` times.
    static func block(repeated count: Int) -> [UInt8] {
        var bits = BitWriter()
        for _ in 0..<8 { writeMatch(&bits) }
        precondition(bits.bytes.count == 13)
        return Array([[UInt8]](repeating: bits.bytes, count: count).joined())
    }

    /// Length 258 (symbol 285, 8 bits, no extra bits) at distance 1 (code 0, 5 bits).
    private static func writeMatch(_ bits: inout BitWriter) {
        bits.writeCode(0b1100_0101, count: 8)
        bits.writeCode(0, count: 5)
    }

    /// Deflate's bit order: bytes filled from their least significant bit; numbers written
    /// least significant bit first, Huffman codes most significant bit first.
    struct BitWriter {
        var bytes: [UInt8] = []
        var used = 8

        mutating func write(bit: Int) {
            if used == 8 {
                bytes.append(0)
                used = 0
            }
            bytes[bytes.count - 1] |= UInt8(bit & 1) << used
            used += 1
        }

        mutating func write(value: Int, count: Int) {
            for index in 0..<count { write(bit: value >> index) }
        }

        mutating func writeCode(_ code: Int, count: Int) {
            for index in (0..<count).reversed() { write(bit: code >> index) }
        }
    }
}
