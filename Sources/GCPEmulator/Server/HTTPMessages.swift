/// A whole HTTP request as the server received it (head and aggregated body).
public struct HTTPRequestMessage: Sendable {
    public var method: String
    /// The request target as received: path plus query, still percent-encoded.
    public var uri: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, uri: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// The path part of the URI, still percent-encoded.
    public var path: String {
        String(uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// The raw query string after `?`, or "".
    public var query: String {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? String(parts[1]) : ""
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// What the server writes back. Bodies always carry Content-Length (the server sets it).
public struct HTTPResponseMessage: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> HTTPResponseMessage {
        HTTPResponseMessage(
            status: status, headers: [("Content-Type", "application/json; charset=UTF-8")] + headers,
            body: value.serializedBytes)
    }

    public static func text(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> HTTPResponseMessage {
        HTTPResponseMessage(
            status: status, headers: [("Content-Type", "text/plain; charset=UTF-8")] + headers, body: Array(text.utf8))
    }

    public static func error(_ error: APIError) -> HTTPResponseMessage {
        .json(error.json, status: error.code, headers: error.headers)
    }
}

/// How the server should answer: a response after an optional delay, or a dropped
/// connection (an injected fault: the client sees the socket close with no response).
public enum HTTPReply: Sendable {
    case respond(HTTPResponseMessage, delayMilliseconds: Int)
    case drop(delayMilliseconds: Int)
}
