/// One `environments/<name>.yaml` exactly as written: optional keys stay optional, names keep
/// their `{project}` / `{env}` placeholders. `Environment` is the resolved form the rest of
/// gcpctl uses. Every key is documented in docs/configuration.md; a key this type does not
/// declare is reported as unknown (see `YAMLDocumentDecoder`).
public struct EnvironmentFile: Codable, Equatable, Sendable {
    /// The canonical name: development, staging, production.
    public var name: String
    /// Other names `--env` accepts; the first is the short name used for `{env}`.
    public var aliases: [String]?
    public var project: String?
    public var region: String?
    /// The legacy variables file for the services, relative to the config directory.
    public var envFile: String?
    public var labels: [String: String]?
    public var apis: [String]?
    public var artifactRegistry: ArtifactRegistry
    public var buckets: [Bucket]?
    public var serviceAccount: ServiceAccount
    /// The account Cloud Build runs deploy's builds as; absent: `digitwinlive-build`.
    public var buildServiceAccount: BuildServiceAccount?
    public var secrets: [Secret]?
    public var cloudSQL: CloudSQL?
    public var services: NamedEntries<Service>?
    public var pubsub: PubSub?
    public var scheduler: Scheduler?
    public var usage: Usage?
    public var network: Network?
    public var edge: Edge?
    /// Memorystore for Redis on the network (`redis:`); absent: none.
    public var redis: Redis?
    /// Uptime checks and alert policies (`monitoring:`); absent: none.
    public var monitoring: Monitoring?

    public struct ArtifactRegistry: Codable, Equatable, Sendable {
        public var repository: String
        public var description: String?
        /// Defaults to the environment's region.
        public var location: String?
    }

    public struct ServiceAccount: Codable, Equatable, Sendable {
        /// The account id: the part of the email before `@`.
        public var id: String
        public var displayName: String?
        public var roles: [String]?
    }

    /// The build account's roles are not declared: they are exactly what a build needs.
    public struct BuildServiceAccount: Codable, Equatable, Sendable {
        public var id: String?
        public var displayName: String?
    }

    public struct Secret: Codable, Equatable, Sendable {
        public var id: String
        public var labels: [String: String]?
    }

    /// Expected monthly usage, the input of `gcpctl cost`.
    public struct Usage: Codable, Equatable, Sendable {
        public var requestsPerMonth: Int
        public var averageRequestSeconds: Double
        public var storageGb: Double
        public var artifactStorageGb: Double
        public var buildMinutesPerMonth: Double
        public var secretAccessesPerMonth: Int
        /// Data held in Cloud SQL, which its backups copy; nil: the disk size.
        public var databaseGb: Double?
        /// Hours a week the Cloud SQL instance runs (168: always; 60: 12 h on weekdays).
        public var sqlHoursPerWeek: Double?
        /// Service name → its relative share of `requestsPerMonth`; nil: equal shares.
        public var requestShare: [String: Double]?
        /// Data published to and delivered from Pub/Sub a month; nil: 0.
        public var pubsubGbPerMonth: Double?
        /// GB a month the edge's load balancer processes, in and out (`gcpctl cost`).
        public var lbGbPerMonth: Double?
    }
}
