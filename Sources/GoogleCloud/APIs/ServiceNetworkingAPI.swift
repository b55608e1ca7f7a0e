/// Service Networking v1: the private services access connection that peers a VPC network
/// with Google's service producers (Cloud SQL, Memorystore). A network is named by its
/// project's *number* (`projects/NUMBER/global/networks/NAME`); there is no `get`, so a
/// connection is observed by listing the network's connections. Every change is a
/// google.longrunning operation named `operations/…`, not under a project.
public struct ServiceNetworkingAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    /// The producer service Google's managed services peer through.
    public static let service = "servicenetworking.googleapis.com"
    /// The name of the VPC peering the connection makes on the consumer network (and of the
    /// connection itself in `services/…/connections/NAME`).
    public static let peeringName = "servicenetworking-googleapis-com"

    public struct Connection: Codable, Sendable, Equatable {
        /// `projects/NUMBER/global/networks/NAME`.
        public var network: String?
        /// Names of global addresses of purpose VPC_PEERING on the network.
        public var reservedPeeringRanges: [String]?
        /// Output: the VPC peering's name on the network.
        public var peering: String?
        /// Output: `services/servicenetworking.googleapis.com`.
        public var service: String?

        public init(network: String, reservedPeeringRanges: [String]) {
            self.network = network
            self.reservedPeeringRanges = reservedPeeringRanges
        }
    }

    /// How a `deleteConnection` ended.
    public enum DeletionOutcome: Sendable, Equatable {
        case deleted
        /// Google refused (google.rpc.Code 9): Cloud SQL or Memorystore still hold producer
        /// resources on the connection, which they keep for a while after an instance is
        /// deleted. The console's way out is removing the network's peering
        /// (`peeringName`) with Compute's `networks.removePeering`.
        case producersStillUsing(message: String)
    }

    /// `projects/NUMBER/global/networks/NAME`, the only form the API takes.
    public static func networkName(projectNumber: String, network: String) -> String {
        "projects/\(projectNumber)/global/networks/\(network)"
    }

    private var connectionsPath: APIPath { "v1/services/\(Self.service)/connections" }
    private var connectionPath: APIPath { connectionsPath + "/\(Self.peeringName)" }

    /// Every connection of the network (`connections.list?network=`).
    public func connections(projectNumber: String, network: String) async throws -> [Connection] {
        struct Page: Decodable { var connections: [Connection]? }
        let page: Page = try await client.get(
            .serviceNetworking, connectionsPath,
            query: [("network", Self.networkName(projectNumber: projectNumber, network: network))])
        return page.connections ?? []
    }

    /// The network's connection to Google's producers, or nil: observe in one call.
    public func connection(projectNumber: String, network: String) async throws -> Connection? {
        try await connections(projectNumber: projectNumber, network: network)
            .first { $0.service == nil || $0.service == "services/\(Self.service)" }
    }

    /// Connects the network with these allocated ranges. Repeating it with the same ranges
    /// changes nothing (so retries are safe); other ranges on a connected network make the
    /// operation fail: change them with `updateConnection`.
    public func createConnection(projectNumber: String, network: String, ranges: [String]) async throws -> LongRunningOperation {
        try await client.decode(GoogleCall(
            .post, .serviceNetworking, connectionsPath,
            json: Connection(network: Self.networkName(projectNumber: projectNumber, network: network), reservedPeeringRanges: ranges),
            idempotency: .idempotent))
    }

    /// Sets the connection's ranges; `force` is required when one is removed.
    public func updateConnection(projectNumber: String, network: String, ranges: [String], force: Bool) async throws -> LongRunningOperation {
        try await client.decode(GoogleCall(
            .patch, .serviceNetworking, connectionPath,
            query: [("updateMask", "reservedPeeringRanges"), ("force", force ? "true" : "false")],
            json: Connection(network: Self.networkName(projectNumber: projectNumber, network: network), reservedPeeringRanges: ranges)))
    }

    /// Starts deleting the network's connection; nil when it has none (404).
    public func deleteConnection(projectNumber: String, network: String) async throws -> LongRunningOperation? {
        struct Request: Encodable { var consumerNetwork: String }
        return try await client.delete(GoogleCall(
            .post, .serviceNetworking, connectionPath,
            json: Request(consumerNetwork: Self.networkName(projectNumber: projectNumber, network: network)),
            idempotency: .idempotent))
    }

    /// Waits for a create or update; throws `OperationError` when it failed.
    public func waitFor(_ operation: LongRunningOperation, what: String, poller: OperationPoller,
                        progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws {
        _ = try await client.wait(for: operation, api: .serviceNetworking, version: "v1", what: what,
                                  timeout: .seconds(900), poller: poller, progress: progress)
    }

    /// Waits for a deleteConnection: `.producersStillUsing` for Google's documented refusal,
    /// `OperationError` for any other failure.
    public func waitForDeletion(_ operation: LongRunningOperation, what: String, poller: OperationPoller,
                                progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws -> DeletionOutcome {
        let finished = try await client.finished(operation, api: .serviceNetworking, version: "v1", what: what,
                                                 timeout: .seconds(900), poller: poller, progress: progress)
        guard let error = finished.error else { return .deleted }
        let message = error.message ?? "error code \(error.code ?? 0)"
        if error.code == 9, message.contains("Producer services") { return .producersStillUsing(message: message) }
        throw OperationError.failed(what: what, message: message)
    }
}
