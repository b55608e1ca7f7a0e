/// Where Cloud Build writes deploy's build logs: `PROJECT_cloudbuild-logs`, gcpctl's own.
/// A build run as a service account of the user's choosing may not use Google's default
/// logs bucket: it must name a logs bucket (or keep its log in Cloud Logging only), and
/// Google asks that the build's account hold Storage Admin on that bucket
/// (https://cloud.google.com/build/docs/securing-builds/store-manage-build-logs). A bucket of
/// gcpctl's own lets deploy keep showing the log as the build runs. No retention policy (it
/// would stop Cloud Build writing), only a lifecycle rule deleting logs after 30 days.
public struct BuildLogsBucket: Sendable {
    public let name: String
    let environment: Environment

    public static let retentionDays = 30

    public init(environment: Environment) {
        self.environment = environment
        name = "\(environment.project)_cloudbuild-logs"
    }

    /// `gs://PROJECT_cloudbuild-logs`, as a build's `logsBucket` names it.
    public var address: String { "gs://\(name)" }

    public var resource: StorageBucket {
        StagingBucket.buildBucket(name, environment: environment, deletingAfterDays: Self.retentionDays)
    }
}
