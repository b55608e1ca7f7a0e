import GoogleCloud

/// One resource `gcpctl delete` may remove: its own `Resource` (so deletion is the same
/// code cleanup uses), and whose its observed state shows it is (`Ownership`).
struct DeletionTarget: Sendable {
    var id: ResourceID
    /// `bucket clone-uploads-dev`, with what goes with it.
    var description: String
    /// Whose it is and what showed it; nil: it does not exist.
    var observe: @Sendable (ResourceContext) async throws -> (ownership: Ownership, evidence: Ownership.Evidence)?
    var delete: @Sendable (ResourceContext) async throws -> Void
    /// Losing it loses data that cannot be recreated: the name must be typed to confirm.
    var needsTypedConfirmation: Bool

    init<R: Resource>(_ resource: R, description: String, typed: Bool = false) where R.State: OwnershipEvident {
        self.init(resource, description: description, typed: typed) { context in try await resource.observe(in: context) }
    }

    /// `read` observes without the resource's own checks (a bucket of another project is
    /// read, so that its holder can be named, instead of refused).
    init<R: Resource, State: OwnershipEvident>(_ resource: R, description: String, typed: Bool = false,
                                             read: @escaping @Sendable (ResourceContext) async throws -> State?) {
        id = resource.id
        self.description = description
        needsTypedConfirmation = typed
        observe = { context in
            guard let state = try await read(context) else { return nil }
            return (try await Ownership.of(state, in: context), state.ownershipEvidence)
        }
        delete = { context in try await resource.delete(in: context) }
    }

    /// The environment's own declaration of `name` when it has one (so deletion does what
    /// cleanup would), else the same kind under that name. `name` has passed its kind's
    /// naming rule (`ManagedKind.nameProblem`).
    static func resolve(_ kind: ManagedKind, _ name: String, in environment: Environment) throws -> DeletionTarget {
        switch kind {
        case .bucket:
            let bucket = StorageBucket(environment.bucket(named: name) ?? Environment.Bucket(
                name: name, envVar: nil, location: "", storageClass: "", versioning: false, uniformAccess: true, labels: [:], lifecycle: []))
            return DeletionTarget(bucket, description: "bucket \(name) and every object in it") { context in
                try await bucket.observeInAnyProject(in: context)
            }
        case .secret:
            let secret = environment.secrets.first { $0.id == name } ?? Environment.Secret(id: name, labels: [:])
            return DeletionTarget(ManagedSecret(secret), description: "secret \(name) and all its versions")
        case .serviceAccount:
            let email = name.contains("@") ? name : IAMAPI.email(accountID: name, project: environment.project)
            var account = environment.serviceAccount
            if account.email != email {
                account = Environment.ServiceAccount(id: String(email.prefix { $0 != "@" }), displayName: "", roles: [], email: email)
            }
            return DeletionTarget(RuntimeServiceAccount(account), description: "service account \(email)")
        case .sql:
            guard var sql = environment.cloudSQL else {
                throw DayTwoError.noCloudSQL(environment: environment.name, file: environment.origin.file)
            }
            sql.instance = name
            let instance = SQLInstance(sql, region: environment.region, labels: environment.labels)
            return DeletionTarget(instance, description: "Cloud SQL instance \(name) with every database and backup in it", typed: true)
        case .repository:
            var repository = environment.artifactRegistry
            repository.repository = name
            return DeletionTarget(ArtifactRepository(repository, labels: environment.labels),
                                  description: "Artifact Registry repository \(name) and every image in it")
        case .service:
            return DeletionTarget(CloudRunService(name: name, region: environment.region),
                                  description: "Cloud Run service \(name) in \(environment.region) (its images stay)")
        case .api:
            throw DayTwoError.unsupportedKind(kind.rawValue)
        }
    }
}
