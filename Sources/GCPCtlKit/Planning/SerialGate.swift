import GoogleCloud

/// One change at a time per key. Cloud SQL runs a single operation per instance and
/// refuses a second with 409 `operationInProgress`; the database, the user's password and
/// an instance update queue here instead of racing each other into that refusal.
public final class SerialGate: Sendable {
    private let gates = Locked<[String: AsyncLimiter]>([:])

    public init() {}

    public func run<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T {
        let gate = gates.withLock { gates in
            if let gate = gates[key] { return gate }
            let gate = AsyncLimiter(limit: 1)
            gates[key] = gate
            return gate
        }
        return try await gate.run(body)
    }
}
