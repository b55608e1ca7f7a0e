/// Service Usage v1: which APIs a project has enabled, and enabling them.
public struct ServiceUsageAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    /// Google accepts at most 20 services per `services:batchEnable`.
    public static let batchLimit = 20

    public struct Service: Codable, Sendable {
        public var name: String?
        public var state: String?
        public var config: Config?

        public struct Config: Codable, Sendable {
            public var name: String?
            public var title: String?
        }

        /// `sqladmin.googleapis.com` from `projects/123/services/sqladmin.googleapis.com`.
        public var serviceName: String { config?.name ?? name?.split(separator: "/").last.map(String.init) ?? "" }
    }

    struct ListServicesResponse: Decodable, Sendable {
        var services: [Service]?
        var nextPageToken: String?
    }

    struct BatchEnableRequest: Encodable {
        var serviceIds: [String]
    }

    public func enabledServices(project: String) async throws -> Set<String> {
        let call = GoogleCall(.get, .serviceUsage, "v1/projects/\(project)/services",
                              query: [("filter", "state:ENABLED"), ("pageSize", "200")])
        let services = try await client.listAll(call, items: { (page: ListServicesResponse) in page.services ?? [] },
                                                nextPageToken: { $0.nextPageToken })
        return Set(services.map(\.serviceName))
    }

    /// The project's number, from Service Usage's own entry: Google names every service of
    /// a project `projects/NUMBER/services/NAME` (its `parent` is `projects/NUMBER`), and
    /// Service Usage answers whatever else is enabled, so this works in a fresh project.
    public func projectNumber(project: String) async throws -> String? {
        struct Entry: Decodable { var parent: String?; var name: String? }
        let entry: Entry = try await client.get(.serviceUsage, "v1/projects/\(project)/services/serviceusage.googleapis.com")
        let parts = (entry.parent ?? entry.name ?? "").split(separator: "/")
        guard parts.count >= 2, parts[0] == "projects", parts[1].allSatisfy(\.isNumber) else { return nil }
        return String(parts[1])
    }

    /// Enables up to 20 services in one operation.
    public func batchEnable(project: String, services: [String]) async throws -> LongRunningOperation {
        precondition(services.count <= ServiceUsageAPI.batchLimit, "batchEnable takes at most 20 services")
        return try await client.decode(GoogleCall(.post, .serviceUsage, "v1/projects/\(project)/services:batchEnable",
                                                  json: BatchEnableRequest(serviceIds: services), idempotency: .idempotent))
    }

    public func enable(project: String, service: String) async throws -> LongRunningOperation {
        try await client.decode(GoogleCall(.post, .serviceUsage, "v1/projects/\(project)/services/\(service):enable",
                                           json: [String: String](), idempotency: .idempotent))
    }

    public func disable(project: String, service: String) async throws -> LongRunningOperation {
        struct Request: Encodable { var disableDependentServices = false; var checkIfServiceHasUsage = "SKIP" }
        return try await client.decode(GoogleCall(.post, .serviceUsage, "v1/projects/\(project)/services/\(service):disable",
                                                  json: Request(), idempotency: .idempotent))
    }

    public func waitFor(_ operation: LongRunningOperation, what: String, poller: OperationPoller,
                        progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws {
        _ = try await client.wait(for: operation, api: .serviceUsage, version: "v1", what: what,
                                  timeout: .seconds(600), poller: poller, progress: progress)
    }
}
