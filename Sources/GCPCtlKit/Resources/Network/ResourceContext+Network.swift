import GoogleCloud

extension ResourceContext {
    public var compute: ComputeAPI { ComputeAPI(cloud) }
    public var serviceNetworking: ServiceNetworkingAPI { ServiceNetworkingAPI(cloud) }
    public var vpcAccess: VPCAccessAPI { VPCAccessAPI(cloud) }

    /// Waits for a Compute delete; a resource still used by another is a dependency that was
    /// not deleted first, said with Compute's own reason (which names the user).
    func waitForComputeDeletion(_ operation: ComputeOperation?, what: String) async throws {
        guard let operation else { return }
        let ended = try await compute.finished(operation, project: project, what: what, poller: poller, progress: progress)
        guard let message = ended.failureMessage else { return }
        throw OperationError.failed(what: what, message: ended.failedAsInUse ? "\(message); delete what uses it first" : message)
    }
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
