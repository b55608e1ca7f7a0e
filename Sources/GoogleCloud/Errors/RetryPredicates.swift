/// Every "this failure is worth another attempt" rule, each with the real failure it
/// answers. `GoogleCloudClient` applies `standard`; callers add the specific ones.
public struct RetryPredicate: Sendable {
    public let name: String
    let matches: @Sendable (Failure, Idempotency) -> Bool

    public init(name: String, matches: @escaping @Sendable (Failure, Idempotency) -> Bool) {
        self.name = name
        self.matches = matches
    }

    public enum Failure: Sendable {
        case api(GoogleAPIError)
        case transport(TransportError)
    }

    public func matches(_ failure: Failure, _ idempotency: Idempotency) -> Bool { matches(failure, idempotency) }
}

public enum RetryPredicates {
    /// 429: quota or rate limit; the request was refused, not processed.
    public static let rateLimited = RetryPredicate(name: "rate limited") { failure, _ in
        if case .api(let error) = failure { return error.httpStatus == 429 }
        return false
    }

    /// 408, 502, 503, 504: the front end gave up; the request may or may not have run.
    public static let unavailable = RetryPredicate(name: "service unavailable") { failure, idempotency in
        guard idempotency != .nonIdempotent, case .api(let error) = failure else { return false }
        return [408, 502, 503, 504].contains(error.httpStatus)
    }

    /// 500: retried only where a repeat is harmless.
    public static let internalError = RetryPredicate(name: "internal error") { failure, idempotency in
        guard idempotency != .nonIdempotent, case .api(let error) = failure else { return false }
        return error.httpStatus == 500
    }

    /// Connection refused, name not resolved: nothing reached the server.
    public static let neverSent = RetryPredicate(name: "connection failed") { failure, _ in
        if case .transport(let error) = failure { return error.requestNeverSent && error.kind != .cleartextRefused && error.kind != .invalidURL }
        return false
    }

    /// Reset, dropped, timed out or unanswered mid-request: the server may have acted on it.
    public static let connectionLost = RetryPredicate(name: "connection lost") { failure, idempotency in
        guard idempotency != .nonIdempotent, case .transport(let error) = failure else { return false }
        return error.kind == .connectionLost || error.kind == .timedOut || error.kind == .noAnswer
    }

    /// Cloud SQL runs one operation at a time per instance and refuses a second with 409
    /// `operationInProgress`; the refused call did nothing, so wait and repeat it.
    public static let sqlOperationInProgress = RetryPredicate(name: "Cloud SQL operation in progress") { failure, _ in
        if case .api(let error) = failure { return error.httpStatus == 409 && error.hasReason("operationInProgress") }
        return false
    }

    /// A service account just created is not yet known to IAM for up to a minute;
    /// setIamPolicy naming it answers 400 "Service account … does not exist".
    public static let serviceAccountNotYetVisible = RetryPredicate(name: "service account not yet visible") { failure, _ in
        guard case .api(let error) = failure, error.httpStatus == 400 else { return false }
        return error.message.contains("does not exist") && error.message.lowercased().contains("service account")
    }

    /// A freshly enabled API can answer 403 SERVICE_DISABLED for a minute.
    public static let apiStillEnabling = RetryPredicate(name: "API still being enabled") { failure, _ in
        if case .api(let error) = failure { return error.disabledService != nil }
        return false
    }

    public static let standard = [rateLimited, unavailable, internalError, neverSent, connectionLost, sqlOperationInProgress]
}
