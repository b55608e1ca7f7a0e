/// Serverless network endpoint groups (https://cloud.google.com/compute/docs/reference/rest/v1/regionNetworkEndpointGroups,
/// https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts): regional, one
/// Cloud Run service each, every field fixed at creation (no patch or update method).
extension ComputeAPI {
    public struct NetworkEndpointGroup: Codable, Sendable {
        public var name: String?
        /// gcpctl's ownership marker: NEGs take no labels.
        public var description: String?
        /// SERVERLESS for the groups gcpctl makes.
        public var networkEndpointType: String?
        public var cloudRun: CloudRun?
        public var region: String?
        public var selfLink: String?
        public var creationTimestamp: String?

        public struct CloudRun: Codable, Sendable, Equatable {
            /// The Cloud Run service's name; it need not exist yet.
            public var service: String?
            public init(service: String) { self.service = service }
        }

        /// A group that sends to the Cloud Run service `service` of its region.
        public init(name: String, description: String?, cloudRunService service: String) {
            self.name = name
            self.description = description
            self.networkEndpointType = "SERVERLESS"
            self.cloudRun = CloudRun(service: service)
        }
    }

    public func networkEndpointGroup(project: String, region: String, name: String) async throws -> NetworkEndpointGroup? {
        try await client.getIfExists(.compute, path(project, "regions/\(region)/networkEndpointGroups/\(name)"))
    }

    public func networkEndpointGroups(project: String, region: String) async throws -> [NetworkEndpointGroup] {
        try await list(path(project, "regions/\(region)/networkEndpointGroups"))
    }

    public func insertNetworkEndpointGroup(project: String, region: String, _ group: NetworkEndpointGroup) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "regions/\(region)/networkEndpointGroups"), group)
    }

    public func deleteNetworkEndpointGroup(project: String, region: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "regions/\(region)/networkEndpointGroups/\(name)"))
    }
}
