/// How long to wait between attempts and when to give up, as Google's client libraries
/// do: exponential backoff from `initialBackoff`, doubling, capped at `maxBackoff`, with
/// full jitter; never less than a server's `Retry-After`; at most `maxAttempts` attempts
/// and never past `deadline` from the first.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// Attempts that may end in a timeout (no connection in time, no answer, a stall)
    /// before the call fails: a server that kept gcpctl waiting twice is not answering, and
    /// waiting `maxAttempts` times would hold a command for minutes.
    public var maxTimeouts = 2
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    public var multiplier: Double
    public var deadline: Duration
    /// Picks the actual wait in 0...ceiling. Swap in a fixed function in tests.
    public var jitter: @Sendable (Duration) -> Duration

    public init(maxAttempts: Int = 8, initialBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(32),
                multiplier: Double = 2, deadline: Duration = .seconds(300),
                jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.fullJitter) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.multiplier = multiplier
        self.deadline = deadline
        self.jitter = jitter
    }

    public static let `default` = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1`, after `attempt` (1-based) failed.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        var ceiling = Double(initialBackoff.milliseconds)
        for _ in 1..<max(attempt, 1) { ceiling *= multiplier }
        let capped = Duration.milliseconds(Int(min(ceiling, Double(maxBackoff.milliseconds))))
        let wait = jitter(capped)
        if let retryAfter, retryAfter > wait { return min(retryAfter, max(maxBackoff, retryAfter)) }
        return wait
    }

    public static let fullJitter: @Sendable (Duration) -> Duration = { ceiling in
        let milliseconds = ceiling.milliseconds
        return milliseconds <= 0 ? .zero : .milliseconds(Int.random(in: 0...milliseconds))
    }
}

/// Whether repeating a request can do harm, which decides what failures may be retried.
public enum Idempotency: Sendable, Equatable {
    /// Reads, updates, deletes: repeating converges.
    case idempotent
    /// A create whose name is in the request: a repeat after a lost reply meets 409
    /// ALREADY_EXISTS, which then counts as done.
    case createWithFixedName
    /// Repeating makes a second thing (Secret Manager addVersion, Cloud Build builds.create,
    /// service account keys): retried only when the request certainly went unprocessed.
    case nonIdempotent
}
