/// Global backend services (https://cloud.google.com/compute/docs/reference/rest/v1/backendServices)
/// of an external Application Load Balancer with serverless NEG backends: no health check,
/// `loadBalancingScheme` fixed at creation, `patch` with the current `fingerprint`, and the
/// Cloud Armor policy attached with `setSecurityPolicy` (`securityPolicy` is output only).
extension ComputeAPI {
    public struct BackendService: Codable, Sendable {
        public var name: String?
        /// gcpctl's ownership marker: backend services take no labels.
        public var description: String?
        /// EXTERNAL_MANAGED: the global external Application Load Balancer.
        public var loadBalancingScheme: String?
        public var backends: [Backend]?
        public var logConfig: LogConfig?
        /// Output: the attached Cloud Armor policy's URL.
        public var securityPolicy: String?
        /// Output; a patch must carry the current one (412 when stale).
        public var fingerprint: String?
        public var selfLink: String?
        public var creationTimestamp: String?

        public struct Backend: Codable, Sendable {
            /// A network endpoint group's URL.
            public var group: String?
            public init(group: String) { self.group = group }
        }

        public struct LogConfig: Codable, Sendable, Equatable {
            public var enable: Bool?
            public init(enable: Bool) { self.enable = enable }
        }

        public init(name: String?, description: String?, loadBalancingScheme: String?, groups: [String], logging: Bool) {
            self.name = name
            self.description = description
            self.loadBalancingScheme = loadBalancingScheme
            self.backends = groups.map(Backend.init)
            self.logConfig = LogConfig(enable: logging)
        }
    }

    public func backendService(project: String, name: String) async throws -> BackendService? {
        try await client.getIfExists(.compute, path(project, "global/backendServices/\(name)"))
    }

    public func backendServices(project: String) async throws -> [BackendService] {
        try await list(path(project, "global/backendServices"))
    }

    public func insertBackendService(project: String, _ service: BackendService) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "global/backendServices"), service)
    }

    /// Changes the backends and logging; `service.fingerprint` must be the observed one.
    public func patchBackendService(project: String, name: String, _ service: BackendService) async throws -> ComputeOperation {
        try await change(.patch, path(project, "global/backendServices/\(name)"), service)
    }

    /// Attaches a Cloud Armor policy (`SecurityPolicyReference`); nil detaches it.
    public func setSecurityPolicy(project: String, backendService: String, policy: String?) async throws -> ComputeOperation {
        struct Request: Encodable { var securityPolicy: String? }
        return try await change(.post, path(project, "global/backendServices/\(backendService)/setSecurityPolicy"), Request(securityPolicy: policy))
    }

    public func deleteBackendService(project: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "global/backendServices/\(name)"))
    }
}
