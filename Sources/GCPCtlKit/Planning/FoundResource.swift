/// One resource a kind's listing found in the project, with whose it is.
public struct FoundResource: Sendable {
    /// Its location is where it is (a bucket's location too, though its name alone finds it).
    public var identity: ResourceIdentity
    /// The kind it is shown as: its identity's, unless another kind's listing tells it apart
    /// (the bucket listing finds the Cloud Build staging bucket, deleted as any bucket).
    public var kind: ResourceKind
    /// RFC 3339, as Google answers it.
    public var created: String?
    public var labels: [String: String]
    /// Judged by `Ownership`'s one rule from what was listed.
    public var ownership: Ownership
    /// Short facts a user decides by: `12 objects, 3.4 MiB`, `RUNNABLE`, `deletion protection`.
    public var details: [String] = []
    /// Deletion protection is on (a Cloud SQL instance): its name has to be typed.
    public var isProtected = false
    /// Deleted with it, before it (an account's project roles), in this order.
    public var companions: [ResourceIdentity] = []
    /// The environment a resource without labels is for, from the description setup wrote
    /// (`Managed by gcpctl for prod`); labelled kinds say it with `gcpctl-env`.
    public var describedEnvironment: String?

    public init(_ identity: ResourceIdentity, shownAs kind: ResourceKind? = nil, created: String? = nil, labels: [String: String]? = nil,
                ownership: Ownership, details: [String] = [], isProtected: Bool = false, companions: [ResourceIdentity] = []) {
        self.identity = identity
        self.kind = kind ?? identity.kind
        self.created = created
        self.labels = labels ?? [:]
        self.ownership = ownership
        self.details = details
        self.isProtected = isProtected
        self.companions = companions
    }

    /// Each of `states`, judged by `Ownership`'s rule; `identify` gives what finds it again
    /// and when it was made.
    static func judging<State: OwnershipEvident>(_ states: [State], in context: ResourceContext,
                                                 _ identify: (State) -> (identity: ResourceIdentity, created: String?))
        async throws -> [FoundResource] {
        try await judging(states, in: context, detailed: { state in
            let (identity, created) = identify(state)
            return (identity, created, [])
        })
    }

    /// The same, with each one's details for the listing's row; `identify` skips a state by
    /// answering nil (one without a name).
    static func judging<State: OwnershipEvident>(
        _ states: [State], in context: ResourceContext,
        detailed identify: (State) -> (identity: ResourceIdentity, created: String?, details: [String])?
    ) async throws -> [FoundResource] {
        var found: [FoundResource] = []
        for state in states {
            guard let (identity, created, details) = identify(state) else { continue }
            found.append(FoundResource(identity, created: created, labels: state.ownershipEvidence.labels,
                                       ownership: try await Ownership.of(state, in: context), details: details))
        }
        return found
    }
}

/// What one kind's listing found, and what it could not see.
public struct KindListing: Sendable {
    public var found: [FoundResource]
    /// Incomplete answers worth a warning (GKE zones that did not answer).
    public var notes: [String] = []

    public init(_ found: [FoundResource], notes: [String] = []) {
        self.found = found
        self.notes = notes
    }
}

/// How much a listing reads. `list` shows names and owners; cleanup shows what a user
/// decides by, which costs more reads (every bucket's objects, the project's IAM policy).
public enum ListingDetail: Sendable {
    case brief
    case full
}
