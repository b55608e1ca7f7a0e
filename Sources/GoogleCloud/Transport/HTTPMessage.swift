import Foundation

public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE", head = "HEAD"
}

/// Header fields in the order they were added; names compare case-insensitively.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}
    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name, value) }
    }

    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    public mutating func replace(_ name: String, _ value: String) {
        fields.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        add(name, value)
    }

    public subscript(_ name: String) -> String? {
        fields.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name.lowercased())
            hasher.combine(field.value)
        }
    }
}

public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: Data?
    /// Overrides the transport's total timeout for this request.
    public var timeout: Duration?
    /// Plain http to a host that is not loopback. Only the metadata server, which Google
    /// serves over plain http on a link-local address, sets this.
    public var allowsCleartext: Bool
    /// Never through a proxy, whatever the proxy variables say: the metadata server's
    /// requests, wherever `GCE_METADATA_HOST` points.
    public var bypassesProxy: Bool

    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: Data? = nil,
                timeout: Duration? = nil, allowsCleartext: Bool = false, bypassesProxy: Bool = false) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.allowsCleartext = allowsCleartext
        self.bypassesProxy = bypassesProxy
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// "1.1" or "2".
    public var httpVersion: String

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data(), httpVersion: String = "1.1") {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// The seam between gcpctl and the network. `CurlTransport` is the product; every test of
/// a higher layer still goes through it against the emulator on a loopback port.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
