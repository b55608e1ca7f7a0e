/// An error answer in Google's shape:
/// `{"error":{"code","message","status","errors":[{message,domain,reason}],"details":[...]}}`.
///
/// Every refusal the emulator makes goes through this type, so malformed requests always
/// get a Google-shaped body rather than a crash or an empty reply.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    public var status: String
    public var message: String
    public var reason: String
    public var domain: String = "global"
    public var details: [JSONValue] = []
    /// Extra response headers, e.g. `Retry-After` on 429.
    public var headers: [(String, String)] = []

    public var description: String { "\(code) \(status): \(message)" }

    public var json: JSONValue {
        var error: JSONValue = [
            "code": .int(code),
            "message": .string(message),
            "status": .string(status),
            "errors": [["message": .string(message), "domain": .string(domain), "reason": .string(reason)]],
        ]
        if !details.isEmpty { error["details"] = .array(details) }
        if status.isEmpty { error["status"] = nil }  // Compute's errors carry no canonical status
        return ["error": error]
    }

    public static func invalidArgument(_ message: String, reason: String = "badRequest", field: String? = nil) -> APIError {
        var error = APIError(code: 400, status: "INVALID_ARGUMENT", message: message, reason: reason)
        if let field {
            error.details = [[
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": [["field": .string(field), "description": .string(message)]],
            ]]
        }
        return error
    }

    public static func failedPrecondition(_ message: String, reason: String = "failedPrecondition") -> APIError {
        APIError(code: 400, status: "FAILED_PRECONDITION", message: message, reason: reason)
    }

    public static func unauthenticated(_ message: String) -> APIError {
        APIError(code: 401, status: "UNAUTHENTICATED", message: message, reason: "authError")
    }

    public static func permissionDenied(_ message: String, reason: String = "forbidden") -> APIError {
        APIError(code: 403, status: "PERMISSION_DENIED", message: message, reason: reason)
    }

    public static func notFound(_ message: String, reason: String = "notFound") -> APIError {
        APIError(code: 404, status: "NOT_FOUND", message: message, reason: reason)
    }

    public static func alreadyExists(_ message: String, reason: String = "alreadyExists") -> APIError {
        APIError(code: 409, status: "ALREADY_EXISTS", message: message, reason: reason)
    }

    public static func aborted(_ message: String, reason: String = "aborted") -> APIError {
        APIError(code: 409, status: "ABORTED", message: message, reason: reason)
    }

    public static func conflict(_ message: String, reason: String = "conflict") -> APIError {
        APIError(code: 409, status: "FAILED_PRECONDITION", message: message, reason: reason)
    }

    public static func preconditionFailed(_ message: String) -> APIError {
        APIError(code: 412, status: "FAILED_PRECONDITION", message: message, reason: "conditionNotMet")
    }

    public static func resourceExhausted(_ message: String, retryAfterSeconds: Int?) -> APIError {
        var error = APIError(code: 429, status: "RESOURCE_EXHAUSTED", message: message, reason: "rateLimitExceeded")
        error.details = [[
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com",
        ]]
        if let retryAfterSeconds { error.headers = [("Retry-After", String(retryAfterSeconds))] }
        return error
    }

    public static func unavailable(_ message: String) -> APIError {
        APIError(code: 503, status: "UNAVAILABLE", message: message, reason: "backendError")
    }

    public static func unimplemented(_ message: String) -> APIError {
        APIError(code: 501, status: "NOT_IMPLEMENTED", message: message, reason: "notImplemented")
    }

    public static func internalError(_ message: String) -> APIError {
        APIError(code: 500, status: "INTERNAL", message: message, reason: "backendError")
    }

    /// The status name Google uses for an HTTP code, for rules given only a code.
    public static func statusName(forCode code: Int) -> String {
        switch code {
        case 400: return "INVALID_ARGUMENT"
        case 401: return "UNAUTHENTICATED"
        case 403: return "PERMISSION_DENIED"
        case 404: return "NOT_FOUND"
        case 409: return "ABORTED"
        case 412: return "FAILED_PRECONDITION"
        case 429: return "RESOURCE_EXHAUSTED"
        case 501: return "NOT_IMPLEMENTED"
        case 503: return "UNAVAILABLE"
        case 504: return "DEADLINE_EXCEEDED"
        default: return code >= 500 ? "INTERNAL" : "UNKNOWN"
        }
    }
}
