import GoogleCloud

/// The network's subnet in the environment's region (`network.subnet`), with Private Google
/// Access. Its range can only widen (`expandIpCidrRange`); its network never changes.
public struct Subnetwork: KindResource {
    public let subnet: Environment.Network.Subnet
    public let network: String
    public let description: String

    public init(_ subnet: Environment.Network.Subnet, network: String, shortName: String) {
        self.subnet = subnet
        self.network = network
        self.description = Ownership.description(forShortName: shortName)
    }

    public var identity: ResourceIdentity { ResourceIdentity(.subnetwork, subnet.name, location: subnet.region) }
    public var dependencies: [ResourceID] { [ResourceID(.network, network)] }

    static func region(of identity: ResourceIdentity, in context: ResourceContext) -> String {
        identity.location ?? context.environment.region
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.Subnetwork? {
        try await context.compute.subnetwork(project: context.project, region: region(of: identity, in: context), name: identity.name)
    }

    public func differences(from state: ComputeAPI.Subnetwork) throws -> [FieldChange] {
        let desiredNetwork = ComputeAPI.Reference.network(project: "", name: network)
        if let observed = state.network, ComputeAPI.Reference.name(observed) != network {
            throw ImmutableFieldError(
                resource: id, changes: [FieldChange("network", old: ComputeAPI.Reference.normalized(observed), new: desiredNetwork)],
                advice: "A subnet cannot move to another network; name another subnet in network.subnet.name.")
        }
        var changes = FieldChanges()
        if let observed = state.ipCidrRange, observed != subnet.ipCidrRange {
            let change = FieldChange("ipCidrRange", old: observed, new: subnet.ipCidrRange)
            guard let old = IPv4Range(observed), let new = IPv4Range(subnet.ipCidrRange), new.prefix < old.prefix,
                  new.base & new.mask == old.base & new.mask
            else {
                throw ImmutableFieldError(resource: id, changes: [change],
                                          advice: "A subnet's range can only be widened to one that contains it; to shrink or move it, name another subnet.")
            }
            changes.append(change)
        }
        changes.compare("privateIpGoogleAccess", observed: state.privateIpGoogleAccess ?? false, desired: subnet.privateIpGoogleAccess)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let body = ComputeAPI.Subnetwork(
            name: subnet.name, description: description, network: ComputeAPI.Reference.network(project: context.project, name: network),
            ipCidrRange: subnet.ipCidrRange, privateIpGoogleAccess: subnet.privateIpGoogleAccess)
        if case .created(let operation) = try await context.compute.insertSubnetwork(project: context.project, region: subnet.region, body) {
            try await context.compute.waitFor(operation, project: context.project, what: "creating subnet \(subnet.name)",
                                              poller: context.poller, progress: context.progress)
        }
    }

    public func update(_ state: ComputeAPI.Subnetwork, changes: [FieldChange], in context: ResourceContext) async throws {
        let fields = Set(changes.map(\.field))
        if fields.contains("ipCidrRange") {
            let operation = try await context.compute.expandIpCidrRange(
                project: context.project, region: subnet.region, name: subnet.name, ipCidrRange: subnet.ipCidrRange)
            try await context.compute.waitFor(operation, project: context.project, what: "widening subnet \(subnet.name)",
                                              poller: context.poller, progress: context.progress)
        }
        if fields.contains("privateIpGoogleAccess") {
            let operation = try await context.compute.setPrivateIpGoogleAccess(
                project: context.project, region: subnet.region, name: subnet.name, enabled: subnet.privateIpGoogleAccess)
            try await context.compute.waitFor(operation, project: context.project, what: "changing subnet \(subnet.name)",
                                              poller: context.poller, progress: context.progress)
        }
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteSubnetwork(
            project: context.project, region: region(of: identity, in: context), name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "deleting subnet \(identity.name)")
    }
}

extension ResourceKind {
    /// Listed in the environment's region.
    public static let subnetwork: ResourceKind = ResourceKind(
        id: "subnetwork", title: "subnetwork", plural: "subnetworks", commandNames: ["subnet", "subnetwork"],
        service: "compute.googleapis.com", section: .network, typicalDuration: .seconds(15),
        teardown: Teardown(namesLocation: true, after: ["vpc-connector"]), listingScope: .region,
        nameProblem: { NetworkRules.computeNameProblem($0, what: "subnetwork") },
        identify: { name, environment in ResourceIdentity(.subnetwork, name, location: environment.region) },
        list: { context, _ in
            let region = context.environment.region
            let subnets = try await context.compute.subnetworks(project: context.project, region: region)
            return KindListing(try await subnets.asyncCompactMap { subnet in
                guard let name = subnet.name else { return nil }
                let details = [subnet.ipCidrRange, subnet.network.map { "on " + ComputeAPI.Reference.name($0) }].compactMap { $0 }
                return try await FoundResource.described(ResourceIdentity(.subnetwork, name, location: region), created: subnet.creationTimestamp,
                                                         by: subnet, details: details, in: context)
            })
        }, setupPart: .network,
        declared: { environment, _ in
            guard let network = environment.network, let subnet = network.subnet else { return [] }
            return [Subnetwork(subnet, network: network.name, shortName: environment.shortName)]
        })
        .deleted(by: Subnetwork.self)
}
