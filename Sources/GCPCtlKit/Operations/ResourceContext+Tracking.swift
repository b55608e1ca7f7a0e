extension ResourceContext {
    /// Runs one change to the resource being worked on with its progress line, and reports
    /// how it ended (as the executor does for setup).
    func tracking(_ action: PlanAction, endsAs outcome: ResourceOutcome, _ body: () async throws -> Void) async throws {
        guard let id = current else { return try await body() }
        events.started(id, action)
        do {
            try await body()
            events.finished(id, outcome)
        } catch {
            events.finished(id, error is CancellationError ? .interrupted(wasRunning: true) : .failed("\(error)"))
            throw error
        }
    }
}
