import GoogleCloud

/// One resource `gcpctl delete` may remove: its own `Resource` (so deletion is the same
/// code cleanup uses), and how its observed state shows who made it.
struct DeletionTarget: Sendable {
    enum Ownership: Sendable, Equatable {
        /// Labelled managed-by=gcpctl; `environment` is its gcpctl-env label.
        case managed(environment: String?)
        case unmanaged
    }

    var id: ResourceID
    /// `bucket clone-uploads-dev`, with what goes with it.
    var description: String
    /// nil: it does not exist.
    var observe: @Sendable (ResourceContext) async throws -> Ownership?
    var delete: @Sendable (ResourceContext) async throws -> Void
    /// Losing it loses data that cannot be recreated: the name must be typed to confirm.
    var needsTypedConfirmation: Bool

    init<R: Resource>(_ resource: R, description: String, typed: Bool = false,
                      ownership: @escaping @Sendable (R.State) -> Ownership) {
        id = resource.id
        self.description = description
        needsTypedConfirmation = typed
        observe = { context in try await resource.observe(in: context).map(ownership) }
        delete = { context in try await resource.delete(in: context) }
    }

    static func labels(_ labels: [String: String]?) -> Ownership {
        ManagedKind.isManaged(labels) ? .managed(environment: labels?[Environment.environmentLabelKey]) : .unmanaged
    }

    /// The environment's own declaration of `name` when it has one (so deletion does what
    /// cleanup would), else the same kind under that name.
    static func resolve(_ kind: ManagedKind, _ name: String, in environment: Environment) throws -> DeletionTarget {
        switch kind {
        case .bucket:
            let bucket = environment.bucket(named: name) ?? Environment.Bucket(
                name: name, envVar: nil, location: "", storageClass: "", versioning: false, uniformAccess: true, labels: [:], lifecycle: [])
            return DeletionTarget(StorageBucket(bucket), description: "bucket \(name) and every object in it") { labels($0.labels) }
        case .secret:
            let secret = environment.secrets.first { $0.id == name } ?? Environment.Secret(id: name, labels: [:])
            return DeletionTarget(ManagedSecret(secret), description: "secret \(name) and all its versions") { labels($0.labels) }
        case .serviceAccount:
            let email = name.contains("@") ? name : IAMAPI.email(accountID: name, project: environment.project)
            var account = environment.serviceAccount
            if account.email != email {
                account = Environment.ServiceAccount(id: String(email.prefix { $0 != "@" }), displayName: "", roles: [], email: email)
            }
            return DeletionTarget(RuntimeServiceAccount(account), description: "service account \(email)") { state in
                state.description == ManagedKind.serviceAccountDescription ? .managed(environment: nil) : .unmanaged
            }
        case .sql:
            guard var sql = environment.cloudSQL else {
                throw DayTwoError.noCloudSQL(environment: environment.name, file: environment.origin.file)
            }
            sql.instance = name
            let instance = SQLInstance(sql, region: environment.region, labels: environment.labels)
            return DeletionTarget(instance, description: "Cloud SQL instance \(name) with every database and backup in it", typed: true) {
                labels($0.settings?.userLabels)
            }
        case .repository:
            var repository = environment.artifactRegistry
            repository.repository = name
            return DeletionTarget(ArtifactRepository(repository, labels: environment.labels),
                                  description: "Artifact Registry repository \(name) and every image in it") { labels($0.labels) }
        case .service:
            return DeletionTarget(CloudRunService(name: name, region: environment.region),
                                  description: "Cloud Run service \(name) in \(environment.region) (its images stay)") { labels($0.labels) }
        case .api:
            throw DayTwoError.unsupportedKind(kind.rawValue)
        }
    }
}
