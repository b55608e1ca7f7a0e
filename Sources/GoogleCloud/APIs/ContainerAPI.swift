/// Kubernetes Engine v1: clusters, listed and deleted. gcpctl runs nothing on GKE; the bash
/// scripts' projects sometimes held clusters, and cleanup finds and removes them.
public struct ContainerAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Cluster: Codable, Sendable {
        public var name: String?
        /// A zone (`us-central1-a`) or a region (`us-central1`).
        public var location: String?
        public var status: String?
        public var createTime: String?
        public var resourceLabels: [String: String]?
        public var currentNodeCount: Int?
        public var currentMasterVersion: String?
        public var autopilot: Autopilot?
        public var selfLink: String?

        public struct Autopilot: Codable, Sendable {
            public var enabled: Bool?
        }
    }

    /// GKE's own operation (`status` PENDING, RUNNING, DONE, ABORTING; failures in `error`),
    /// polled at `v1/projects/P/locations/L/operations/NAME`.
    public struct Operation: Codable, Sendable {
        public var name: String
        public var status: String?
        public var operationType: String?
        public var location: String?
        public var zone: String?
        public var statusMessage: String?
        public var error: Status?

        public struct Status: Codable, Sendable {
            public var code: Int?
            public var message: String?
        }

        public var isDone: Bool { status == "DONE" }

        /// Why a finished operation failed, if it did.
        public var failureMessage: String? {
            guard let error, (error.code ?? 0) != 0 || error.message != nil else { return nil }
            return error.message ?? statusMessage ?? "error code \(error.code ?? 0)"
        }
    }

    public struct ClusterList: Sendable {
        public var clusters: [Cluster]
        /// Zones that did not answer: their clusters may be missing from `clusters`.
        public var missingZones: [String]
    }

    func path(_ project: String, _ location: String) -> APIPath { "v1/projects/\(project)/locations/\(location)" }

    /// Every cluster of the project in every location (`locations/-`); GKE does not page this list.
    public func clusters(project: String) async throws -> ClusterList {
        struct Response: Decodable { var clusters: [Cluster]?; var missingZones: [String]? }
        let response: Response = try await client.get(.container, path(project, "-") + "/clusters")
        return ClusterList(clusters: response.clusters ?? [], missingZones: response.missingZones ?? [])
    }

    public func cluster(project: String, location: String, name: String) async throws -> Cluster? {
        try await client.getIfExists(.container, path(project, location) + "/clusters/\(name)")
    }

    /// Nil when the cluster was already gone.
    public func deleteCluster(project: String, location: String, name: String) async throws -> Operation? {
        try await client.delete(GoogleCall(.delete, .container, path(project, location) + "/clusters/\(name)"))
    }

    public func waitFor(_ operation: Operation, project: String, location: String, what: String,
                        timeout: Duration = .seconds(1800), poller: OperationPoller,
                        progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws {
        var current = operation
        var polled = false
        let finished: Operation = try await poller.wait(for: what, timeout: timeout, progress: progress) {
            if current.isDone { return .done(current) }
            if polled {
                let operationLocation = current.location ?? current.zone ?? location
                current = try await client.get(.container, path(project, operationLocation) + "/operations/\(current.name)")
            }
            polled = true
            return current.isDone ? .done(current) : .pending(status: current.status)
        }
        if let message = finished.failureMessage {
            throw OperationError.failed(what: what, message: message)
        }
    }
}
