/// The bash scripts' settings, used when a directory has a legacy .env file but no
/// environments/<name>.yaml (legacy mode). They equal environments/development.yaml,
/// staging.yaml and production.yaml without `project` and `region`, which legacy mode takes
/// from the .env file as the scripts did (a test keeps the two in step).
public enum BuiltInEnvironments {
    /// The built-in file for a canonical name, or nil for a name the scripts did not know.
    public static func file(named name: String) -> EnvironmentFile? {
        switch name {
        case "development":
            return development
        case "staging":
            return base(name: "staging", alias: "stage", sql: .init(
                tier: "db-custom-1-3840", availability: "ZONAL", sizeGb: 10, pointInTimeRecovery: true,
                retainedBackups: 14, maxConnections: "100", deletionProtection: false
            ), nodeEnv: "production", logLevel: "info", usage: .init(
                requestsPerMonth: 500_000, averageRequestSeconds: 0.2, storageGb: 20, artifactStorageGb: 3,
                buildMinutesPerMonth: 120, secretAccessesPerMonth: 50_000
            ))
        case "production":
            var production = base(name: "production", alias: "prod", sql: .init(
                tier: "db-custom-1-3840", availability: "REGIONAL", sizeGb: 20, pointInTimeRecovery: true,
                retainedBackups: 30, maxConnections: "200", deletionProtection: true
            ), nodeEnv: "production", logLevel: "info", usage: .init(
                requestsPerMonth: 5_000_000, averageRequestSeconds: 0.2, storageGb: 100, artifactStorageGb: 5,
                buildMinutesPerMonth: 300, secretAccessesPerMonth: 500_000, pubsubGbPerMonth: 1
            ))
            production.network = productionNetwork
            production.pubsub = productionPubSub
            production.scheduler = productionScheduler
            return production
        default:
            return nil
        }
    }

    /// production.yaml's `network:`.
    static let productionNetwork = EnvironmentFile.Network(
        name: "digitwinlive-vpc-{env}", routingMode: "REGIONAL",
        subnet: .init(name: "digitwinlive-private-{env}", ipCidrRange: "10.0.0.0/20", privateIpGoogleAccess: true),
        privateServiceAccess: .init(range: "digitwinlive-psa-{env}", prefixLength: 16, address: nil),
        connector: .init(name: "dtl-conn-{env}", ipCidrRange: "10.8.0.0/28", minInstances: 2, maxInstances: 3, machineType: "e2-micro"),
        egress: "PRIVATE_RANGES_ONLY")

    static let development = base(name: "development", alias: "dev", sql: .init(
        tier: "db-f1-micro", availability: "ZONAL", sizeGb: 10, pointInTimeRecovery: false,
        retainedBackups: 7, maxConnections: "100", deletionProtection: false
    ), nodeEnv: "development", logLevel: "debug", usage: .init(
        requestsPerMonth: 100_000, averageRequestSeconds: 0.2, storageGb: 5, artifactStorageGb: 2,
        buildMinutesPerMonth: 60, secretAccessesPerMonth: 10_000
    ))

    /// Production's work queue for face processing (environments/production.yaml).
    static let productionPubSub = EnvironmentFile.PubSub(
        topics: [.init(name: "jobs-{env}"), .init(name: "jobs-dead-{env}", messageRetention: "7d")],
        subscriptions: [.init(
            name: "jobs-worker-{env}", topic: "jobs-{env}", ackDeadlineSeconds: 60, messageRetention: "7d",
            deadLetter: .init(topic: "jobs-dead-{env}", maxDeliveryAttempts: 5),
            retry: .init(minimumBackoff: "10s", maximumBackoff: "600s"),
            push: .init(service: "face-processing-service", path: "/pubsub/jobs"))])

    /// Production's jobs (environments/production.yaml).
    static let productionScheduler = EnvironmentFile.Scheduler(jobs: [
        .init(name: "nightly-cleanup-{env}", schedule: "0 3 * * *", timeZone: "Etc/UTC",
              http: .init(service: "api-gateway", path: "/jobs/cleanup", method: "POST"),
              retry: .init(count: 3, minBackoff: "10s", maxBackoff: "300s")),
        .init(name: "hourly-sweep-{env}", schedule: "0 * * * *", pubsub: .init(topic: "jobs-{env}", data: #"{"task":"sweep"}"#)),
    ])

    /// What differs between the environments' databases.
    struct SQLSettings {
        var tier: String
        var availability: String
        var sizeGb: Int
        var pointInTimeRecovery: Bool
        var retainedBackups: Int
        var maxConnections: String
        var deletionProtection: Bool
    }

    private static func base(
        name: String, alias: String, sql: SQLSettings, nodeEnv: String, logLevel: String, usage: EnvironmentFile.Usage
    ) -> EnvironmentFile {
        EnvironmentFile(
            name: name,
            aliases: [alias],
            project: nil,
            region: nil,
            envFile: ".env.\(name)",
            labels: ["app": "digitwinlive"],
            apis: [
                "compute.googleapis.com", "sqladmin.googleapis.com", "storage.googleapis.com",
                "run.googleapis.com", "secretmanager.googleapis.com", "artifactregistry.googleapis.com",
                "cloudbuild.googleapis.com", "iam.googleapis.com", "cloudresourcemanager.googleapis.com",
                "serviceusage.googleapis.com",
            ],
            artifactRegistry: .init(repository: "digitwinlive", description: "Container images for DigiTwin Live"),
            buckets: buckets,
            serviceAccount: .init(id: "digitwinlive-sa", displayName: "DigiTwin Live runtime", roles: [
                "roles/cloudsql.client", "roles/storage.objectAdmin",
                "roles/secretmanager.secretAccessor", "roles/run.invoker",
            ]),
            buildServiceAccount: .init(id: Environment.defaultBuildServiceAccountID, displayName: Environment.defaultBuildServiceAccountName),
            secrets: [.init(id: "jwt-secret"), .init(id: "refresh-secret"), .init(id: "database-password")],
            cloudSQL: .init(
                instance: "digitwinlive-db-{env}", databaseVersion: "POSTGRES_15", edition: "ENTERPRISE",
                tier: sql.tier, availability: sql.availability,
                storage: .init(type: "PD_SSD", sizeGb: sql.sizeGb, autoResize: true),
                backups: .init(enabled: true, startTime: "03:00", pointInTimeRecovery: sql.pointInTimeRecovery,
                               retainedBackups: sql.retainedBackups),
                maintenanceWindow: .init(day: "SUN", hour: 4),
                flags: ["max_connections": sql.maxConnections],
                deletionProtection: sql.deletionProtection,
                database: "digitwinlive-db", user: "postgres", passwordSecret: "database-password"
            ),
            services: services(name: name, nodeEnv: nodeEnv, logLevel: logLevel),
            usage: usage
        )
    }

    private static let buckets: [EnvironmentFile.Bucket] = [
        bucket("clone-voice-models-{env}", "GCS_BUCKET_VOICE_MODELS", [.init(action: "SetStorageClass", storageClass: "NEARLINE", age: 90)]),
        bucket("clone-face-models-{env}", "GCS_BUCKET_FACE_MODELS", [.init(action: "SetStorageClass", storageClass: "NEARLINE", age: 90)]),
        bucket("clone-documents-{env}", "GCS_BUCKET_DOCUMENTS", [.init(action: "Delete", age: 365)]),
        bucket("clone-uploads-{env}", "GCS_BUCKET_UPLOADS", [
            .init(action: "Delete", age: 7, matchesPrefix: ["tmp/"]),
            .init(action: "Delete", age: 30),
        ]),
    ]

    private static func bucket(_ name: String, _ envVar: String, _ lifecycle: [EnvironmentFile.LifecycleRule]) -> EnvironmentFile.Bucket {
        .init(name: name, envVar: envVar, storageClass: "STANDARD", lifecycle: lifecycle)
    }

    private static func services(name: String, nodeEnv: String, logLevel: String) -> NamedEntries<EnvironmentFile.Service> {
        var env = ["NODE_ENV": nodeEnv, "LOG_LEVEL": logLevel]
        // Production logs JSON, which Cloud Logging turns into structured entries.
        if name == "production" { env["LOG_FORMAT"] = "json" }
        func service(_ name: String, _ source: String, cloudSQL: Bool, secrets: [String: String]?) -> NamedEntries<EnvironmentFile.Service>.Entry {
            .init(name: name, value: .init(
                source: source, dockerfile: "Dockerfile", port: 8080, memory: "512Mi", cpu: "1",
                minInstances: 0, maxInstances: 10, timeoutSeconds: 300, public: true, cloudSQL: cloudSQL,
                env: env, secrets: secrets
            ))
        }
        return NamedEntries([
            service("api-gateway", "examples/api-gateway", cloudSQL: true, secrets: [
                "JWT_SECRET": "jwt-secret", "REFRESH_SECRET": "refresh-secret", "DATABASE_PASSWORD": "database-password",
            ]),
            service("websocket-server", "examples/websocket-server", cloudSQL: true, secrets: [
                "JWT_SECRET": "jwt-secret", "DATABASE_PASSWORD": "database-password",
            ]),
            service("face-processing-service", "examples/face-processing-service", cloudSQL: false, secrets: nil),
        ])
    }
}
