import Foundation

/// A resolved, validated environment: what the rest of gcpctl plans and applies against.
/// Names are expanded (`clone-uploads-{env}` → `clone-uploads-dev`), the project and region
/// are known, defaults are applied and labels merged. Built by `EnvironmentLoader`.
public struct Environment: Codable, Equatable, Sendable {
    /// development, staging, production.
    public var name: String
    /// dev, stage, prod: what `{env}` became and the `gcpctl-env` label's value.
    public var shortName: String
    public var aliases: [String]
    public var project: String
    public var region: String
    /// The environment's labels with `managed-by: gcpctl` and `gcpctl-env: <short name>`.
    public var labels: [String: String]
    /// Service names such as `run.googleapis.com`, in file order.
    public var apis: [String]
    public var artifactRegistry: ArtifactRegistry
    public var buckets: [Bucket]
    public var serviceAccount: ServiceAccount
    /// The account deploy's builds run as (`roles`: its project roles, logging.logWriter);
    /// its roles on the staging bucket, the logs bucket and the repository are `BuildAccountRoles`.
    public var buildServiceAccount: ServiceAccount
    public var secrets: [Secret]
    public var cloudSQL: CloudSQL?
    /// In file order, which is deploy order.
    public var services: [Service]
    public var usage: EnvironmentFile.Usage?
    /// The external HTTPS load balancer; nil: none.
    public var edge: Edge? = nil
    /// The legacy .env file of the services, when one exists.
    public var legacyVariables: DotEnvFile?
    /// Where the environment and its project and region came from.
    public var origin: Origin
    /// Things worth telling the user that do not stop the command (a .env value the
    /// environment file overrides, for example).
    public var warnings: [String]
    /// The absolute directory that holds `environments/` and the .env files; services'
    /// `source` folders are relative to it. Set by `EnvironmentLoader`.
    public var configDirectory: String?
    /// The absolute path of the .env file deployed service URLs are written to (property
    /// 35): the one loaded, else the declared `envFile`, else `.env.<name>`; it may not
    /// exist yet. Set by `EnvironmentLoader`.
    public var envFile: String?
    /// The private network (`network:`); nil where none is declared (development).
    public var network: Network? = nil
    /// `pubsub:`; nil when the environment declares none.
    public var pubsub: PubSub? = nil
    /// `scheduler.jobs`, in the environment's region.
    public var schedulerJobs: [SchedulerJob] = []
    /// Memorystore for Redis, when the environment declares it.
    public var redis: Redis? = nil
    /// Uptime checks, alert policies and where alerts go (`monitoring:`); nil: none.
    public var monitoring: Monitoring? = nil

    public static let defaultBuildServiceAccountID = "digitwinlive-build"
    public static let defaultBuildServiceAccountName = "DigiTwin Live builds"
    /// What a build needs of the project: to write its log to Cloud Logging. (Reading the
    /// source and pushing the image are granted on the bucket and the repository alone.)
    public static let buildServiceAccountProjectRoles = ["roles/logging.logWriter"]

    /// The labels every resource gcpctl creates carries, so it can find its own.
    public static let managedByLabel = (key: "managed-by", value: "gcpctl")
    public static let environmentLabelKey = "gcpctl-env"

    public func service(named name: String) -> Service? {
        services.first { $0.name == name }
    }

    public func bucket(named name: String) -> Bucket? {
        buckets.first { $0.name == name }
    }

    /// What is wrong with the .env file deploy writes the services' URLs to: a directory
    /// where the file should be (deploy refuses before sending anything).
    public var envFileProblem: String? {
        guard let envFile else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: envFile, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let shown = configDirectory.map { envFile.hasPrefix($0 + "/") ? String(envFile.dropFirst($0.count + 1)) : envFile } ?? envFile
        return "\(shown) is a directory, not a .env file: deploy writes the services' URLs to it; remove it, or set envFile: in \(origin.file) to a file"
    }
}

extension Environment {
    public struct Origin: Codable, Equatable, Sendable {
        /// `environments/development.yaml`, or the built-in defaults in legacy mode.
        public var file: String
        /// True when there is no environment file and the bash scripts' defaults plus the
        /// legacy .env file describe the environment.
        public var isLegacy: Bool
        public var project: ValueSource
        public var region: ValueSource
        /// The key paths whose value came from somewhere other than `file` (a .env
        /// variable, a flag), so validation messages point at the right place.
        public var overrides: [String: ValueSource]

        /// Where the value at `keyPath` was written, for messages.
        public func location(of keyPath: DocumentPath) -> (source: String, keyPath: String) {
            if let source = overrides[keyPath.description] { return source.location }
            return (file, keyPath.description)
        }
    }

    /// Where a single value came from.
    public enum ValueSource: Codable, Equatable, Sendable, CustomStringConvertible {
        /// A command-line flag: `--project`.
        case flag(String)
        /// A variable of gcpctl's own process environment: `GCP_PROJECT_ID`.
        case processEnvironment(String)
        /// A key of the environment file.
        case environmentFile(path: String, key: String)
        /// A variable of a legacy .env file.
        case dotEnvFile(path: String, variable: String)
        /// The built-in defaults (legacy mode).
        case builtInDefault
        /// Supplied by the caller from the credentials (key file, metadata server).
        case credentials(String)
        /// Nowhere: `config validate` checks the names with a stand-in project id.
        case standIn

        public var description: String {
            switch self {
            case .flag(let flag): "the \(flag) flag"
            case .processEnvironment(let name): "the environment variable \(name)"
            case .environmentFile(let path, let key): "\(path) (\(key))"
            case .dotEnvFile(let path, let variable): "\(path) (\(variable))"
            case .builtInDefault: "the built-in defaults"
            case .credentials(let description): description
            case .standIn: "nowhere: '\(ProjectResolution.standIn)' stands in to check the names"
            }
        }

        /// The `source` and `keyPath` of a `ConfigurationIssue` about this value.
        public var location: (source: String, keyPath: String) {
            switch self {
            case .flag(let flag): (flag, "")
            case .processEnvironment(let name): ("$\(name)", "")
            case .environmentFile(let path, let key): (path, key)
            case .dotEnvFile(let path, let variable): (path, variable)
            case .builtInDefault: ("built-in defaults", "")
            case .credentials(let description): (description, "")
            case .standIn: ("the stand-in project id", "")
            }
        }
    }
}
