/// What cleanup finds, by kind, in the order its menus list them.
public enum CleanupKind: String, CaseIterable, Sendable, Codable {
    case cloudRunService = "cloud-run-service"
    case gkeCluster = "gke-cluster"
    case sqlInstance = "sql-instance"
    case bucket
    /// `PROJECT_cloudbuild`, where source archives are uploaded for Cloud Build.
    case buildBucket = "cloud-build-bucket"
    case secret
    case artifactRepository = "artifact-registry"
    case serviceAccount = "service-account"

    public var plural: String {
        switch self {
        case .cloudRunService: "Cloud Run services"
        case .gkeCluster: "GKE clusters"
        case .sqlInstance: "Cloud SQL instances"
        case .bucket: "buckets"
        case .buildBucket: "Cloud Build staging bucket"
        case .secret: "secrets"
        case .artifactRepository: "Artifact Registry repositories"
        case .serviceAccount: "service accounts"
        }
    }

    public var singular: String {
        switch self {
        case .cloudRunService: "Cloud Run service"
        case .gkeCluster: "GKE cluster"
        case .sqlInstance: "Cloud SQL instance"
        case .bucket: "bucket"
        case .buildBucket: "Cloud Build staging bucket"
        case .secret: "secret"
        case .artifactRepository: "Artifact Registry repository"
        case .serviceAccount: "service account"
        }
    }

    /// The API that has to be on for gcpctl to list this kind.
    var api: String {
        switch self {
        case .cloudRunService: "run.googleapis.com"
        case .gkeCluster: "container.googleapis.com"
        case .sqlInstance: "sqladmin.googleapis.com"
        case .bucket, .buildBucket: "storage.googleapis.com"
        case .secret: "secretmanager.googleapis.com"
        case .artifactRepository: "artifactregistry.googleapis.com"
        case .serviceAccount: "iam.googleapis.com"
        }
    }
}

/// Deletion runs step by step, everything within a step at once: what uses a resource
/// goes before it (services before the database, secrets and account they use; role
/// bindings before their account; the APIs last, when asked).
public enum CleanupStep: Int, CaseIterable, Comparable, Sendable {
    case services, clustersAndInstances, buckets, secrets, repositories, roleBindings, serviceAccounts, apis

    public static func < (lhs: CleanupStep, rhs: CleanupStep) -> Bool { lhs.rawValue < rhs.rawValue }
}
