/// Waits for a long-running operation: polls with growing intervals, reports progress
/// while it waits, gives up after a timeout, surfaces the operation's own error.
/// Each API's operation style (Operations/*.swift) supplies the `poll` step.
public struct OperationPoller: Sendable {
    public var initialInterval: Duration
    public var maxInterval: Duration
    public var multiplier: Double
    let sleep: @Sendable (Duration) async throws -> Void

    public init(initialInterval: Duration = .milliseconds(500), maxInterval: Duration = .seconds(10), multiplier: Double = 1.5,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.initialInterval = initialInterval
        self.maxInterval = maxInterval
        self.multiplier = multiplier
        self.sleep = sleep
    }

    public enum Poll<T: Sendable>: Sendable {
        case pending(status: String?)
        case done(T)
    }

    public func wait<T: Sendable>(
        for what: String, timeout: Duration,
        progress: (@Sendable (OperationProgress) -> Void)? = nil,
        poll: () async throws -> Poll<T>
    ) async throws -> T {
        let started = ContinuousClock.now
        var interval = initialInterval
        while true {
            try Task.checkCancellation()
            switch try await poll() {
            case .done(let value):
                return value
            case .pending(let status):
                let elapsed = ContinuousClock.now - started
                progress?(OperationProgress(what: what, status: status, elapsed: elapsed))
                guard elapsed < timeout else { throw OperationError.timedOut(what: what, after: elapsed) }
                try await sleep(min(interval, max(.zero, timeout - elapsed)))
                interval = min(maxInterval, .milliseconds(Int(Double(interval.milliseconds) * multiplier)))
            }
        }
    }
}

public struct OperationProgress: Sendable {
    public var what: String
    public var status: String?
    public var elapsed: Duration

    public init(what: String, status: String?, elapsed: Duration) {
        self.what = what
        self.status = status
        self.elapsed = elapsed
    }
}

public enum OperationError: Error, Sendable, CustomStringConvertible {
    case failed(what: String, message: String)
    case timedOut(what: String, after: Duration)

    public var description: String {
        switch self {
        case .failed(let what, let message):
            "\(what) failed: \(message)"
        case .timedOut(let what, let after):
            "\(what) did not finish within \(after.components.seconds) s. It may still be running on Google's side; run the command again to pick it up."
        }
    }
}
