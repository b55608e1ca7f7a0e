extension Environment {
    /// The PostgreSQL instance with every default applied.
    public struct CloudSQL: Codable, Equatable, Sendable {
        public var instance: String
        /// POSTGRES_15 or later (pgvector).
        public var databaseVersion: String
        /// ENTERPRISE or ENTERPRISE_PLUS, always sent explicitly.
        public var edition: String
        public var tier: String
        /// ZONAL or REGIONAL (high availability).
        public var availability: String
        public var storageType: String
        public var storageSizeGb: Int
        public var storageAutoResize: Bool
        public var backupsEnabled: Bool
        /// HH:MM, UTC.
        public var backupStartTime: String
        public var pointInTimeRecovery: Bool
        public var retainedBackups: Int
        /// MON … SUN.
        public var maintenanceDay: String
        public var maintenanceHour: Int
        public var flags: [String: String]
        public var deletionProtection: Bool
        public var database: String
        public var user: String
        public var passwordSecret: String?
        /// Whether the instance allows the Data API (`settings.dataApiAccess: ALLOW_DATA_API`).
        public var dataAPI: Bool = true
        /// Extensions setup creates in `database` through the Data API, as `user`.
        public var extensions: [String] = ["vector"]
        /// `project:region:instance`; Cloud Run mounts it at `/cloudsql/<connectionName>`.
        public var connectionName: String
        /// Read replicas of the instance, in file order.
        public var replicas: [Replica] = []
        /// `cloudSQL.privateIP`: no public IP, a private one on `privateNetwork`.
        public var privateIP: Bool = false
        /// `projects/P/global/networks/N`: the declared network, when `privateIP` and the
        /// environment declares one.
        public var privateNetwork: String?
        /// The private services access range the private address is taken from.
        public var allocatedIpRange: String?

        /// The private network's name (its private services connection is known by it).
        public var privateNetworkName: String? { privateNetwork?.split(separator: "/").last.map(String.init) }

        /// A read replica of the instance: everything but its name, tier and region is the primary's.
        public struct Replica: Codable, Equatable, Sendable {
            public var instance: String
            public var tier: String
            public var region: String
        }

        /// The Unix socket directory a Cloud Run service connects through (property 9).
        public var socketPath: String { "/cloudsql/\(connectionName)" }

        /// The Cloud SQL Admin API's day number: 1 = Monday … 7 = Sunday.
        public var maintenanceDayNumber: Int? {
            CloudSQLRules.weekdays.firstIndex(of: maintenanceDay).map { $0 + 1 }
        }
    }
}
