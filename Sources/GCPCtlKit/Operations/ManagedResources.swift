import GoogleCloud

/// One resource found in the project by `gcpctl list`.
public struct ListedResource: Sendable, Encodable, Equatable {
    public var kind: String
    public var name: String
    /// The `gcpctl-env` label: which environment made it.
    public var environment: String?
    public var location: String?
    /// Whether gcpctl made it (the managed-by=gcpctl label, or for service accounts the
    /// description gcpctl gives them).
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

    /// Service accounts have no labels; gcpctl writes this description on the ones it creates.
    static let serviceAccountDescription = "Managed by gcpctl"

    static func isManaged(_ labels: [String: String]?) -> Bool {
        labels?[Environment.managedByLabel.key] == Environment.managedByLabel.value
    }

    static func listed(_ kind: ManagedKind, _ name: String, labels: [String: String]?, location: String? = nil,
                       created: String? = nil) -> ListedResource {
        ListedResource(kind: kind.rawValue, name: name, environment: labels?[Environment.environmentLabelKey],
                       location: location, managed: isManaged(labels), created: created)
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
            return try await context.storage.buckets(project: project).map { bucket in
                ManagedKind.listed(self, bucket.name ?? "", labels: bucket.labels, location: bucket.location, created: bucket.timeCreated)
            }
        case .secret:
            return try await context.secretManager.secrets(project: project).map { secret in
                ManagedKind.listed(self, secret.id, labels: secret.labels,
                                   created: secret.createTime)
            }
        case .service:
            return try await CloudRunAPI(context.cloud).services(project: project, region: environment.region).map { service in
                ManagedKind.listed(self, service.id, labels: service.labels, location: environment.region, created: service.createTime)
            }
        case .serviceAccount:
            return try await context.iam.serviceAccounts(project: project).map { account in
                ListedResource(kind: rawValue, name: account.email ?? "", environment: nil, location: nil,
                               managed: account.description == ManagedKind.serviceAccountDescription, created: nil)
            }
        case .sql:
            return try await context.sqlAdmin.instances(project: project).map { instance in
                ManagedKind.listed(self, instance.name ?? "", labels: instance.settings?.userLabels, location: instance.region,
                                   created: instance.createTime)
            }
        case .repository:
            let location = environment.artifactRegistry.location
            return try await context.artifactRegistry.repositories(project: project, location: location).map { repository in
                ManagedKind.listed(self, repository.name?.split(separator: "/").last.map(String.init) ?? "", labels: repository.labels,
                                   location: location, created: repository.createTime)
            }
        }
    }
}
