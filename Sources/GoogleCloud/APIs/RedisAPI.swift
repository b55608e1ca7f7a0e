/// Memorystore for Redis v1 instances. Create, update, upgrade and delete are
/// google.longrunning operations in the region (a create takes minutes); an instance is
/// CREATING, then READY with `host` and `port`. Tier, network, connect mode, reserved range,
/// zone and TLS are fixed at creation; the version only moves up, through `upgrade`.
/// The AUTH string is read apart (`authString`) and is a secret: register it with the
/// redactor before anything can print it.
public struct RedisAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Instance: Codable, Sendable {
        /// Output: `projects/P/locations/R/instances/ID`.
        public var name: String?
        public var displayName: String?
        public var labels: [String: String]?
        /// BASIC or STANDARD_HA.
        public var tier: String?
        public var memorySizeGb: Int?
        /// REDIS_6_X, REDIS_7_0 (Google's default), REDIS_7_2, ...
        public var redisVersion: String?
        /// `projects/P/global/networks/N`, in the instance's own project.
        public var authorizedNetwork: String?
        /// DIRECT_PEERING (Google's default) or PRIVATE_SERVICE_ACCESS.
        public var connectMode: String?
        /// On create with PRIVATE_SERVICE_ACCESS: the *name* of an allocated range of the
        /// network's connection. Google answers the /29 it took there (`10.x.y.z/29`), so
        /// never compare the two.
        public var reservedIpRange: String?
        public var authEnabled: Bool?
        /// DISABLED (default) or SERVER_AUTHENTICATION (TLS: port 6378, clients need the CA).
        public var transitEncryptionMode: String?
        /// `maxmemory-policy`, `notify-keyspace-events`, ...
        public var redisConfigs: [String: String]?
        public var maintenancePolicy: MaintenancePolicy?
        public var persistenceConfig: PersistenceConfig?
        public var replicaCount: Int?
        public var readReplicasMode: String?
        public var locationId: String?
        public var alternativeLocationId: String?
        /// Output: CREATING, READY, UPDATING, DELETING, ...
        public var state: String?
        public var statusMessage: String?
        /// Output, once READY: the endpoint the services connect to.
        public var host: String?
        public var port: Int?
        public var currentLocationId: String?
        public var createTime: String?

        public init(tier: String, memorySizeGb: Int, redisVersion: String?, authorizedNetwork: String, connectMode: String,
                    reservedIpRange: String? = nil, authEnabled: Bool = false, displayName: String? = nil,
                    labels: [String: String]? = nil) {
            self.tier = tier
            self.memorySizeGb = memorySizeGb
            self.redisVersion = redisVersion
            self.authorizedNetwork = authorizedNetwork
            self.connectMode = connectMode
            self.reservedIpRange = reservedIpRange
            self.authEnabled = authEnabled
            self.displayName = displayName
            self.labels = labels
        }

        /// An empty instance, for updates that set only their fields.
        public init() {}
    }

    public struct MaintenancePolicy: Codable, Sendable, Equatable {
        public var weeklyMaintenanceWindow: [WeeklyMaintenanceWindow]?
        public var description: String?
        public init(weeklyMaintenanceWindow: [WeeklyMaintenanceWindow]) { self.weeklyMaintenanceWindow = weeklyMaintenanceWindow }
    }

    public struct WeeklyMaintenanceWindow: Codable, Sendable, Equatable {
        /// MONDAY … SUNDAY.
        public var day: String?
        public var startTime: TimeOfDay?
        /// Output: Google's windows last an hour (`3600s`).
        public var duration: String?
        public init(day: String, hours: Int, minutes: Int = 0) {
            self.day = day
            self.startTime = TimeOfDay(hours: hours, minutes: minutes)
        }
    }

    public struct TimeOfDay: Codable, Sendable, Equatable {
        public var hours: Int?
        public var minutes: Int?
        public var seconds: Int?
        public var nanos: Int?
        public init(hours: Int, minutes: Int) {
            self.hours = hours
            self.minutes = minutes
        }
    }

    public struct PersistenceConfig: Codable, Sendable, Equatable {
        /// DISABLED or RDB.
        public var persistenceMode: String?
        /// ONE_HOUR, SIX_HOURS, TWELVE_HOURS, TWENTY_FOUR_HOURS.
        public var rdbSnapshotPeriod: String?
        public init(persistenceMode: String, rdbSnapshotPeriod: String? = nil) {
            self.persistenceMode = persistenceMode
            self.rdbSnapshotPeriod = rdbSnapshotPeriod
        }
    }

    /// What `updateInstance` may change. Resizing a STANDARD_HA instance fails over; enabling
    /// AUTH makes a new AUTH string (and disabling then enabling, another).
    public enum Field: String, Sendable, CaseIterable {
        case displayName, labels, memorySizeGb, redisConfigs, replicaCount, authEnabled, maintenancePolicy, persistenceConfig
    }

    /// `projects/P/locations/R/instances/ID`.
    public static func instanceName(project: String, region: String, id: String) -> String {
        "projects/\(project)/locations/\(region)/instances/\(id)"
    }

    func path(_ project: String, _ region: String, _ id: String) -> APIPath {
        "v1/projects/\(project)/locations/\(region)/instances/\(id)"
    }

    public func instance(project: String, region: String, id: String) async throws -> Instance? {
        try await client.getIfExists(.redis, path(project, region, id))
    }

    /// The instances of a region, or of every region with `region: "-"`.
    public func instances(project: String, region: String) async throws -> [Instance] {
        struct Page: Decodable, Sendable { var instances: [Instance]?; var nextPageToken: String? }
        return try await client.listAll(
            GoogleCall(.get, .redis, "v1/projects/\(project)/locations/\(region)/instances", query: [("pageSize", "1000")]),
            items: { (page: Page) in page.instances ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func createInstance(project: String, region: String, id: String, _ instance: Instance) async throws -> CreateResult<LongRunningOperation> {
        try await client.create(GoogleCall(
            .post, .redis, "v1/projects/\(project)/locations/\(region)/instances", query: [("instanceId", id)], json: instance))
    }

    /// Changes `fields` to the instance's values; the update mask names exactly those.
    public func updateInstance(project: String, region: String, id: String, _ instance: Instance, fields: [Field]) async throws -> LongRunningOperation {
        var changes = Instance()
        for field in fields {
            switch field {
            case .displayName: changes.displayName = instance.displayName
            case .labels: changes.labels = instance.labels ?? [:]
            case .memorySizeGb: changes.memorySizeGb = instance.memorySizeGb
            case .redisConfigs: changes.redisConfigs = instance.redisConfigs ?? [:]
            case .replicaCount: changes.replicaCount = instance.replicaCount
            case .authEnabled: changes.authEnabled = instance.authEnabled
            case .maintenancePolicy: changes.maintenancePolicy = instance.maintenancePolicy
            case .persistenceConfig: changes.persistenceConfig = instance.persistenceConfig
            }
        }
        return try await client.decode(GoogleCall(
            .patch, .redis, path(project, region, id), query: [("updateMask", fields.map(\.rawValue).joined(separator: ","))],
            json: changes))
    }

    /// Moves the instance to a newer Redis version (never back).
    public func upgradeInstance(project: String, region: String, id: String, redisVersion: String) async throws -> LongRunningOperation {
        struct Request: Encodable { var redisVersion: String }
        return try await client.decode(GoogleCall(.post, .redis, path(project, region, id) + ":upgrade", json: Request(redisVersion: redisVersion)))
    }

    /// Starts the delete; nil when there is no such instance.
    public func deleteInstance(project: String, region: String, id: String) async throws -> LongRunningOperation? {
        try await client.delete(GoogleCall(.delete, .redis, path(project, region, id)))
    }

    /// The AUTH string, nil while AUTH is off (Google then answers an empty object). A secret.
    public func authString(project: String, region: String, id: String) async throws -> String? {
        struct Answer: Decodable { var authString: String? }
        let answer: Answer = try await client.get(.redis, path(project, region, id) + "/authString")
        guard let auth = answer.authString, !auth.isEmpty else { return nil }
        // Handed to the connection's secret sink (gcpctl's redactor) before anyone can print it.
        client.tokens.secrets(auth)
        return auth
    }

    /// Creates take several minutes; resizing a STANDARD_HA instance fails it over.
    public func waitFor(_ operation: LongRunningOperation, what: String, poller: OperationPoller,
                        progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws {
        _ = try await client.wait(for: operation, api: .redis, version: "v1", what: what,
                                  timeout: .seconds(1800), poller: poller, progress: progress)
    }
}
