import GoogleCloud

/// A Cloud SQL read replica of the environment's instance (`cloudSQL.replicas`): an instance
/// of its own, created after its primary with `masterInstanceName`, that takes no backups and
/// has no maintenance window of its own. Its changes go through the primary's queue
/// (`SQLInstance.gate`): whether Google lets a replica's operation run beside its primary's
/// is not documented, and waiting costs nothing.
public struct SQLReplica: KindResource {
    public let replica: Environment.CloudSQL.Replica
    /// The primary, whose settings the replica shares (edition, disk, flags, network).
    public let primary: SQLInstance

    /// The replicas the environment declares, if it declares Cloud SQL.
    static func declared(by environment: Environment) -> [SQLReplica] {
        guard let primary = SQLInstance.declared(by: environment) else { return [] }
        return primary.sql.replicas.map { SQLReplica($0, of: primary) }
    }

    public init(_ replica: Environment.CloudSQL.Replica, of primary: SQLInstance) {
        self.replica = replica
        self.primary = primary
    }

    var sql: Environment.CloudSQL { primary.sql }
    public var identity: ResourceIdentity { ResourceIdentity(.sqlReplica, replica.instance, location: replica.region) }
    public var dependencies: [ResourceID] { [primary.id] }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> SQLAdminAPI.Instance? {
        try await context.sqlAdmin.instance(project: context.project, name: identity.name)
    }

    public func differences(from state: SQLAdminAPI.Instance) throws -> [FieldChange] {
        var immutable: [FieldChange] = []
        if !state.isReadReplica {
            immutable.append(FieldChange("primary", old: "(none: a primary instance)", new: sql.instance))
        } else if state.primaryName != sql.instance {
            immutable.append(FieldChange("primary", old: state.primaryName, new: sql.instance))
        }
        if let region = state.region, region != replica.region {
            immutable.append(FieldChange("region", old: region, new: replica.region))
        }
        if let version = state.databaseVersion, version != sql.databaseVersion {
            immutable.append(FieldChange("databaseVersion", old: version, new: sql.databaseVersion))
        }
        let observedDisk = state.settings?.dataDiskSizeGb.flatMap(Int.init) ?? 0
        if observedDisk > sql.storageSizeGb && !sql.storageAutoResize {
            immutable.append(FieldChange("storage.sizeGb", old: "\(observedDisk)", new: "\(sql.storageSizeGb)"))
        }
        guard immutable.isEmpty else {
            throw ImmutableFieldError(resource: id, changes: immutable,
                                      advice: "A replica's primary, region and version are fixed and its disk never shrinks: delete it "
                                        + "(gcpctl delete sql-replica \(replica.instance)) and run gcpctl setup again, or match the environment file to it.")
        }
        let settings = state.settings ?? SQLAdminAPI.Settings()
        let desired = desiredSettings
        var changes = FieldChanges()
        changes.compareMachineAndDisk(observed: settings, observedDisk: observedDisk, desired: desired)
        let observedFlags = Dictionary((settings.databaseFlags ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        changes.compareLabels("flags", observed: observedFlags, desired: sql.flags)
        changes.compare("deletionProtection", observed: settings.deletionProtectionEnabled ?? false, desired: sql.deletionProtection)
        changes.compareLabels(observed: settings.userLabels, desired: primary.labels)
        changes.compareIPConfiguration(observed: settings.ipConfiguration, of: sql)
        return changes.all
    }

    /// After the primary is RUNNABLE (Google refuses a replica of an instance that is not).
    public func create(in context: ResourceContext) async throws {
        try await SQLInstance.waitUntilRunnable(sql.instance, in: context)
        var settings = desiredSettings
        settings.activationPolicy = "ALWAYS"
        let instance = SQLAdminAPI.Instance.readReplica(name: replica.instance, primary: sql.instance, databaseVersion: sql.databaseVersion,
                                                        region: replica.region, settings: settings)
        let result = try await context.serial.run(SQLInstance.gate(sql.instance)) {
            try await context.sqlAdmin.createInstance(project: context.project, instance)
        }
        switch result {
        case .created(let operation):
            try await context.sqlAdmin.waitFor(operation, project: context.project, what: "creating Cloud SQL replica \(replica.instance)",
                                               poller: context.poller, progress: context.progress)
        case .alreadyExisted:
            guard try await observe(in: context) != nil else { throw SQLInstanceNameReserved(name: replica.instance) }
            try await SQLInstance.waitUntilRunnable(replica.instance, in: context)
        }
    }

    public func update(_ state: SQLAdminAPI.Instance, changes: [FieldChange], in context: ResourceContext) async throws {
        var patch = SQLAdminAPI.Instance(name: replica.instance, databaseVersion: "", region: "", settings: desiredSettings)
        patch.databaseVersion = nil
        patch.region = nil
        if let observed = state.settings?.dataDiskSizeGb.flatMap(Int.init), observed > sql.storageSizeGb {
            patch.settings?.dataDiskSizeGb = nil  // grown by auto-resize: never ask to shrink
        }
        let change = patch
        try await context.serial.run(SQLInstance.gate(sql.instance)) {
            let operation = try await context.sqlAdmin.patchInstance(project: context.project, name: replica.instance, change)
            try await context.sqlAdmin.waitFor(operation, project: context.project, what: "updating Cloud SQL replica \(replica.instance)",
                                               poller: context.poller, progress: context.progress)
        }
    }

    /// In its primary's queue, deletion protection lifted first (the caller has had consent).
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        guard let state = try await observe(identity, in: context) else { return }
        try await context.serial.run(SQLInstance.gate(state.primaryName ?? identity.name)) {
            try await SQLInstance.deleteNow(identity, in: context)
        }
    }

    /// The primary's settings with the replica's tier: zonal (a replica has no standby), no
    /// backups (replicas take none) and no maintenance window (left to Google for a replica).
    var desiredSettings: SQLAdminAPI.Settings {
        var settings = primary.desiredSettings
        settings.tier = replica.tier
        settings.availabilityType = "ZONAL"
        settings.backupConfiguration = nil
        settings.maintenanceWindow = nil
        settings.dataApiAccess = nil
        return settings
    }
}

extension ResourceKind {
    /// Made after its primary, deleted before it (Google refuses to delete a primary that
    /// still has replicas); its name is typed to delete it, as the primary's is.
    public static let sqlReplica: ResourceKind = ResourceKind(
        id: "sql-replica", title: "Cloud SQL read replica", plural: "Cloud SQL read replicas", commandNames: ["sql-replica"],
        service: "sqladmin.googleapis.com", priceKeys: [.sqlMicro, .sqlSmall, .sqlVCPU, .sqlMemory, .sqlSSD, .sqlHDD],
        section: .cloudSQL, typicalDuration: .seconds(480),
        teardown: Teardown(consequence: "(its primary and the primary's data stay)", confirmation: .typeName,
                           reviewed: "before its primary", after: ["cloud-run-service"]),
        nameProblem: NamingRules.sqlInstanceNameProblem,
        identify: { name, environment in
            guard let sql = environment.cloudSQL else {
                throw DayTwoError.noCloudSQL(environment: environment.name, file: environment.origin.file)
            }
            let region = sql.replicas.first { $0.instance == name }?.region ?? environment.region
            return ResourceIdentity(.sqlReplica, name, location: region)
        },
        list: { context, _ in try await SQLInstance.list(.sqlReplica, in: context) },
        setupPart: .sql,
        declared: { environment, _ in SQLReplica.declared(by: environment) }).deleted(by: SQLReplica.self)
        .priced { estimator in try estimator.sqlReplicas() }
}
