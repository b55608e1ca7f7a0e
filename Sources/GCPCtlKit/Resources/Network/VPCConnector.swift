import GoogleCloud

/// The Serverless VPC Access connector (`network.connector`) the Cloud Run services send
/// private traffic through: on the network, in its own /28, in the environment's region.
/// Its network and range are fixed; its instances and machine type change in place. It has
/// no labels or description, so it is whose its network is.
public struct VPCConnector: KindResource {
    public let connector: Environment.Network.Connector
    public let network: String

    public init(_ connector: Environment.Network.Connector, network: String) {
        self.connector = connector
        self.network = network
    }

    public struct State: Sendable, OwnershipEvident {
        public var connector: VPCAccessAPI.Connector
        public var network: ComputeAPI.Network?
        public var ownershipEvidence: Ownership.Evidence { network?.ownershipEvidence ?? .described(nil) }
    }

    public var identity: ResourceIdentity { ResourceIdentity(.vpcConnector, connector.name, location: connector.region) }
    public var dependencies: [ResourceID] { [ResourceID(.network, network)] }

    static func region(of identity: ResourceIdentity, in context: ResourceContext) -> String {
        identity.location ?? context.environment.region
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        guard let connector = try await context.vpcAccess.connector(
            project: context.project, region: region(of: identity, in: context), id: identity.name) else { return nil }
        return State(connector: connector, network: try await network(of: connector, in: context))
    }

    /// The connector's network, read for its description (whose the connector is).
    static func network(of connector: VPCAccessAPI.Connector, in context: ResourceContext) async throws -> ComputeAPI.Network? {
        guard let name = connector.network.map(ComputeAPI.Reference.name) else { return nil }
        return try await context.compute.network(project: context.project, name: name)
    }

    public func differences(from state: State) throws -> [FieldChange] {
        var fixed = FieldChanges()
        fixed.compare("network", observed: state.connector.network.map(ComputeAPI.Reference.name), desired: network)
        fixed.compare("ipCidrRange", observed: state.connector.ipCidrRange, desired: connector.ipCidrRange)
        if !fixed.all.isEmpty {
            throw ImmutableFieldError(
                resource: id, changes: fixed.all,
                advice: "A connector's network and range cannot change, and the services send traffic through it; declare a connector under a new name in network.connector.name, deploy, then delete this one.")
        }
        var changes = FieldChanges()
        changes.compare("minInstances", observed: state.connector.minInstances, desired: connector.minInstances)
        changes.compare("maxInstances", observed: state.connector.maxInstances, desired: connector.maxInstances)
        changes.compare("machineType", observed: state.connector.machineType, desired: connector.machineType)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let body = VPCAccessAPI.Connector(network: network, ipCidrRange: connector.ipCidrRange, minInstances: connector.minInstances,
                                          maxInstances: connector.maxInstances, machineType: connector.machineType)
        let result = try await context.vpcAccess.createConnector(project: context.project, region: connector.region, id: connector.name, body)
        if case .created(let operation) = result {
            try await context.vpcAccess.waitFor(operation, what: "creating connector \(connector.name)", poller: context.poller, progress: context.progress)
        }
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        let fields = changes.compactMap { VPCAccessAPI.Field(rawValue: $0.field) }
        let body = VPCAccessAPI.Connector(network: network, ipCidrRange: connector.ipCidrRange, minInstances: connector.minInstances,
                                          maxInstances: connector.maxInstances, machineType: connector.machineType)
        let operation = try await context.vpcAccess.updateConnector(project: context.project, region: connector.region, id: connector.name, body, fields: fields)
        try await context.vpcAccess.waitFor(operation, what: "changing connector \(connector.name)", poller: context.poller, progress: context.progress)
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        guard let operation = try await context.vpcAccess.deleteConnector(
            project: context.project, region: region(of: identity, in: context), id: identity.name) else { return }
        try await context.vpcAccess.waitFor(operation, what: "deleting connector \(identity.name)", poller: context.poller, progress: context.progress)
    }
}

extension ResourceKind {
    /// Listed in the environment's region.
    public static let vpcConnector: ResourceKind = ResourceKind(
        id: "vpc-connector", title: "Serverless VPC Access connector", plural: "Serverless VPC Access connectors",
        commandNames: ["connector", "vpc-connector"], service: "vpcaccess.googleapis.com",
        section: .network, typicalDuration: .seconds(120),
        teardown: Teardown(namesLocation: true, after: ["cloud-run-service"]), listingScope: .region,
        nameProblem: NetworkRules.connectorNameProblem,
        identify: { name, environment in ResourceIdentity(.vpcConnector, name, location: environment.region) },
        list: { context, _ in
            let region = context.environment.region
            let connectors = try await context.vpcAccess.connectors(project: context.project, region: region)
            return KindListing(try await connectors.asyncCompactMap { connector in
                guard let name = connector.name.map(ComputeAPI.Reference.name) else { return nil }
                // The network's description says whose the connector is (one read per network, shared).
                let state = VPCConnector.State(connector: connector, network: try await VPCConnector.network(of: connector, in: context))
                let details = [connector.state, connector.ipCidrRange, connector.network.map { "on " + $0 }].compactMap { $0 }
                return FoundResource(ResourceIdentity(.vpcConnector, name, location: region),
                                     ownership: try await Ownership.of(state, in: context), details: details)
            })
        }, setupPart: .network,
        declared: { environment, _ in
            guard let network = environment.network, let connector = network.connector else { return [] }
            return [VPCConnector(connector, network: network.name)]
        })
        .deleted(by: VPCConnector.self)
}
