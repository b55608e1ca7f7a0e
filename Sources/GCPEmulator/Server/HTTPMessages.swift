/// A whole HTTP request as the server received it (head and aggregated body).
public struct HTTPRequestMessage: Sendable {
    public var method: String
    /// The request target as received: path plus query, still percent-encoded.
    public var uri: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    /// An absolute-form target (`http://host/path`, as clients send through a proxy) is
    /// kept in origin form (`/path`), its authority becoming the `Host`, as RFC 9112 asks.
    public init(method: String, uri: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        let (origin, authority) = Self.originForm(uri)
        self.uri = origin
        self.headers = authority.map { host in headers.filter { $0.0.lowercased() != "host" } + [("Host", host)] } ?? headers
        self.body = body
    }

    private static func originForm(_ uri: String) -> (uri: String, authority: String?) {
        guard uri.hasPrefix("http://") || uri.hasPrefix("https://"), let scheme = uri.range(of: "://") else { return (uri, nil) }
        let rest = uri[scheme.upperBound...]
        let split = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let target = String(rest[split...])
        return (target.hasPrefix("/") ? target : "/" + target, String(rest[..<split]))
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
