import GoogleCloud

/// One resource found in the project by `gcpctl list`.
public struct ListedResource: Sendable, Encodable, Equatable {
    public var kind: String
    public var name: String
    /// The `gcpctl-env` label: which environment made it.
    public var environment: String?
    public var location: String?
    /// Whether gcpctl made it, by `Ownership`'s rule (the managed-by=gcpctl label, or for
    /// service accounts the description gcpctl gives them; never another project's bucket).
    public var managed: Bool
    public var created: String?
}

/// Where `gcpctl list` and `gcpctl delete` look for each kind, and how each kind shows
/// that gcpctl made it. Every listing follows the pages to the end.
public enum ManagedKind: String, Sendable, CaseIterable, Codable {
    case api
    case bucket
    case secret
    case service
    case serviceAccount = "service-account"
    case sql
    case repository

    public var title: String {
        switch self {
        case .api: "APIs"
        case .bucket: "Buckets"
        case .secret: "Secrets"
        case .service: "Cloud Run services"
        case .serviceAccount: "Service accounts"
        case .sql: "Cloud SQL instances"
        case .repository: "Artifact Registry repositories"
        }
    }

    /// Why `name` cannot be a resource of this kind (nil: it can), by the kind's naming rules:
    /// checked before any request, so that no name reaches another resource's path.
    public func nameProblem(_ name: String) -> String? {
        switch self {
        case .api: NamingRules.apiNameProblem(name)
        case .bucket: NamingRules.bucketNameProblem(name)
        case .secret: NamingRules.secretIDProblem(name)
        case .service: NamingRules.serviceNameProblem(name)
        case .serviceAccount: NamingRules.serviceAccountProblem(name)
        case .sql: NamingRules.sqlInstanceNameProblem(name)
        case .repository: NamingRules.repositoryIDProblem(name)
        }
    }

    /// Each of `states` with whose it is (`Ownership`); `describe` gives its name, location
    /// and creation time.
    func listed<State: OwnershipEvident>(_ states: [State], in context: ResourceContext,
                                        _ describe: (State) -> (name: String, location: String?, created: String?))
        async throws -> [ListedResource] {
        var listed: [ListedResource] = []
        for state in states {
            let (name, location, created) = describe(state)
            let labels = state.ownershipEvidence.labels
            listed.append(ListedResource(kind: rawValue, name: name, environment: labels?[Environment.environmentLabelKey], location: location,
                                         managed: try await Ownership.of(state, in: context).isGcpctls, created: created))
        }
        return listed
    }

    /// Everything of this kind in the project (APIs: the enabled ones; those the
    /// environment declares count as managed).
    func list(in context: ResourceContext) async throws -> [ListedResource] {
        let project = context.project
        let environment = context.environment
        switch self {
        case .api:
            let declared = Set(environment.apis)
            return try await context.serviceUsage.enabledServices(project: project).sorted().map { name in
                ListedResource(kind: rawValue, name: name, environment: nil, location: nil, managed: declared.contains(name), created: nil)
            }
        case .bucket:
            return try await listed(context.storage.buckets(project: project), in: context) { ($0.name ?? "", $0.location, $0.timeCreated) }
        case .secret:
            return try await listed(context.secretManager.secrets(project: project), in: context) { ($0.id, nil, $0.createTime) }
        case .service:
            return try await listed(context.cloudRun.services(project: project, region: environment.region), in: context) {
                ($0.id, environment.region, $0.createTime)
            }
        case .serviceAccount:
            return try await listed(context.iam.serviceAccounts(project: project), in: context) { ($0.email ?? "", nil, nil) }
        case .sql:
            return try await listed(context.sqlAdmin.instances(project: project), in: context) { ($0.name ?? "", $0.region, $0.createTime) }
        case .repository:
            let location = environment.artifactRegistry.location
            return try await listed(context.artifactRegistry.repositories(project: project, location: location), in: context) {
                ($0.name?.split(separator: "/").last.map(String.init) ?? "", location, $0.createTime)
            }
        }
    }
}
