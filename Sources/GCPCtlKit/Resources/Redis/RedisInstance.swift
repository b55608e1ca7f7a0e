import GoogleCloud

/// The environment's Memorystore for Redis instance (`redis:`), on the declared network in
/// PRIVATE_SERVICE_ACCESS mode with an address from its private services access range, so it
/// is made after the private connection. Tier, network, connect mode, range and TLS are fixed
/// at creation (a plan refuses to change them); the version only moves up, through `upgrade`;
/// size, configs, AUTH, the maintenance window and labels are patched with an update mask.
public struct RedisInstance: KindResource {
    public let redis: Environment.Redis

    public init(_ redis: Environment.Redis) { self.redis = redis }

    public var identity: ResourceIdentity { ResourceIdentity(.redisInstance, redis.instance, location: redis.region) }
    public var dependencies: [ResourceID] { redis.networkName.map { [ResourceID(.privateConnection, $0)] } ?? [] }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> RedisAPI.Instance? {
        try await context.redis.instance(project: context.project, region: identity.location ?? context.environment.region, id: identity.name)
    }

    public func differences(from state: RedisAPI.Instance) throws -> [FieldChange] {
        var immutable = FieldChanges()
        immutable.compare("tier", observed: state.tier, desired: redis.tier)
        immutable.compare("network", observed: SQLInstance.networkPath(state.authorizedNetwork), desired: redis.network)
        immutable.compare("connectMode", observed: state.connectMode, desired: "PRIVATE_SERVICE_ACCESS")
        immutable.compare("transitEncryption", observed: state.transitEncryptionMode ?? "DISABLED", desired: "DISABLED")
        if let version = state.redisVersion, version > redis.version {
            immutable.append(FieldChange("version", old: version, new: redis.version))
        }
        guard immutable.all.isEmpty else {
            throw ImmutableFieldError(resource: id, changes: immutable.all,
                                      advice: "Memorystore fixes an instance's tier, network and encryption and never downgrades Redis: "
                                        + "delete it (gcpctl delete redis \(redis.instance)) and run gcpctl setup again, or match the environment file to it.")
        }
        let desired = desiredInstance
        var changes = FieldChanges()
        changes.compare("memorySizeGb", observed: state.memorySizeGb, desired: redis.memorySizeGb)
        changes.compare("version", observed: state.redisVersion, desired: redis.version)
        changes.compare("auth", observed: state.authEnabled ?? false, desired: redis.authEnabled)
        let observedConfigs = state.redisConfigs ?? [:]
        for key in redis.configs.keys.sorted() where observedConfigs[key] != redis.configs[key] {
            changes.append(FieldChange("configs.\(key)", old: observedConfigs[key], new: redis.configs[key]))
        }
        if let window = desired.maintenancePolicy?.weeklyMaintenanceWindow?.first {
            let observed = state.maintenancePolicy?.weeklyMaintenanceWindow?.first
            changes.compare("maintenanceWindow.day", observed: observed?.day, desired: window.day)
            changes.compare("maintenanceWindow.hour", observed: observed?.startTime?.hours, desired: window.startTime?.hours)
        }
        changes.compareLabels(observed: state.labels, desired: redis.labels)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        switch try await context.redis.createInstance(project: context.project, region: redis.region, id: redis.instance, desiredInstance) {
        case .created(let operation):
            try await context.redis.waitFor(operation, what: "creating Redis instance \(redis.instance)", poller: context.poller,
                                            progress: context.progress)
        case .alreadyExisted:
            try await RedisInstance.waitUntilReady(identity, in: context)
        }
    }

    /// One patch for what an update mask may name, then the upgrade, each its own operation.
    public func update(_ state: RedisAPI.Instance, changes: [FieldChange], in context: ResourceContext) async throws {
        let names = Set(changes.map { $0.field.split(separator: ".").first.map(String.init) ?? $0.field })
        var fields: [RedisAPI.Field] = []
        if names.contains("memorySizeGb") { fields.append(.memorySizeGb) }
        if names.contains("auth") { fields.append(.authEnabled) }
        if names.contains("configs") { fields.append(.redisConfigs) }
        if names.contains("maintenanceWindow") { fields.append(.maintenancePolicy) }
        if names.contains("labels") { fields.append(.labels) }
        var instance = desiredInstance
        instance.redisConfigs = (state.redisConfigs ?? [:]).merging(redis.configs) { $1 }
        if !fields.isEmpty {
            let operation = try await context.redis.updateInstance(project: context.project, region: redis.region, id: redis.instance,
                                                                   instance, fields: fields)
            try await context.redis.waitFor(operation, what: "updating Redis instance \(redis.instance)", poller: context.poller,
                                            progress: context.progress)
        }
        if names.contains("version") {
            let operation = try await context.redis.upgradeInstance(project: context.project, region: redis.region, id: redis.instance,
                                                                    redisVersion: redis.version)
            try await context.redis.waitFor(operation, what: "upgrading Redis instance \(redis.instance) to \(redis.version)",
                                            poller: context.poller, progress: context.progress)
        }
    }

    /// Once any running operation has ended (Memorystore runs one at a time).
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        guard try await waitUntilReady(identity, in: context) != nil else { return }
        let region = identity.location ?? context.environment.region
        guard let operation = try await context.redis.deleteInstance(project: context.project, region: region, id: identity.name) else { return }
        try await context.redis.waitFor(operation, what: "deleting Redis instance \(identity.name)", poller: context.poller,
                                        progress: context.progress)
    }

    /// Waits while the instance is being made or changed; nil when there is none.
    @discardableResult
    static func waitUntilReady(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> RedisAPI.Instance? {
        try await context.poller.wait(for: "waiting for Redis instance \(identity.name)", timeout: .seconds(1800), progress: context.progress) {
            let instance = try await observe(identity, in: context)
            switch instance?.state {
            case nil where instance == nil: return .done(nil)
            case "READY": return .done(instance)
            case "CREATING", "UPDATING", "MAINTENANCE", "FAILING_OVER", "IMPORTING", nil: return .pending(status: instance?.state)
            case let other?: throw OperationError.failed(what: "Redis instance \(identity.name)", message: "it is \(other)")
            }
        }
    }

    var desiredInstance: RedisAPI.Instance {
        var instance = RedisAPI.Instance(tier: redis.tier, memorySizeGb: redis.memorySizeGb, redisVersion: redis.version,
                                         authorizedNetwork: redis.network ?? "", connectMode: "PRIVATE_SERVICE_ACCESS",
                                         reservedIpRange: redis.reservedRange, authEnabled: redis.authEnabled, labels: redis.labels)
        instance.transitEncryptionMode = "DISABLED"
        instance.redisConfigs = redis.configs.isEmpty ? nil : redis.configs
        if let day = redis.maintenanceDay {
            instance.maintenancePolicy = .init(weeklyMaintenanceWindow: [.init(day: day, hours: redis.maintenanceHour)])
        }
        return instance
    }
}

extension RedisAPI.Instance: OwnershipEvident {
    public var ownershipEvidence: Ownership.Evidence { .labels(labels) }
}

extension ResourceContext {
    public var redis: RedisAPI { RedisAPI(cloud) }
}

extension StatusSection {
    /// Memorystore for Redis.
    public static let cache = StatusSection(id: "cache", title: "Cache")
}

extension SetupKind {
    public static let redis = SetupKind("redis", synonyms: ["memorystore", "cache"])
}
