/// What gcpctl manages, by kind and name: `bucket clone-uploads-dev`.
public struct ResourceID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var kind: ResourceKind
    public var name: String

    public init(_ kind: ResourceKind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String { kind == .apis ? "project APIs" : "\(kind.title) \(name)" }

    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool {
        (lhs.kind.order, lhs.name) < (rhs.kind.order, rhs.name)
    }
}

/// Every kind of resource, in the order plans and summaries list them.
public enum ResourceKind: String, Sendable, Codable, CaseIterable {
    case apis = "api"
    case artifactRepository = "artifact-registry"
    case bucket
    case serviceAccount = "service-account"
    case projectRoles = "project-roles"
    /// The build account's roles on the buckets and the repository a build uses.
    case buildAccountRoles = "build-account-roles"
    case serviceAccountKey = "service-account-key"
    case secret
    case sqlInstance = "sql-instance"
    case sqlDatabase = "sql-database"
    case sqlUser = "sql-user"
    /// The database password's copy in a regional secret, for Cloud SQL's Data API.
    case sqlDataAPIPassword = "sql-data-api-password"
    case sqlExtension = "sql-extension"
    case cloudRunService = "cloud-run-service"
    /// Found and deleted by cleanup only: gcpctl creates no clusters.
    case gkeCluster = "gke-cluster"

    public var title: String {
        switch self {
        case .apis: "APIs"
        case .artifactRepository: "Artifact Registry repository"
        case .bucket: "bucket"
        case .serviceAccount: "service account"
        case .projectRoles: "project roles of"
        case .buildAccountRoles: "bucket and repository roles of"
        case .serviceAccountKey: "service account key"
        case .secret: "secret"
        case .sqlInstance: "Cloud SQL instance"
        case .sqlDatabase: "Cloud SQL database"
        case .sqlUser: "Cloud SQL user"
        case .sqlDataAPIPassword: "Data API password of"
        case .sqlExtension: "PostgreSQL extension"
        case .cloudRunService: "Cloud Run service"
        case .gkeCluster: "GKE cluster"
        }
    }

    var order: Int { ResourceKind.allCases.firstIndex(of: self) ?? 0 }
}
