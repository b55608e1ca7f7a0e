/// One resource cleanup found, with what the user needs to decide about it, and the
/// deletes that remove it (each through a `Resource`'s own `delete`).
public struct DiscoveredResource: Sendable {
    public var kind: ResourceKind
    /// The bucket, instance, service or secret id; a service account's email.
    public var name: String
    /// Region, zone or multi-region, where the kind has one.
    public var location: String?
    /// RFC 3339, as Google answers it.
    public var created: String?
    public var labels: [String: String]
    /// Short facts: `12 objects, 3.4 MiB`, `RUNNABLE`, `deletion protection`.
    public var details: [String]
    public var ownership: Ownership
    /// Deletion protection is on (a Cloud SQL instance): its name has to be typed.
    public var isProtected: Bool
    var deletions: [CleanupDeletion]

    init(kind: ResourceKind, name: String, location: String? = nil, created: String? = nil, labels: [String: String]? = nil,
         details: [String] = [], ownership: Ownership, isProtected: Bool = false, deletions: [CleanupDeletion]) {
        self.kind = kind
        self.name = name
        self.location = location
        self.created = created
        self.labels = labels ?? [:]
        self.details = details
        self.ownership = ownership
        self.isProtected = isProtected
        self.deletions = deletions
    }

    /// What a kind's listing found, deleted by its identity after its companions.
    init(_ found: FoundResource) {
        self.init(kind: found.kind, name: found.identity.name, location: found.identity.location, created: found.created,
                  labels: found.labels, details: found.details, ownership: found.ownership, isProtected: found.isProtected,
                  deletions: (found.companions + [found.identity]).map(CleanupDeletion.init))
    }

    /// `bucket clone-uploads-dev`: for prompts and the review.
    public var title: String { "\(kind.title) \(name)" }
}

/// One delete cleanup runs: a kind's deletion by identity (or a resource's own `delete`).
/// Its kind says what has to go before it (`teardown.after`).
struct CleanupDeletion: Sendable {
    var id: ResourceID
    var kind: ResourceKind
    var delete: @Sendable (ResourceContext) async throws -> Void

    /// Deletes what was found by what identifies it, through its kind.
    init(_ identity: ResourceIdentity) {
        // A cluster's name is unique in its location only: it runs as `location/name`.
        id = identity.kind == .gkeCluster ? GKECluster(name: identity.name, location: identity.location ?? "").id : identity.id
        kind = identity.kind
        delete = { context in
            guard let remove = identity.kind.remove else { throw DayTwoError.unsupportedKind(identity.kind.id) }
            try await remove(identity, context)
        }
    }

    init<R: Resource>(_ resource: R) {
        id = resource.id
        kind = resource.id.kind
        delete = { context in try await resource.delete(in: context) }
    }
}
