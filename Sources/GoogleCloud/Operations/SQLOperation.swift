/// Cloud SQL Admin's own operation (`sql#operation`): poll
/// `GET v1/projects/P/operations/NAME` until `status` is DONE; failures are in `error.errors[]`.
public struct SQLOperation: Codable, Sendable {
    public var name: String
    public var status: String?
    public var operationType: String?
    public var targetId: String?
    public var error: Errors?

    public struct Errors: Codable, Sendable {
        public var errors: [Entry]?
    }

    public struct Entry: Codable, Sendable {
        public var code: String?
        public var message: String?
    }

    public init(name: String, status: String? = nil) {
        self.name = name
        self.status = status
    }

    public var isDone: Bool { status == "DONE" }

    public var failureMessage: String? {
        guard let entries = error?.errors, !entries.isEmpty else { return nil }
        return entries.map { [$0.code, $0.message].compactMap { $0 }.joined(separator: ": ") }.joined(separator: "; ")
    }
}

extension GoogleCloudClient {
    public func wait(for operation: SQLOperation, project: String, what: String, timeout: Duration,
                     poller: OperationPoller, progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> SQLOperation {
        var current = operation
        var polled = false
        let finished: SQLOperation = try await poller.wait(for: what, timeout: timeout, progress: progress) {
            if current.isDone { return .done(current) }
            if polled {
                current = try await get(.sqlAdmin, "v1/projects/\(project)/operations/\(current.name)")
            }
            polled = true
            return current.isDone ? .done(current) : .pending(status: current.status)
        }
        if let message = finished.failureMessage {
            throw OperationError.failed(what: what, message: message)
        }
        return finished
    }
}
