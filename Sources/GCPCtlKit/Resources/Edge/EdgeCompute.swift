import GoogleCloud

/// What the edge's kinds share: Compute operations waited for as setup does everything
/// else (deletions as the network's, `ResourceContext.waitForComputeDeletion`), references
/// compared from `projects/` on, and the ownership marker of the kinds that take no labels.
enum EdgeCompute {
    /// Waits for an insert's operation; one that already existed is left to the next observation.
    static func created(_ result: CreateResult<ComputeOperation>, _ what: String, in context: ResourceContext) async throws {
        if case .created(let operation) = result { try await finished(operation, what, in: context) }
    }

    static func finished(_ operation: ComputeOperation, _ what: String, in context: ResourceContext) async throws {
        try await context.compute.waitFor(operation, project: context.project, what: what, poller: context.poller, progress: context.progress)
    }

    /// `projects/P/global/COLLECTION/NAME`: what gcpctl sends and compares.
    static func global(_ project: String, _ collection: String, _ name: String) -> String {
        "projects/\(project)/global/\(collection)/\(name)"
    }

    static func regional(_ project: String, _ region: String, _ collection: String, _ name: String) -> String {
        "projects/\(project)/regions/\(region)/\(collection)/\(name)"
    }

    /// A reference as gcpctl compares it (nil stays nil).
    static func normalized(_ reference: String?) -> String? { reference.map(ComputeAPI.Reference.normalized) }

    /// The name at the end of a reference, for plans and tables.
    static func shortName(_ reference: String?) -> String? { reference.map(ComputeAPI.Reference.name) }

    /// The listing of an edge kind: each resource judged by `Ownership`'s rule, with its row.
    static func found<State: OwnershipEvident>(_ states: [State], in context: ResourceContext,
                                               _ identify: (State) -> (identity: ResourceIdentity, created: String?, details: [String])?)
        async throws -> KindListing {
        KindListing(try await FoundResource.judging(states, in: context, detailed: identify))
    }
}

extension ResourceKind {
    /// An edge kind's facts: a Compute resource named by RFC 1035, deleted by its name.
    static func edge(id: String, title: String, plural: String, command: String, priceKeys: [PriceKey] = [], after: Set<String>,
                     regional: Bool = false, list: @escaping @Sendable (ResourceContext, ListingDetail) async throws -> KindListing,
                     declared: @escaping @Sendable (Environment, SetupOptions) -> [any Resource]) -> ResourceKind {
        ResourceKind(
            id: id, title: title, plural: plural, commandNames: [command], service: "compute.googleapis.com", priceKeys: priceKeys,
            section: .edge, teardown: Teardown(namesLocation: regional, after: after), listingScope: regional ? .region : .project,
            nameProblem: EnvironmentValidator.computeNameProblem,
            identify: { name, environment in
                ResourceIdentity(ResourceKinds.named(id)!, name, location: regional ? environment.region : nil)
            },
            list: list, setupPart: .edge, declared: declared)
    }
}

extension SetupKind {
    /// The external HTTPS load balancer and its Cloud Armor policy.
    public static let edge = SetupKind("edge", synonyms: ["load-balancer", "lb"])
}

extension StatusSection {
    public static let edge = StatusSection(id: "edge", title: "Edge")
}

extension ComputeAPI.NetworkEndpointGroup: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .described(description) }
}

extension ComputeAPI.BackendService: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .described(description) }
}

extension ComputeAPI.SecurityPolicy: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension ComputeAPI.URLMap: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .described(description) }
}

extension ComputeAPI.SSLCertificate: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .described(description) }
}

extension ComputeAPI.TargetProxy: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .described(description) }
}

extension ComputeAPI.ForwardingRule: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}
