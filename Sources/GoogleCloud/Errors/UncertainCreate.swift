/// A create Google would perform twice if repeated (Secret Manager addVersion, Cloud Build
/// builds.create) sent safely: after a failure that may have reached Google, look for what
/// the first attempt made before sending it again.
public struct UncertainCreate: Sendable {
    /// The client's retry policy: as many attempts, with its backoff between them. A
    /// create that is never repeated blindly deserves the same patience as one that is.
    public var policy: RetryPolicy

    public init(following policy: RetryPolicy) {
        self.policy = policy
    }

    /// A 5xx, or a connection lost or timed out once the request was sent: Google may or
    /// may not have acted on it. (429 and unsent requests are retried by the client.)
    public static func mayHaveBeenApplied(_ error: any Error) -> Bool {
        if let error = error as? TransportError { return !error.requestNeverSent }
        if let error = error as? GoogleAPIError { return [500, 502, 503, 504].contains(error.httpStatus) }
        return false
    }

    /// `existing` finds what an earlier attempt made (nil: nothing); `lookFirst` looks before
    /// the first attempt too. `uncertain` hears each failure that leads to a look.
    public func run<Made: Sendable>(
        lookFirst: Bool = false, existing: () async throws -> Made?, create: () async throws -> Made,
        uncertain: (any Error) -> Void = { _ in }
    ) async throws -> Made {
        var attempt = 1
        var look = lookFirst
        while true {
            if look, let made = try await existing() { return made }
            do {
                return try await create()
            } catch where attempt < policy.maxAttempts && Self.mayHaveBeenApplied(error) {
                uncertain(error)
                try await Task.sleep(for: policy.delay(afterAttempt: attempt))
                attempt += 1
                look = true
            }
        }
    }
}
