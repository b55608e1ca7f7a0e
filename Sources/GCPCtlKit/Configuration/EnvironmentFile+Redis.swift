extension EnvironmentFile {
    /// Memorystore for Redis (`redis:`), on the network's private services access.
    public struct Redis: Codable, Equatable, Sendable {
        public var instance: String
        /// BASIC (default) or STANDARD_HA; fixed once made.
        public var tier: String?
        /// 1-300 GB (default 1).
        public var memorySizeGb: Int?
        /// REDIS_7_0 (default), REDIS_7_2, ...; only ever upgraded.
        public var version: String?
        public var auth: Auth?
        /// `redisConfigs`: `maxmemory-policy`, `notify-keyspace-events`, ...
        public var configs: [String: String]?
        public var maintenanceWindow: MaintenanceWindow?
        /// The names of the variables the services get (default REDIS_HOST, REDIS_PORT, REDIS_AUTH).
        public var variables: Variables?

        public struct Auth: Codable, Equatable, Sendable {
            public var enabled: Bool?
            /// The declared secret gcpctl keeps the AUTH string in.
            public var secret: String?
        }

        public struct MaintenanceWindow: Codable, Equatable, Sendable {
            /// MONDAY … SUNDAY.
            public var day: String?
            /// 0-23, UTC.
            public var hour: Int?
        }

        public struct Variables: Codable, Equatable, Sendable {
            public var host: String?
            public var port: String?
            public var auth: String?
        }
    }
}
