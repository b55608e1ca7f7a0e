import GoogleCloud

/// Private services access: Service Networking's connection that peers the network with
/// Google's producers through the reserved range. It has no name of its own (a network has
/// at most one, the peering `servicenetworking-googleapis-com`), so it is known by its
/// network's name; no labels or description either, so it is whose its network is.
public struct PrivateConnection: KindResource {
    public let network: String
    public let range: String

    public init(network: String, range: String) {
        self.network = network
        self.range = range
    }

    /// The connection and the network it is on (its evidence of ownership).
    public struct State: Sendable, OwnershipEvident {
        public var connection: ServiceNetworkingAPI.Connection
        public var network: ComputeAPI.Network?
        public var ownershipEvidence: Ownership.Evidence { network?.ownershipEvidence ?? .described(nil) }
        /// The network's side of the peering: ACTIVE once connected.
        public var peeringState: String? {
            network?.peerings?.first { $0.name == (connection.peering ?? ServiceNetworkingAPI.peeringName) }?.state
        }
    }

    public var identity: ResourceIdentity { ResourceIdentity(.privateConnection, network) }
    public var dependencies: [ResourceID] { [ResourceID(.network, network), ResourceID(.addressRange, range)] }

    /// Listing the network's connections is the only read (there is no `get`); the network is
    /// read after it, for its peering and its owner, only when there is a connection (on a
    /// project without the Compute API, a missing connection is missing, not a failed read).
    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        let number = try await context.projectNumber()
        guard let connection = try await context.serviceNetworking.connection(projectNumber: number, network: identity.name) else {
            return nil
        }
        return State(connection: connection, network: try await context.compute.network(project: context.project, name: identity.name))
    }

    public func differences(from state: State) throws -> [FieldChange] {
        let observed = state.connection.reservedPeeringRanges ?? []
        guard observed != [range] else { return [] }
        let change = FieldChange("reservedPeeringRanges", old: observed.joined(separator: ","), new: range)
        // Adding a range is a patch; taking one away strands what Google placed in it.
        if observed.contains(where: { $0 != range }) {
            throw ImmutableFieldError(
                resource: id, changes: [change],
                advice: "gcpctl does not take a range away from the connection: Cloud SQL and Memorystore may have addresses in it. Keep it in network.privateServiceAccess.range, or remove it with gcloud services vpc-peerings update --force.")
        }
        return [change]
    }

    public func create(in context: ResourceContext) async throws {
        let number = try await context.projectNumber()
        let operation = try await context.serviceNetworking.createConnection(projectNumber: number, network: network, ranges: [range])
        try await context.serviceNetworking.waitFor(operation, what: "connecting \(network) to Google's services",
                                                    poller: context.poller, progress: context.progress)
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        let number = try await context.projectNumber()
        let operation = try await context.serviceNetworking.updateConnection(projectNumber: number, network: network, ranges: [range], force: false)
        try await context.serviceNetworking.waitFor(operation, what: "changing the ranges of \(network)'s connection",
                                                    poller: context.poller, progress: context.progress)
    }

    /// Service Networking refuses for days after a Cloud SQL instance on the connection is
    /// deleted (its producer resources linger: hashicorp/terraform-provider-google#16275);
    /// then the network's peering is removed with Compute, as the console does, and that is said.
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let number = try await context.projectNumber()
        guard let operation = try await context.serviceNetworking.deleteConnection(projectNumber: number, network: identity.name) else { return }
        let outcome = try await context.serviceNetworking.waitForDeletion(
            operation, what: "deleting \(identity.name)'s private services connection", poller: context.poller, progress: context.progress)
        guard case .producersStillUsing = outcome else { return }
        context.note("Service Networking still counts Cloud SQL or Memorystore on the connection; removed the network's peering instead")
        let removal = try await context.compute.removePeering(project: context.project, network: identity.name, peering: ServiceNetworkingAPI.peeringName)
        try await context.compute.waitFor(removal, project: context.project, what: "removing \(identity.name)'s peering",
                                          poller: context.poller, progress: context.progress)
    }
}

extension ResourceKind {
    public static let privateConnection: ResourceKind = ResourceKind(
        id: "private-connection", title: "private services connection", plural: "private services connections",
        commandNames: ["private-connection"], service: "servicenetworking.googleapis.com", section: .network,
        typicalDuration: .seconds(60),
        teardown: Teardown(consequence: "(Cloud SQL and Memorystore lose their private addresses)",
                           after: ["sql-instance", "sql-replica", "redis-instance"]),
        nameProblem: { NetworkRules.computeNameProblem($0, what: "VPC network") },
        identify: { name, _ in ResourceIdentity(.privateConnection, name) },
        list: { context, _ in
            // A connection shows as its network's peering: one list instead of one call per network.
            let networks = try await context.compute.networks(project: context.project)
            return KindListing(try await networks.asyncCompactMap { network in
                guard let name = network.name,
                      let peering = network.peerings?.first(where: { $0.name == ServiceNetworkingAPI.peeringName }) else { return nil }
                return try await FoundResource.described(ResourceIdentity(.privateConnection, name), by: network,
                                                         details: [peering.state].compactMap { $0 }, in: context)
            })
        }, setupPart: .network,
        declared: { environment, _ in
            guard let network = environment.network, let access = network.privateServiceAccess else { return [] }
            return [PrivateConnection(network: network.name, range: access.range)]
        })
        .deleted(by: PrivateConnection.self)
}
