/// Waiting for a task that several callers share (the project number, a read status makes
/// once for two resources).
extension Task where Success: Sendable, Failure == any Error {
    /// The task's value, or `CancellationError` as soon as the caller is cancelled. Awaiting
    /// `value` itself ignores the caller's cancellation, so a caller whose deadline passed
    /// would wait for a shared request as long as the transport lets it run (status past
    /// `--timeout`). The task goes on for the callers still waiting.
    func sharedValue() async throws -> Success {
        let waiter = SharedTaskWaiter<Success>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiter.install(continuation)
                Task<Void, Never> { waiter.finish(with: await self.result) }
            }
        } onCancel: {
            waiter.finish(with: .failure(Swift.CancellationError()))
        }
    }
}

/// Resumes a continuation once, with whichever comes first: the task's outcome or the
/// caller's cancellation, which may even come before the continuation exists.
private final class SharedTaskWaiter<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var early: Result<Value, any Error>?
        var finished = false
    }

    private let state = Locked(State())

    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        let early = state.withLock { state -> Result<Value, any Error>? in
            guard let early = state.early else {
                state.continuation = continuation
                return nil
            }
            state.finished = true
            return early
        }
        if let early { continuation.resume(with: early) }
    }

    func finish(with outcome: Result<Value, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard !state.finished, state.early == nil else { return nil }
            guard let continuation = state.continuation else {
                state.early = outcome
                return nil
            }
            state.continuation = nil
            state.finished = true
            return continuation
        }
        continuation?.resume(with: outcome)
    }
}
