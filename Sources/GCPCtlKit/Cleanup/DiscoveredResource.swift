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

    /// What a kind's listing found, deleted by its identity after its companions, in the
    /// steps cleanup has always deleted in.
    init(_ found: FoundResource) {
        self.init(kind: found.kind, name: found.identity.name, location: found.identity.location, created: found.created,
                  labels: found.labels, details: found.details, ownership: found.ownership, isProtected: found.isProtected,
                  deletions: (found.companions + [found.identity]).map { CleanupDeletion($0, step: LegacyCleanupOrder.step(of: $0.kind)) })
    }

    /// `bucket clone-uploads-dev`: for prompts and the review.
    public var title: String { "\(kind.title) \(name)" }
}

/// One delete cleanup runs: a kind's deletion by identity (or a resource's own `delete`),
/// in its step.
struct CleanupDeletion: Sendable {
    var id: ResourceID
    var step: CleanupStep
    var delete: @Sendable (ResourceContext) async throws -> Void

    /// Deletes what was found by what identifies it, through its kind.
    init(_ identity: ResourceIdentity, step: CleanupStep) {
        // A cluster's name is unique in its location only: it runs as `location/name`.
        id = identity.kind == .gkeCluster ? GKECluster(name: identity.name, location: identity.location ?? "").id : identity.id
        self.step = step
        delete = { context in
            guard let remove = identity.kind.remove else { throw DayTwoError.unsupportedKind(identity.kind.id) }
            try await remove(identity, context)
        }
    }

    init<R: Resource>(_ resource: R, step: CleanupStep) {
        id = resource.id
        self.step = step
        delete = { context in try await resource.delete(in: context) }
    }
}
