/// `google.longrunning.Operation`, the style of Service Usage, Artifact Registry, Cloud Run
/// v2, Service Networking, Serverless VPC Access and Memorystore: poll `GET {name}` until
/// `done`, then read `error` or `response`.
public struct LongRunningOperation: Codable, Sendable {
    public var name: String
    public var done: Bool?
    public var error: Status?
    public var response: JSONValue?
    public var metadata: JSONValue?

    public struct Status: Codable, Sendable {
        public var code: Int?
        public var message: String?
    }

    public init(name: String, done: Bool? = nil) {
        self.name = name
        self.done = done
    }
}

extension GoogleCloudClient {
    /// Polls an operation of `api` (whose name is its path under the version, e.g.
    /// `v1/operations/…` with `version: "v1"`) until done; throws its error if it failed.
    public func wait(for operation: LongRunningOperation, api: GoogleAPI, version: String, what: String,
                     timeout: Duration, poller: OperationPoller,
                     progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> LongRunningOperation {
        let finished = try await finished(operation, api: api, version: version, what: what, timeout: timeout,
                                          poller: poller, progress: progress)
        if let error = finished.error {
            throw OperationError.failed(what: what, message: error.message ?? "error code \(error.code ?? 0)")
        }
        return finished
    }

    /// Polls until done and returns the operation as it ended, its `error` included: for a
    /// caller that acts on how it failed (the google.rpc.Code), not only that it did.
    public func finished(_ operation: LongRunningOperation, api: GoogleAPI, version: String, what: String,
                         timeout: Duration, poller: OperationPoller,
                         progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> LongRunningOperation {
        var current = operation
        var polled = false
        return try await poller.wait(for: what, timeout: timeout, progress: progress) {
            if current.done == true { return .done(current) }
            // The operation as created is fresh: wait one interval before the first GET.
            if !polled {
                polled = true
                return .pending(status: nil)
            }
            current = try await get(api, "\(version)/\(name: current.name)")
            return current.done == true ? .done(current) : .pending(status: nil)
        }
    }
}
