/// PostgreSQL's frontend/backend protocol 3.0 ("Frontend/Backend Protocol", "Message
/// Formats" in PostgreSQL's documentation): the few messages the emulator sends, and a
/// reader for the fields of the server's.
enum PostgresWire {
    static let protocolVersion: Int32 = 196_608

    /// StartupMessage: no type byte, the protocol version, then name/value pairs.
    static func startup(_ parameters: [(String, String)]) -> [UInt8] {
        var body = int32(protocolVersion)
        for (name, value) in parameters { body += cString(name) + cString(value) }
        body.append(0)
        return int32(Int32(body.count + 4)) + body
    }

    static func password(_ password: String) -> [UInt8] { message("p", cString(password)) }

    /// A simple Query: one or more statements, run in one implicit transaction.
    static func query(_ sql: String) -> [UInt8] { message("Q", cString(sql)) }

    /// The answer to a CopyInResponse: the Data API has no data to send.
    static func copyFail(_ reason: String) -> [UInt8] { message("f", cString(reason)) }

    static let terminate = message("X", [])

    private static func message(_ type: Character, _ body: [UInt8]) -> [UInt8] {
        [type.asciiValue ?? 0] + int32(Int32(body.count + 4)) + body
    }

    private static func int32(_ value: Int32) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian, Array.init)
    }

    private static func cString(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }
}

/// Reads the fields of one backend message's body in order.
struct PostgresMessageReader {
    struct Truncated: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func int16() throws(Truncated) -> Int {
        let raw = try take(2)
        return Int(Int16(bitPattern: UInt16(raw[0]) << 8 | UInt16(raw[1])))
    }

    mutating func int32() throws(Truncated) -> Int {
        let raw = try take(4)
        return Int(Int32(bitPattern: raw.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
    }

    mutating func cString() throws(Truncated) -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw Truncated() }
        defer { offset = end + 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    mutating func take(_ count: Int) throws(Truncated) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else { throw Truncated() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}

/// An ErrorResponse or NoticeResponse: severity, SQLSTATE code and message.
struct PostgresServerMessage: Sendable, Error, Equatable {
    var severity: String
    var code: String
    var message: String

    init(severity: String, code: String, message: String) {
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// From the message's fields (a type byte, a string, …, a zero byte).
    init(fields body: [UInt8]) {
        var reader = PostgresMessageReader(body)
        var fields: [UInt8: String] = [:]
        while let type = try? reader.take(1).first, type != 0, let value = try? reader.cString() { fields[type] = value }
        // "V" is the severity never translated; "S" may be localised.
        severity = fields[UInt8(ascii: "V")] ?? fields[UInt8(ascii: "S")] ?? "ERROR"
        code = fields[UInt8(ascii: "C")] ?? "XX000"
        message = fields[UInt8(ascii: "M")] ?? "unknown error"
    }

    /// As the Data API words a PostgreSQL message: `ERROR: relation "t" does not exist (SQLSTATE 42P01)`.
    var formatted: String { "\(severity): \(message) (SQLSTATE \(code))" }
}
