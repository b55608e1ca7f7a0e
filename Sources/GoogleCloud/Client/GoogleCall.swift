import Foundation

/// One call to a Google API, before endpoints, credentials and retries are applied.
public struct GoogleCall: Sendable {
    public var method: HTTPMethod
    public var api: GoogleAPI
    /// Relative to the API's root, as in the discovery document: `v1/projects/p/instances`,
    /// percent-encoded (`APIPath`).
    public var path: String
    public var query: [(String, String)]
    public var body: Data?
    public var contentType: String
    public var idempotency: Idempotency
    /// Rules beyond `RetryPredicates.standard` under which this call is repeated.
    public var retryAlso: [RetryPredicate]
    public var timeout: Duration?
    /// Sent besides the ones every call has (`Range` for part of an object's bytes).
    public var headers: [(String, String)] = []
    /// False for a best-effort read that the caller would rather skip than wait for (a
    /// build's log): one attempt, whatever failed.
    public var isRetried = true
    /// A URL Google handed out (a resumable upload's session URI), sent to instead of the
    /// API's root and `path`. The caller checks it is the API's own host.
    public var absoluteURL: String?
    /// Statuses besides 2xx that are an answer, not an error (308 for an upload not finished).
    public var acceptedStatuses: Set<Int> = []
    /// A POST that only reads (a SELECT through Cloud SQL's Data API): after it, a command
    /// has still changed nothing (`EndpointBreaker`).
    public var onlyReads = false

    public init(_ method: HTTPMethod, _ api: GoogleAPI, _ path: APIPath, query: [(String, String)] = [],
                body: Data? = nil, contentType: String = "application/json", idempotency: Idempotency? = nil,
                retryAlso: [RetryPredicate] = [], timeout: Duration? = nil) {
        self.method = method
        self.api = api
        self.path = path.encoded
        self.query = query
        self.body = body
        self.contentType = contentType
        self.idempotency = idempotency ?? (method == .post ? .nonIdempotent : .idempotent)
        self.retryAlso = retryAlso
        self.timeout = timeout
    }

    /// A JSON body, encoded the way Google's APIs read it.
    public init<Body: Encodable>(_ method: HTTPMethod, _ api: GoogleAPI, _ path: APIPath, query: [(String, String)] = [],
                                 json: Body, idempotency: Idempotency? = nil, retryAlso: [RetryPredicate] = []) throws {
        self.init(method, api, path, query: query, body: try GoogleJSON.encoder.encode(json),
                  idempotency: idempotency, retryAlso: retryAlso)
    }

    /// `POST storage.googleapis.com/storage/v1/b`: for messages.
    public var summary: String { "\(method.rawValue) \(api)/\(path)" }
}

public enum GoogleJSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static let decoder = JSONDecoder()
}

/// A call's successful answer.
public struct GoogleResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    public var attempts: Int
    /// A create retried after a lost reply met 409 ALREADY_EXISTS: its first attempt
    /// made the resource, so the call counts as done, but `body` is the 409's.
    public var alreadyExistedAfterRetry: Bool

    public func decode<T: Decodable>(_ type: T.Type = T.self, call: String = "") throws -> T {
        // No body is an empty answer only where none is documented (204, or a delete that
        // answers `{}`); a resource or an operation that comes back empty was cut off.
        if body.isEmpty && status != 204 && T.self != EmptyResponse.self {
            throw ResponseDecodingError(call: call, type: ResponseDecodingError.readableName(of: T.self), detail: "empty", bodyPrefix: "")
        }
        do {
            return try GoogleJSON.decoder.decode(T.self, from: body.isEmpty ? Data("{}".utf8) : body)
        } catch {
            throw ResponseDecodingError(call: call, type: ResponseDecodingError.readableName(of: T.self), detail: ResponseDecodingError.describe(error),
                                        bodyPrefix: String(decoding: body.prefix(120), as: UTF8.self))
        }
    }
}

/// A 2xx answer whose body is not what the API documents (truncated, not JSON, wrong shape).
public struct ResponseDecodingError: Error, Sendable, CustomStringConvertible {
    public var call: String
    public var type: String
    public var detail: String
    public var bodyPrefix: String

    public var description: String {
        "\(call): the response could not be read as \(type) (\(detail)). This is likely a proxy or a service problem; retry, and report it if it persists."
    }

    /// `Optional<Secret>` → `Secret`: the resource, not the Swift type that holds it.
    static func readableName(of type: Any.Type) -> String {
        var name = String(describing: type)
        while name.hasPrefix("Optional<") && name.hasSuffix(">") { name = String(name.dropFirst("Optional<".count).dropLast()) }
        if name.hasPrefix("Array<") && name.hasSuffix(">") { name = "a list of " + name.dropFirst("Array<".count).dropLast() }
        return name
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON or truncated" : "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default:
            return "unreadable"
        }
    }
}
