extension EnvironmentFile {
    /// The PostgreSQL instance. Every key but `instance` and `database` has a default,
    /// the bash scripts' development settings (docs/configuration.md).
    public struct CloudSQL: Codable, Equatable, Sendable {
        public var instance: String
        public var databaseVersion: String?
        public var edition: String?
        public var tier: String?
        public var availability: String?
        public var storage: Storage?
        public var backups: Backups?
        public var maintenanceWindow: MaintenanceWindow?
        public var flags: [String: String]?
        public var deletionProtection: Bool?
        public var database: String
        public var user: String?
        /// The Secret Manager secret that holds `user`'s password.
        public var passwordSecret: String?
        /// Cloud SQL's Data API (`settings.dataApiAccess`), through which gcpctl runs SQL:
        /// on by default for PostgreSQL.
        public var dataApi: Bool?
        /// PostgreSQL extensions setup creates in `database` (default: `[vector]`, pgvector).
        public var extensions: [String]?
        /// Read replicas of the instance, each an instance of its own (production).
        public var replicas: [Replica]?
        /// A private IP on `network.name` (through its private services access) and no public IP.
        public var privateIP: Bool?

        /// A read replica: its own name and machine; the rest is the primary's.
        public struct Replica: Codable, Equatable, Sendable {
            public var instance: String
            /// Default: the primary's tier.
            public var tier: String?
            /// Default: the environment's region (another region makes a cross-region replica).
            public var region: String?
        }

        public struct Storage: Codable, Equatable, Sendable {
            public var type: String?
            public var sizeGb: Int?
            public var autoResize: Bool?
        }

        public struct Backups: Codable, Equatable, Sendable {
            public var enabled: Bool?
            /// HH:MM, UTC.
            public var startTime: String?
            public var pointInTimeRecovery: Bool?
            public var retainedBackups: Int?
        }

        public struct MaintenanceWindow: Codable, Equatable, Sendable {
            /// MON … SUN.
            public var day: String?
            /// 0-23, UTC.
            public var hour: Int?
        }
    }
}
