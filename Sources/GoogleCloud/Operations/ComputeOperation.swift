/// Compute Engine's own operation (`compute#operation`), which every insert, patch and
/// delete answers: `status` PENDING → RUNNING → DONE, and a DONE operation with `error`
/// failed (https://cloud.google.com/compute/docs/api/how-tos/api-requests-responses#handling_api_responses).
/// Polled with `GET compute/v1/projects/P/{global|regions/R}/operations/NAME`, the path built
/// from the name and the scope: never from `selfLink`, which names
/// `https://www.googleapis.com/compute/v1/…` whatever endpoint was called. Not the `wait`
/// method: it is a POST, and a run that only observes must send nothing but reads.
public struct ComputeOperation: Codable, Sendable {
    public var name: String
    public var status: String?
    public var operationType: String?
    public var targetLink: String?
    /// The region's URL for a regional operation; nil for a global one.
    public var region: String?
    public var error: Errors?
    public var httpErrorStatusCode: Int?
    public var httpErrorMessage: String?

    public struct Errors: Codable, Sendable {
        public var errors: [Entry]?
    }

    public struct Entry: Codable, Sendable {
        public var code: String?
        public var message: String?
    }

    public init(name: String, status: String? = nil, region: String? = nil) {
        self.name = name
        self.status = status
        self.region = region
    }

    public var isDone: Bool { status == "DONE" }

    /// The errors' messages, the reason Compute gives for a failed operation.
    public var failureMessage: String? {
        guard let entries = error?.errors, !entries.isEmpty else { return nil }
        return entries.map { $0.message ?? $0.code ?? "unknown error" }.joined(separator: "; ")
    }

    /// Whether it failed because another resource still uses its target.
    public var failedAsInUse: Bool {
        error?.errors?.contains { $0.code == "RESOURCE_IN_USE_BY_ANOTHER_RESOURCE" } ?? false
    }

    /// `global/operations/NAME` or `regions/R/operations/NAME`, under the project.
    var scopedPath: String {
        guard let region, let last = region.split(separator: "/").last else { return "global/operations" }
        return "regions/\(last)/operations"
    }
}

extension GoogleCloudClient {
    /// Polls a Compute operation until DONE and returns it as it ended, its `error` included.
    public func finished(_ operation: ComputeOperation, project: String, what: String, timeout: Duration,
                         poller: OperationPoller, progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> ComputeOperation {
        var current = operation
        var polled = false
        return try await poller.wait(for: what, timeout: timeout, progress: progress) {
            if current.isDone { return .done(current) }
            if polled {
                let scope = current.scopedPath
                current = try await get(.compute, "compute/v1/projects/\(project)/\(name: scope)/\(current.name)")
            }
            polled = true
            return current.isDone ? .done(current) : .pending(status: current.status)
        }
    }

    /// Polls until DONE; throws `OperationError.failed` with Compute's reason when it failed.
    @discardableResult
    public func wait(for operation: ComputeOperation, project: String, what: String, timeout: Duration,
                     poller: OperationPoller, progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> ComputeOperation {
        let finished = try await finished(operation, project: project, what: what, timeout: timeout, poller: poller, progress: progress)
        if let message = finished.failureMessage { throw OperationError.failed(what: what, message: message) }
        return finished
    }
}
