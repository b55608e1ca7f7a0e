import GoogleCloud

/// The environment's custom-mode VPC network (`network.name`), which the subnet, the
/// private services range and connection, and the connector are made on.
public struct VPCNetwork: KindResource {
    public let network: Environment.Network
    /// `Managed by gcpctl for <short name>`: fixed at creation, gcpctl's ownership marker.
    public let description: String

    public init(_ network: Environment.Network, shortName: String) {
        self.network = network
        self.description = Ownership.description(forShortName: shortName)
    }

    public var identity: ResourceIdentity { ResourceIdentity(.network, network.name) }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.Network? {
        try await context.compute.network(project: context.project, name: identity.name)
    }

    public func differences(from state: ComputeAPI.Network) throws -> [FieldChange] {
        if state.autoCreateSubnetworks == true {
            throw ImmutableFieldError(
                resource: id, changes: [FieldChange("autoCreateSubnetworks", old: "true", new: "false")],
                advice: "An auto-mode network makes a subnet in every region and cannot become custom mode again once switched; name another network in network.name.")
        }
        var changes = FieldChanges()
        changes.compare("routingMode", observed: state.routingConfig?.routingMode, desired: network.routingMode)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let result = try await context.compute.insertNetwork(
            project: context.project, .init(name: network.name, description: description, routingMode: network.routingMode))
        if case .created(let operation) = result {
            try await context.compute.waitFor(operation, project: context.project, what: "creating network \(network.name)",
                                              poller: context.poller, progress: context.progress)
        }
    }

    public func update(_ state: ComputeAPI.Network, changes: [FieldChange], in context: ResourceContext) async throws {
        let operation = try await context.compute.patchNetwork(project: context.project, name: network.name, routingMode: network.routingMode)
        try await context.compute.waitFor(operation, project: context.project, what: "changing network \(network.name)",
                                          poller: context.poller, progress: context.progress)
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        try await context.waitForComputeDeletion(
            try await context.compute.deleteNetwork(project: context.project, name: identity.name), what: "deleting network \(identity.name)")
    }
}

extension ResourceKind {
    public static let network: ResourceKind = ResourceKind(
        id: "network", title: "VPC network", plural: "VPC networks", commandNames: ["network"],
        service: "compute.googleapis.com", section: .network, typicalDuration: .seconds(20),
        teardown: Teardown(after: ["subnetwork", "address-range", "private-connection", "vpc-connector"]),
        nameProblem: { NetworkRules.computeNameProblem($0, what: "VPC network") },
        identify: { name, _ in ResourceIdentity(.network, name) },
        list: { context, _ in
            let networks = try await context.compute.networks(project: context.project)
            return KindListing(try await networks.asyncCompactMap { network in
                guard let name = network.name else { return nil }
                let details = [network.routingConfig?.routingMode, network.autoCreateSubnetworks == true ? "auto mode" : nil].compactMap { $0 }
                return try await FoundResource.described(ResourceIdentity(.network, name), created: network.creationTimestamp,
                                                         by: network, details: details, in: context)
            })
        }, setupPart: .network,
        declared: { environment, _ in environment.network.map { [VPCNetwork($0, shortName: environment.shortName)] } ?? [] })
        .deleted(by: VPCNetwork.self)
}
