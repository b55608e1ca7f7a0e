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

public struct RequestNotReceived: Error, CustomStringConvertible {
    public var description: String { "the emulator did not receive the awaited request in time" }
}
