/// Cloud SQL Admin v1: instances, databases, users. Every mutation returns a
/// `SQLOperation`; one operation runs at a time per instance (RetryPredicates).
public struct SQLAdminAPI: Sendable {
    public let client: GoogleCloudClient
    public init(_ client: GoogleCloudClient) { self.client = client }

    public struct Instance: Codable, Sendable {
        public var name: String?
        public var databaseVersion: String?
        public var region: String?
        public var state: String?
        public var connectionName: String?
        public var settings: Settings?
        public var ipAddresses: [IPMapping]?
        public var createTime: String?
        public var databaseInstalledVersion: String?
        public var serviceAccountEmailAddress: String?
        /// A read replica's primary: sent as its name, answered as `PROJECT:NAME`.
        public var masterInstanceName: String?
        /// Output: CLOUD_SQL_INSTANCE, or READ_REPLICA_INSTANCE for a replica.
        public var instanceType: String?
        /// Output: a primary's replicas, by name.
        public var replicaNames: [String]?
        public var replicaConfiguration: ReplicaConfiguration?

        public init(name: String, databaseVersion: String, region: String, settings: Settings) {
            self.name = name
            self.databaseVersion = databaseVersion
            self.region = region
            self.settings = settings
        }
    }

    public struct IPMapping: Codable, Sendable {
        public var type: String?
        public var ipAddress: String?
    }

    public struct Settings: Codable, Sendable {
        public var tier: String?
        public var edition: String?
        public var availabilityType: String?
        public var activationPolicy: String?
        public var dataDiskType: String?
        public var dataDiskSizeGb: String?
        public var storageAutoResize: Bool?
        public var backupConfiguration: BackupConfiguration?
        public var maintenanceWindow: MaintenanceWindow?
        public var databaseFlags: [DatabaseFlag]?
        public var deletionProtectionEnabled: Bool?
        public var userLabels: [String: String]?
        public var settingsVersion: String?
        public var ipConfiguration: IPConfiguration?
        /// ALLOW_DATA_API lets `instances.executeSql` (the Data API) reach the databases.
        public var dataApiAccess: String?

        public init() {}
    }

    public struct BackupConfiguration: Codable, Sendable, Equatable {
        public var enabled: Bool?
        public var startTime: String?
        public var pointInTimeRecoveryEnabled: Bool?
        public var transactionLogRetentionDays: Int?
        public var backupRetentionSettings: RetentionSettings?

        public init(enabled: Bool?, startTime: String?, pointInTimeRecoveryEnabled: Bool?, retainedBackups: Int?) {
            self.enabled = enabled
            self.startTime = startTime
            self.pointInTimeRecoveryEnabled = pointInTimeRecoveryEnabled
            self.backupRetentionSettings = retainedBackups.map { RetentionSettings(retainedBackups: $0, retentionUnit: "COUNT") }
        }
    }

    public struct RetentionSettings: Codable, Sendable, Equatable {
        public var retainedBackups: Int?
        public var retentionUnit: String?
    }

    public struct MaintenanceWindow: Codable, Sendable, Equatable {
        /// 1 (Monday) … 7 (Sunday).
        public var day: Int?
        public var hour: Int?
        public var updateTrack: String?

        public init(day: Int?, hour: Int?, updateTrack: String? = nil) {
            self.day = day
            self.hour = hour
            self.updateTrack = updateTrack
        }
    }

    public struct DatabaseFlag: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct IPConfiguration: Codable, Sendable {
        public var ipv4Enabled: Bool?
        public var sslMode: String?
        /// The VPC network of the private IP, `projects/P/global/networks/N`: it needs a
        /// private services access connection (Service Networking) first; it can be changed
        /// but never removed.
        public var privateNetwork: String?
        /// The name of one of that connection's allocated ranges, to take the address from.
        public var allocatedIpRange: String?
        public var enablePrivatePathForGoogleCloudServices: Bool?

        public init(ipv4Enabled: Bool?, privateNetwork: String? = nil, allocatedIpRange: String? = nil,
                    enablePrivatePathForGoogleCloudServices: Bool? = nil) {
            self.ipv4Enabled = ipv4Enabled
            self.privateNetwork = privateNetwork
            self.allocatedIpRange = allocatedIpRange
            self.enablePrivatePathForGoogleCloudServices = enablePrivatePathForGoogleCloudServices
        }
    }

    public struct ReplicaConfiguration: Codable, Sendable, Equatable {
        public var failoverTarget: Bool?
        public init(failoverTarget: Bool?) { self.failoverTarget = failoverTarget }
    }

    public struct Database: Codable, Sendable {
        public var name: String?
        public var charset: String?
        public var collation: String?
        public var instance: String?
        public var project: String?
        public init(name: String) { self.name = name }
    }

    public struct User: Codable, Sendable {
        public var name: String?
        public var host: String?
        public var type: String?
        public var password: String?
        public init(name: String, password: String?) {
            self.name = name
            self.password = password
        }
    }

    func path(_ project: String, _ instance: String) -> APIPath { "v1/projects/\(project)/instances/\(instance)" }

    public func instance(project: String, name: String) async throws -> Instance? {
        try await client.getIfExists(.sqlAdmin, path(project, name))
    }

    public func instances(project: String) async throws -> [Instance] {
        struct Page: Decodable, Sendable { var items: [Instance]?; var nextPageToken: String? }
        return try await client.listAll(GoogleCall(.get, .sqlAdmin, "v1/projects/\(project)/instances", query: [("maxResults", "500")]),
                                        items: { (page: Page) in page.items ?? [] }, nextPageToken: { $0.nextPageToken })
    }

    public func createInstance(project: String, _ instance: Instance) async throws -> CreateResult<SQLOperation> {
        try await client.create(GoogleCall(.post, .sqlAdmin, "v1/projects/\(project)/instances", json: instance))
    }

    /// Patch merges: fields left nil keep their value.
    public func patchInstance(project: String, name: String, _ patch: Instance) async throws -> SQLOperation {
        try await client.decode(GoogleCall(.patch, .sqlAdmin, path(project, name), json: patch))
    }

    public func deleteInstance(project: String, name: String) async throws -> SQLOperation? {
        try await client.delete(GoogleCall(.delete, .sqlAdmin, path(project, name)))
    }

    public func database(project: String, instance: String, name: String) async throws -> Database? {
        try await client.getIfExists(.sqlAdmin, path(project, instance) + "/databases/\(name)")
    }

    public func createDatabase(project: String, instance: String, name: String) async throws -> CreateResult<SQLOperation> {
        try await client.create(GoogleCall(.post, .sqlAdmin, path(project, instance) + "/databases", json: Database(name: name)))
    }

    public func users(project: String, instance: String) async throws -> [User] {
        struct Page: Decodable { var items: [User]? }
        let page: Page = try await client.get(.sqlAdmin, path(project, instance) + "/users")
        return page.items ?? []
    }

    /// Creates a built-in user with its password (POST …/users). A repeat after a lost answer
    /// meets 409 and counts as done: the caller then sets the password with `setPassword`.
    public func createUser(project: String, instance: String, user: String, password: String) async throws -> CreateResult<SQLOperation> {
        try await client.create(GoogleCall(.post, .sqlAdmin, path(project, instance) + "/users", json: User(name: user, password: password)))
    }

    /// Deletes a user (DELETE …/users?name=USER); nil when it was not there.
    public func deleteUser(project: String, instance: String, user: String) async throws -> SQLOperation? {
        try await client.delete(GoogleCall(.delete, .sqlAdmin, path(project, instance) + "/users", query: [("name", user)]))
    }

    /// Sets a user's password (PUT …/users?name=USER). The password never appears in a trace.
    public func setPassword(project: String, instance: String, user: String, password: String) async throws -> SQLOperation {
        try await client.decode(GoogleCall(.put, .sqlAdmin, path(project, instance) + "/users", query: [("name", user)],
                                           json: User(name: user, password: password)))
    }

    public func waitFor(_ operation: SQLOperation, project: String, what: String, timeout: Duration = .seconds(1800),
                        poller: OperationPoller, progress: (@Sendable (OperationProgress) -> Void)? = nil) async throws {
        _ = try await client.wait(for: operation, project: project, what: what, timeout: timeout, poller: poller, progress: progress)
    }
}
