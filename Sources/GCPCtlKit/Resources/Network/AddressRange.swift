import GoogleCloud

/// The internal range reserved on the network for Google's service producers
/// (`network.privateServiceAccess`: a global address of purpose VPC_PEERING), which Cloud SQL
/// and Memorystore take their private addresses from. Only its labels change in place.
public struct AddressRange: KindResource {
    public let access: Environment.Network.PrivateServiceAccess
    public let network: String
    public let labels: [String: String]
    /// The subnet, when declared: reserved after it, Google's pick of a free block avoids it.
    public let subnet: String?

    public init(_ access: Environment.Network.PrivateServiceAccess, network: String, subnet: String?, labels: [String: String]) {
        self.access = access
        self.network = network
        self.subnet = subnet
        self.labels = labels
    }

    public var identity: ResourceIdentity { ResourceIdentity(.addressRange, access.range) }
    public var dependencies: [ResourceID] { [ResourceID(.network, network)] + (subnet.map { [ResourceID(.subnetwork, $0)] } ?? []) }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.Address? {
        try await context.compute.globalAddress(project: context.project, name: identity.name)
    }

    public func differences(from state: ComputeAPI.Address) throws -> [FieldChange] {
        var fixed = FieldChanges()
        fixed.compare("purpose", observed: state.purpose, desired: "VPC_PEERING")
        fixed.compare("network", observed: state.network.map(ComputeAPI.Reference.name), desired: network)
        fixed.compare("prefixLength", observed: state.prefixLength, desired: access.prefixLength)
        if let address = access.address { fixed.compare("address", observed: state.address, desired: address) }
        if !fixed.all.isEmpty {
            throw ImmutableFieldError(
                resource: id, changes: fixed.all,
                advice: "A reserved range cannot change in place, and the private connection and the instances on it use it; reserve another range under a new name in network.privateServiceAccess.range.")
        }
        var changes = FieldChanges()
        changes.compareLabels(observed: state.labels, desired: labels)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let body = ComputeAPI.Address.peeringRange(
            name: access.range, description: Ownership.description(for: context.environment),
            network: ComputeAPI.Reference.network(project: context.project, name: network), prefixLength: access.prefixLength,
            address: access.address, labels: labels)
        if case .created(let operation) = try await context.compute.insertGlobalAddress(project: context.project, body) {
            try await context.compute.waitFor(operation, project: context.project, what: "reserving range \(access.range)",
                                              poller: context.poller, progress: context.progress)
        }
    }

    public func update(_ state: ComputeAPI.Address, changes: [FieldChange], in context: ResourceContext) async throws {
        let operation = try await context.compute.setGlobalAddressLabels(
            project: context.project, name: access.range, labels: labels, labelFingerprint: state.labelFingerprint ?? "")
        try await context.compute.waitFor(operation, project: context.project, what: "labelling range \(access.range)",
                                          poller: context.poller, progress: context.progress)
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        try await context.waitForComputeDeletion(
            try await context.compute.deleteGlobalAddress(project: context.project, name: identity.name), what: "releasing range \(identity.name)")
    }
}

extension ResourceKind {
    public static let addressRange: ResourceKind = ResourceKind(
        id: "address-range", title: "private services range", plural: "private services ranges", commandNames: ["address-range", "range"],
        service: "compute.googleapis.com", section: .network, typicalDuration: .seconds(10),
        teardown: Teardown(after: ["private-connection"]),
        nameProblem: { NetworkRules.computeNameProblem($0, what: "address range") },
        identify: { name, _ in ResourceIdentity(.addressRange, name) },
        list: { context, _ in
            // The global addresses reserved for peering; the load balancer's address is another kind's.
            let addresses = try await context.compute.globalAddresses(project: context.project).filter { $0.purpose == "VPC_PEERING" }
            return KindListing(try await addresses.asyncCompactMap { address in
                guard let name = address.name else { return nil }
                let range = address.address.map { "\($0)/\(address.prefixLength ?? 0)" }
                let details = [range, address.network.map { "on " + ComputeAPI.Reference.name($0) }].compactMap { $0 }
                return FoundResource(ResourceIdentity(.addressRange, name), created: address.creationTimestamp, labels: address.labels,
                                     ownership: try await Ownership.of(address, in: context), details: details)
            })
        }, setupPart: .network,
        declared: { environment, _ in
            guard let network = environment.network, let access = network.privateServiceAccess else { return [] }
            return [AddressRange(access, network: network.name, subnet: network.subnet?.name, labels: environment.labels)]
        })
        .deleted(by: AddressRange.self)
}
