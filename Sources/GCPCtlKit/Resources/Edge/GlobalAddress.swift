import GoogleCloud

/// The edge's reserved external IPv4 address (https://cloud.google.com/compute/docs/reference/rest/v1/globalAddresses):
/// what the domain's DNS A record points at, shared by the HTTPS and HTTP forwarding rules.
/// Fixed once made, but for its labels.
public struct GlobalAddress: KindResource {
    public let edge: Environment.Edge

    public var identity: ResourceIdentity { ResourceIdentity(.globalAddress, edge.address) }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.Address? {
        try await context.compute.globalAddress(project: context.project, name: identity.name)
    }

    public func differences(from state: ComputeAPI.Address) throws -> [FieldChange] {
        if state.addressType != "EXTERNAL" || state.purpose != nil {
            throw ImmutableFieldError(
                resource: id, changes: [FieldChange("addressType", old: state.purpose ?? state.addressType, new: "EXTERNAL")],
                advice: "An address's type is fixed: name another address in edge.address.")
        }
        var changes = FieldChanges()
        changes.compareLabels(observed: state.labels, desired: edge.labels)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let address = ComputeAPI.Address(name: edge.address, description: Ownership.description(for: context.environment),
                                         addressType: "EXTERNAL", labels: edge.labels)
        let result = try await context.compute.insertGlobalAddress(project: context.project, address)
        try await EdgeCompute.created(result, "reserving address \(edge.address)", in: context)
    }

    public func update(_ state: ComputeAPI.Address, changes: [FieldChange], in context: ResourceContext) async throws {
        let operation = try await context.compute.setGlobalAddressLabels(
            project: context.project, name: edge.address, labels: edge.labels, labelFingerprint: state.labelFingerprint ?? "")
        try await EdgeCompute.finished(operation, "labelling address \(edge.address)", in: context)
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteGlobalAddress(project: context.project, name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "releasing address \(identity.name)")
    }

    /// External global addresses only: the internal ranges reserved for private services
    /// access are the address-range kind's.
    static func list(in context: ResourceContext, detail: ListingDetail) async throws -> KindListing {
        let addresses = try await context.compute.globalAddresses(project: context.project)
        return try await EdgeCompute.found(addresses, in: context) { address in
            guard let name = address.name, address.addressType == "EXTERNAL" else { return nil }
            return (ResourceIdentity(.globalAddress, name), address.creationTimestamp, [address.address, address.status].compactMap { $0 })
        }
    }
}

extension ResourceKind {
    public static let globalAddress = ResourceKind.edge(
        id: "global-address", title: "global address", plural: "global addresses", command: "global-address",
        after: ["forwarding-rule"], list: GlobalAddress.list,
        declared: { environment, _ in environment.edge.map { [GlobalAddress(edge: $0)] } ?? [] })
        .deleted(by: GlobalAddress.self)
}
