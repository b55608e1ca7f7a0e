import GCPEmulator

extension Emulator {
    /// The logged requests of one discovery method, in order.
    public func requests(methodID: String) -> [RequestLogEntry] {
        requests().filter { $0.methodID == methodID }
    }

    /// Waits until a request matching `condition` has been received, checking the log
    /// every few milliseconds: a condition with a bound, not a sleep standing in for it.
    public func waitForRequest(timeout: Duration = .seconds(20),
                               where condition: @Sendable (RequestLogEntry) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !requests().contains(where: condition) {
            guard ContinuousClock.now < deadline else { throw RequestNotReceived() }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

extension Emulator {
    /// Runs `action` once the emulator has received a request matching `condition`: the
    /// moment a test interrupts a command, or lets an operation finish. If the request has
    /// not come within `timeout`, `action` runs anyway, so that what waits on it ends and
    /// the test fails on its expectations instead of hanging on a slow machine. The task
    /// answers whether the request came.
    @discardableResult
    public func whenReceived(timeout: Duration = .seconds(120), _ condition: @escaping @Sendable (RequestLogEntry) -> Bool,
                             do action: @escaping @Sendable () -> Void) -> Task<Bool, Never> {
        Task {
            let received = (try? await waitForRequest(timeout: timeout, where: condition)) != nil
            action()
            return received
        }
    }
}

public struct RequestNotReceived: Error, CustomStringConvertible {
    public var description: String { "the emulator did not receive the awaited request in time" }
}
