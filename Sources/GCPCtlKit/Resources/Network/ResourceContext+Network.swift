import GoogleCloud

extension ResourceContext {
    public var serviceNetworking: ServiceNetworkingAPI { ServiceNetworkingAPI(cloud) }
    public var vpcAccess: VPCAccessAPI { VPCAccessAPI(cloud) }
}

extension ComputeAPI.Network: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .described(description) }
}

extension ComputeAPI.Subnetwork: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .described(description) }
}

extension ComputeAPI.Address: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension StatusSection {
    public static let network = StatusSection(id: "network", title: "Network")
}

extension SetupKind {
    /// The private network; its connection is made with the project's number and its peering
    /// removed through Compute.
    public static let network = SetupKind("network", synonyms: ["vpc", "networking"],
                                          alsoCalls: ["compute.googleapis.com", "cloudresourcemanager.googleapis.com"])
}

extension FoundResource {
    /// A resource without labels, judged by what `state` shows (its or its network's
    /// description), with the environment that description names.
    static func described(_ identity: ResourceIdentity, created: String? = nil, by state: some OwnershipEvident,
                          details: [String], in context: ResourceContext) async throws -> FoundResource {
        let ownership = try await Ownership.of(state, in: context)
        var found = FoundResource(identity, created: created, ownership: ownership, details: details)
        switch ownership {
        case .environment: found.describedEnvironment = context.environment.shortName
        case .otherEnvironment(let owner): found.describedEnvironment = owner
        default: break
        }
        return found
    }
}
