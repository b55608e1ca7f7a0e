/// Serverless VPC Access v1: the connector Cloud Run services send their private traffic
/// through (`template.vpcAccess.connector` takes `connectorName`). Create, update and delete
/// are google.longrunning operations in the region; a connector is CREATING, then READY
/// (or ERROR, when Google could not place it: delete it and create it again).
public struct VPCAccessAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Connector: Codable, Sendable {
        /// Output: `projects/P/locations/R/connectors/ID`.
        public var name: String?
        /// The VPC network's name (with `ipCidrRange`), or nothing when `subnet` is given.
        public var network: String?
        /// An unused /28, such as `10.8.0.0/28`.
        public var ipCidrRange: String?
        public var subnet: Subnet?
        /// 2–9 and 3–10, the minimum below the maximum; an update may only raise them.
        public var minInstances: Int?
        public var maxInstances: Int?
        /// The legacy form of the same bounds (instances × 100 Mbps); Google answers both.
        public var minThroughput: Int?
        public var maxThroughput: Int?
        /// e2-micro (Google's default), f1-micro or e2-standard-4.
        public var machineType: String?
        /// Output: CREATING, READY, UPDATING, DELETING, ERROR.
        public var state: String?
        /// Output: the projects whose services use the connector.
        public var connectedProjects: [String]?

        public struct Subnet: Codable, Sendable, Equatable {
            public var name: String?
            public var projectId: String?
            public init(name: String, projectId: String? = nil) {
                self.name = name
                self.projectId = projectId
            }
        }

        /// A connector on a network, in its own /28.
        public init(network: String, ipCidrRange: String, minInstances: Int, maxInstances: Int, machineType: String? = nil) {
            self.network = network
            self.ipCidrRange = ipCidrRange
            self.minInstances = minInstances
            self.maxInstances = maxInstances
            self.machineType = machineType
        }

        /// A connector in an existing /28 subnet.
        public init(subnet: Subnet, minInstances: Int, maxInstances: Int, machineType: String? = nil) {
            self.subnet = subnet
            self.minInstances = minInstances
            self.maxInstances = maxInstances
            self.machineType = machineType
        }

        /// Only the fields an update may change.
        init(minInstances: Int?, maxInstances: Int?, machineType: String?) {
            self.minInstances = minInstances
            self.maxInstances = maxInstances
            self.machineType = machineType
        }
    }

    /// What `updateConnector` may change; the network, range and subnet are fixed.
    public enum Field: String, Sendable, CaseIterable {
        case minInstances, maxInstances, machineType
    }

    /// `projects/P/locations/R/connectors/ID`, as Cloud Run's `vpcAccess.connector` names it.
    public static func connectorName(project: String, region: String, id: String) -> String {
        "projects/\(project)/locations/\(region)/connectors/\(id)"
    }

    /// Google's rule for connector ids: Compute Engine naming (a lowercase letter first,
    /// lowercase letters, digits and hyphens, no hyphen last), under 21 characters with each
    /// hyphen counting as two.
    public static func isValidConnectorID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let first = bytes.first, (97...122).contains(first), bytes.last != UInt8(ascii: "-") else { return false }
        let shaped = bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
        return shaped && bytes.count + bytes.count { $0 == UInt8(ascii: "-") } < 21
    }

    func path(_ project: String, _ region: String, _ id: String) -> APIPath {
        "v1/projects/\(project)/locations/\(region)/connectors/\(id)"
    }

    public func connector(project: String, region: String, id: String) async throws -> Connector? {
        try await client.getIfExists(.vpcAccess, path(project, region, id))
    }

    public func connectors(project: String, region: String) async throws -> [Connector] {
        struct Page: Decodable, Sendable { var connectors: [Connector]?; var nextPageToken: String? }
        return try await client.listAll(
            GoogleCall(.get, .vpcAccess, "v1/projects/\(project)/locations/\(region)/connectors", query: [("pageSize", "100")]),
            items: { (page: Page) in page.connectors ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    /// `.alreadyExisted` when a connector of that id is there (or a lost reply's attempt made it).
    public func createConnector(project: String, region: String, id: String, _ connector: Connector) async throws -> CreateResult<LongRunningOperation> {
        try await client.create(GoogleCall(
            .post, .vpcAccess, "v1/projects/\(project)/locations/\(region)/connectors", query: [("connectorId", id)], json: connector))
    }

    /// Changes `fields` to the connector's values (the update mask names exactly those).
    public func updateConnector(project: String, region: String, id: String, _ connector: Connector, fields: [Field]) async throws -> LongRunningOperation {
        let changes = Connector(
            minInstances: fields.contains(.minInstances) ? connector.minInstances : nil,
            maxInstances: fields.contains(.maxInstances) ? connector.maxInstances : nil,
            machineType: fields.contains(.machineType) ? connector.machineType : nil)
        return try await client.decode(GoogleCall(
            .patch, .vpcAccess, path(project, region, id),
            query: [("updateMask", fields.map(\.rawValue).joined(separator: ","))], json: changes))
    }

    /// Starts the delete; nil when there is no such connector.
    public func deleteConnector(project: String, region: String, id: String) async throws -> LongRunningOperation? {
        try await client.delete(GoogleCall(.delete, .vpcAccess, path(project, region, id)))
    }

    /// Connectors take minutes to create.
    public func waitFor(_ operation: LongRunningOperation, what: String, poller: OperationPoller,
                        progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws {
        _ = try await client.wait(for: operation, api: .vpcAccess, version: "v1", what: what,
                                  timeout: .seconds(900), poller: poller, progress: progress)
    }
}
