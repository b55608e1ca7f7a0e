import GoogleCloud

/// Issue 15 point 12: a command whose endpoint cannot be reached or does not answer stops,
/// says so once and exits 1, instead of reporting the same failure for every resource it
/// read. It stops only while it has changed nothing: a command halfway through its changes
/// goes on to report each of them, as it would after any other failure. A read-only
/// command also stops at its deadline (`CommandDeadline`).
final class UnreachableEndpointStop: Sendable {
    private struct State {
        var reached: EndpointBreaker.Unreachable?
        var deadlinePassed: CommandDeadlineError?
        var waiter: CheckedContinuation<Bool, Never>?
    }

    private let reporter: Reporter
    private let state = Locked(State())

    init(reporter: Reporter) {
        self.reporter = reporter
    }

    /// Wired as the client's `onUnreachable`. From here on the command says nothing more
    /// (what its parts would say is this same failure) until `run` reports it.
    func endpointFailed(_ event: EndpointBreaker.Unreachable) {
        guard !event.changesSent else { return }
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard state.reached == nil else { return nil }
            state.reached = event
            defer { state.waiter = nil }
            return state.waiter
        }
        reporter.channel.setMuted(true)
        waiter?.resume(returning: true)
    }

    /// Runs `body`; when an endpoint fails while nothing has changed, or `deadline` passes,
    /// cancels it and throws why, for the command to report once.
    func run(_ command: String, deadline: Duration?,
             _ body: @escaping @Sendable () async throws -> ExitStatus) async throws -> ExitStatus {
        defer { reporter.channel.setMuted(false) }
        let outcome = await withTaskGroup(of: Result<ExitStatus, any Error>?.self) { group in
            group.addTask {
                do { return .success(try await body()) } catch { return .failure(error) }
            }
            group.addTask { [self] in await failed() ? .failure(CancellationError()) : nil }
            if let deadline {
                group.addTask { [self] in
                    guard (try? await Task.sleep(for: deadline)) != nil else { return nil }
                    state.withLock { $0.deadlinePassed = CommandDeadlineError(command: command, deadline: deadline) }
                    reporter.channel.setMuted(true)
                    return .failure(CancellationError())
                }
            }
            var first: Result<ExitStatus, any Error>?
            for await next in group {
                guard let next else { continue }
                first = next
                group.cancelAll()
                break
            }
            return first ?? .failure(CancellationError())
        }
        let stopped = state.current
        if let reached = stopped.reached { throw reached.error }
        if let deadline = stopped.deadlinePassed { throw deadline }
        return try outcome.get()
    }

    /// True when an endpoint failed; false once the task is cancelled first.
    private func failed() async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool? in
                    if state.reached != nil { return true }
                    if Task.isCancelled { return false }
                    state.waiter = continuation
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: false)
        }
    }
}
