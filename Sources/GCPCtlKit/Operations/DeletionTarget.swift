import GoogleCloud

/// One resource `gcpctl delete` may remove, by its identity: deleted by its kind (the same
/// code cleanup uses), after its observed state shows whose it is (`Ownership`).
struct DeletionTarget: Sendable {
    var id: ResourceID
    /// `bucket clone-uploads-dev`, with what goes with it.
    var description: String
    /// Whose it is and what showed it; nil: it does not exist.
    var observe: @Sendable (ResourceContext) async throws -> (ownership: Ownership, evidence: Ownership.Evidence)?
    var delete: @Sendable (ResourceContext) async throws -> Void
    /// Losing it loses data that cannot be recreated: the name must be typed to confirm.
    var needsTypedConfirmation: Bool

    /// Reads and deletes `identity` through its kind, which judges whose it is by
    /// `Ownership`'s rule.
    init(_ identity: ResourceIdentity, description: String, typed: Bool = false) {
        id = identity.id
        self.description = description
        needsTypedConfirmation = typed
        observe = { context in
            guard let observe = identity.kind.observeOwnership else { throw DayTwoError.unsupportedKind(identity.kind.id) }
            return try await observe(identity, context)
        }
        delete = { context in
            guard let remove = identity.kind.remove else { throw DayTwoError.unsupportedKind(identity.kind.id) }
            try await remove(identity, context)
        }
    }

    /// What `name` identifies as a resource of `kind`, where the environment puts that
    /// kind (its region, its repository location). `name` has passed its kind's naming
    /// rule (`ManagedKind.nameProblem`).
    static func resolve(_ kind: ManagedKind, _ name: String, in environment: Environment) throws -> DeletionTarget {
        switch kind {
        case .bucket:
            return DeletionTarget(ResourceIdentity(.bucket, name), description: "bucket \(name) and every object in it")
        case .secret:
            return DeletionTarget(ResourceIdentity(.secret, name), description: "secret \(name) and all its versions")
        case .serviceAccount:
            let email = name.contains("@") ? name : IAMAPI.email(accountID: name, project: environment.project)
            return DeletionTarget(ResourceIdentity(.serviceAccount, email), description: "service account \(email)")
        case .sql:
            guard environment.cloudSQL != nil else {
                throw DayTwoError.noCloudSQL(environment: environment.name, file: environment.origin.file)
            }
            return DeletionTarget(ResourceIdentity(.sqlInstance, name, location: environment.region),
                                  description: "Cloud SQL instance \(name) with every database and backup in it", typed: true)
        case .repository:
            return DeletionTarget(ResourceIdentity(.artifactRepository, name, location: environment.artifactRegistry.location),
                                  description: "Artifact Registry repository \(name) and every image in it")
        case .service:
            return DeletionTarget(ResourceIdentity(.cloudRunService, name, location: environment.region),
                                  description: "Cloud Run service \(name) in \(environment.region) (its images stay)")
        case .api:
            throw DayTwoError.unsupportedKind(kind.rawValue)
        }
    }
}
