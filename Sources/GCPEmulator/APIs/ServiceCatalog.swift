/// The services Service Usage knows about: every API the emulator serves, Google's
/// default services, and a few more a project commonly enables.
enum ServiceCatalog {
    static let titles: [String: String] = [
        "sqladmin.googleapis.com": "Cloud SQL Admin API",
        "sql-component.googleapis.com": "Cloud SQL",
        "storage.googleapis.com": "Cloud Storage API",
        "storage-api.googleapis.com": "Google Cloud Storage JSON API",
        "storage-component.googleapis.com": "Cloud Storage",
        "run.googleapis.com": "Cloud Run Admin API",
        "serviceusage.googleapis.com": "Service Usage API",
        "iam.googleapis.com": "Identity and Access Management (IAM) API",
        "iamcredentials.googleapis.com": "IAM Service Account Credentials API",
        "cloudresourcemanager.googleapis.com": "Cloud Resource Manager API",
        "secretmanager.googleapis.com": "Secret Manager API",
        "artifactregistry.googleapis.com": "Artifact Registry API",
        "cloudbuild.googleapis.com": "Cloud Build API",
        "monitoring.googleapis.com": "Cloud Monitoring API",
        "logging.googleapis.com": "Cloud Logging API",
        "container.googleapis.com": "Kubernetes Engine API",
        "cloudbilling.googleapis.com": "Cloud Billing API",
        "compute.googleapis.com": "Compute Engine API",
        "cloudapis.googleapis.com": "Google Cloud APIs",
        "bigquery.googleapis.com": "BigQuery API",
        "datastore.googleapis.com": "Cloud Datastore API",
        "servicemanagement.googleapis.com": "Service Management API",
        "cloudtrace.googleapis.com": "Cloud Trace API",
        "clouddebugger.googleapis.com": "Cloud Debugger API",
        "vpcaccess.googleapis.com": "Serverless VPC Access API",
        "pubsub.googleapis.com": "Cloud Pub/Sub API",
        "cloudscheduler.googleapis.com": "Cloud Scheduler API",
        "redis.googleapis.com": "Google Cloud Memorystore for Redis API",
        "servicenetworking.googleapis.com": "Service Networking API",
    ]

    static var known: Set<String> { Set(titles.keys) }

    static func title(_ service: String) -> String { titles[service] ?? service }

    /// Google accepts service names of the form `NAME.googleapis.com`.
    static func isValidName(_ service: String) -> Bool {
        guard service.hasSuffix(".googleapis.com") else { return false }
        let name = service.dropLast(".googleapis.com".count)
        return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
    }
}
