extension Environment {
    /// Memorystore for Redis with every default applied, in the environment's region, on the
    /// declared network through its private services access range.
    public struct Redis: Codable, Equatable, Sendable {
        public var instance: String
        public var region: String
        public var tier: String
        public var memorySizeGb: Int
        public var version: String
        public var authEnabled: Bool
        public var authSecret: String?
        public var configs: [String: String]
        /// MONDAY … SUNDAY, or nil for Google's choice.
        public var maintenanceDay: String?
        public var maintenanceHour: Int
        /// `projects/P/global/networks/N` (nil: no network declared, which validation reports).
        public var network: String?
        /// The private services access range's name (`reservedIpRange` with PRIVATE_SERVICE_ACCESS).
        public var reservedRange: String?
        public var labels: [String: String]
        public var hostVariable: String
        public var portVariable: String
        public var authVariable: String

        public var networkName: String? { network?.split(separator: "/").last.map(String.init) }
    }
}

extension EnvironmentResolver {
    func resolve(_ redis: EnvironmentFile.Redis, template: NameTemplate, network: Environment.Network?,
                 labels: [String: String]) -> Environment.Redis {
        .init(
            instance: template.expand(redis.instance), region: region, tier: redis.tier ?? "BASIC",
            memorySizeGb: redis.memorySizeGb ?? 1, version: redis.version ?? "REDIS_7_0",
            authEnabled: redis.auth?.enabled ?? false, authSecret: redis.auth?.secret.map(template.expand),
            configs: redis.configs ?? [:], maintenanceDay: redis.maintenanceWindow?.day,
            maintenanceHour: redis.maintenanceWindow?.hour ?? 3,
            network: network.map { "projects/\(project)/global/networks/\($0.name)" },
            reservedRange: network?.privateServiceAccess?.range, labels: labels,
            hostVariable: redis.variables?.host ?? "REDIS_HOST", portVariable: redis.variables?.port ?? "REDIS_PORT",
            authVariable: redis.variables?.auth ?? "REDIS_AUTH")
    }

    /// Declaring Redis turns its API on with the others.
    static func withRedisAPI(_ apis: [String], redis: EnvironmentFile.Redis?) -> [String] {
        redis == nil || apis.contains(RedisRules.service) ? apis : apis + [RedisRules.service]
    }
}
