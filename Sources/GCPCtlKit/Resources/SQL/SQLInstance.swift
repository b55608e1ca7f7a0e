import GoogleCloud

/// The Cloud SQL PostgreSQL instance: the long pole of setup (minutes on Google), so the
/// executor starts it as soon as its API is on.
public struct SQLInstance: KindResource {
    public let sql: Environment.CloudSQL
    public let region: String
    public let labels: [String: String]

    /// The instance the environment declares, if it declares Cloud SQL.
    static func declared(by environment: Environment) -> SQLInstance? {
        environment.cloudSQL.map { SQLInstance($0, region: environment.region, labels: environment.labels) }
    }

    public init(_ sql: Environment.CloudSQL, region: String, labels: [String: String]) {
        self.sql = sql
        self.region = region
        self.labels = labels
    }

    public var identity: ResourceIdentity { ResourceIdentity(.sqlInstance, sql.instance, location: region) }
    /// A private IP needs the network's private services connection first: without it Google
    /// fails the create operation.
    public var dependencies: [ResourceID] { sql.privateNetworkName.map { [ResourceID(.privateConnection, $0)] } ?? [] }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> SQLAdminAPI.Instance? {
        try await context.sqlAdmin.instance(project: context.project, name: identity.name)
    }

    public func differences(from state: SQLAdminAPI.Instance) throws -> [FieldChange] {
        var immutable: [FieldChange] = []
        if let version = state.databaseVersion, version != sql.databaseVersion {
            immutable.append(FieldChange("databaseVersion", old: version, new: sql.databaseVersion))
        }
        let observedDisk = state.settings?.dataDiskSizeGb.flatMap(Int.init) ?? 0
        if observedDisk > sql.storageSizeGb && !sql.storageAutoResize {
            immutable.append(FieldChange("storage.sizeGb", old: "\(observedDisk)", new: "\(sql.storageSizeGb)"))
        }
        guard immutable.isEmpty else {
            throw ImmutableFieldError(resource: id, changes: immutable,
                                      advice: "gcpctl does not upgrade PostgreSQL or shrink disks; do it in the console, or match the environment file to the instance.")
        }
        let settings = state.settings ?? SQLAdminAPI.Settings()
        let desired = desiredSettings
        var changes = FieldChanges()
        changes.compareMachineAndDisk(observed: settings, observedDisk: observedDisk, desired: desired)
        let backups = settings.backupConfiguration
        changes.compare("backups.enabled", observed: backups?.enabled ?? false, desired: sql.backupsEnabled)
        changes.compare("backups.startTime", observed: backups?.startTime, desired: sql.backupStartTime)
        changes.compare("backups.pointInTimeRecovery", observed: backups?.pointInTimeRecoveryEnabled ?? false, desired: sql.pointInTimeRecovery)
        changes.compare("backups.retainedBackups", observed: backups?.backupRetentionSettings?.retainedBackups, desired: sql.retainedBackups)
        changes.compare("maintenanceWindow.day", observed: settings.maintenanceWindow?.day, desired: sql.maintenanceDayNumber)
        changes.compare("maintenanceWindow.hour", observed: settings.maintenanceWindow?.hour, desired: sql.maintenanceHour)
        let observedFlags = Dictionary((settings.databaseFlags ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        changes.compareLabels("flags", observed: observedFlags, desired: sql.flags)
        changes.compare("deletionProtection", observed: settings.deletionProtectionEnabled ?? false, desired: sql.deletionProtection)
        changes.compare("dataApi", observed: settings.dataApiAccess == SQLInstance.dataAPIAllowed, desired: sql.dataAPI)
        changes.compareLabels(observed: settings.userLabels, desired: labels)
        changes.compareIPConfiguration(observed: settings.ipConfiguration, of: sql)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        var settings = desiredSettings
        settings.activationPolicy = "ALWAYS"
        let instance = SQLAdminAPI.Instance(name: sql.instance, databaseVersion: sql.databaseVersion, region: region, settings: settings)
        switch try await context.sqlAdmin.createInstance(project: context.project, instance) {
        case .created(let operation):
            try await context.sqlAdmin.waitFor(operation, project: context.project, what: "creating Cloud SQL instance \(sql.instance)",
                                               poller: context.poller, progress: context.progress)
        case .alreadyExisted:
            guard try await observe(in: context) != nil else { throw SQLInstanceNameReserved(name: sql.instance) }
            try await waitUntilRunnable(in: context)
        }
    }

    /// `settings.dataApiAccess` when `instances.executeSql` may reach the databases.
    public static let dataAPIAllowed = "ALLOW_DATA_API"

    /// The key of the per-instance queue in `ResourceContext.serial`.
    static func gate(_ instance: String) -> String { "sql:\(instance)" }

    public func update(_ state: SQLAdminAPI.Instance, changes: [FieldChange], in context: ResourceContext) async throws {
        try await context.serial.run(SQLInstance.gate(sql.instance)) { try await patch(state, in: context) }
    }

    func patch(_ state: SQLAdminAPI.Instance, in context: ResourceContext) async throws {
        var patch = SQLAdminAPI.Instance(name: sql.instance, databaseVersion: sql.databaseVersion, region: region, settings: desiredSettings)
        patch.databaseVersion = nil
        patch.region = nil
        if let observed = state.settings?.dataDiskSizeGb.flatMap(Int.init), observed > sql.storageSizeGb {
            patch.settings?.dataDiskSizeGb = nil  // grown by auto-resize: never ask to shrink
        }
        if sql.privateNetwork == nil, state.settings?.ipConfiguration?.ipv4Enabled == false {
            patch.settings?.ipConfiguration = .init(ipv4Enabled: true)  // the file asks for the public IP back
        }
        let operation = try await context.sqlAdmin.patchInstance(project: context.project, name: sql.instance, patch)
        try await context.sqlAdmin.waitFor(operation, project: context.project, what: "updating Cloud SQL instance \(sql.instance)",
                                           poller: context.poller, progress: context.progress)
    }

    /// Lifts deletion protection first: the caller has already had the user's consent.
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        try await context.serial.run(SQLInstance.gate(identity.name)) { try await deleteNow(identity, in: context) }
    }

    static func deleteNow(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let instance = identity.name
        guard let state = try await observe(identity, in: context) else { return }
        if state.settings?.deletionProtectionEnabled == true {
            var patch = SQLAdminAPI.Instance(name: instance, databaseVersion: "", region: "", settings: SQLAdminAPI.Settings())
            patch.databaseVersion = nil
            patch.region = nil
            patch.settings?.deletionProtectionEnabled = false
            let operation = try await context.sqlAdmin.patchInstance(project: context.project, name: instance, patch)
            try await context.sqlAdmin.waitFor(operation, project: context.project, what: "lifting deletion protection of \(instance)",
                                               poller: context.poller, progress: context.progress)
        }
        if let operation = try await context.sqlAdmin.deleteInstance(project: context.project, name: instance) {
            try await context.sqlAdmin.waitFor(operation, project: context.project, what: "deleting Cloud SQL instance \(instance)",
                                               poller: context.poller, progress: context.progress)
        }
    }

    /// An instance a killed run left creating: wait for it rather than fail on it.
    public func waitUntilRunnable(in context: ResourceContext, timeout: Duration = .seconds(1800)) async throws {
        try await SQLInstance.waitUntilRunnable(sql.instance, in: context, timeout: timeout)
    }

    @discardableResult
    public static func waitUntilRunnable(_ name: String, in context: ResourceContext,
                                         timeout: Duration = .seconds(1800)) async throws -> SQLAdminAPI.Instance? {
        try await context.poller.wait(for: "waiting for Cloud SQL instance \(name)", timeout: timeout,
                                      progress: context.progress) {
            let instance = try await context.sqlAdmin.instance(project: context.project, name: name)
            switch instance?.state {
            case "RUNNABLE": return .done(instance)
            case "PENDING_CREATE", "MAINTENANCE", nil: return .pending(status: instance?.state)
            case let other?: throw OperationError.failed(what: "Cloud SQL instance \(name)", message: "it is \(other)")
            }
        }
    }

    /// Waits as `waitUntilRunnable`, then requires the instance to be serving: a stopped
    /// instance is RUNNABLE with `activationPolicy: NEVER`, and Cloud SQL refuses database
    /// and user changes on it, so gcpctl says so before asking.
    public static func waitUntilServing(_ name: String, in context: ResourceContext) async throws {
        let instance = try await waitUntilRunnable(name, in: context)
        if instance?.settings?.activationPolicy == "NEVER" {
            throw SQLInstanceStoppedError(name: name, environment: context.environment.shortName)
        }
    }

    var desiredSettings: SQLAdminAPI.Settings {
        var settings = SQLAdminAPI.Settings()
        settings.tier = sql.tier
        settings.edition = sql.edition
        settings.availabilityType = sql.availability
        settings.dataDiskType = sql.storageType
        settings.dataDiskSizeGb = String(sql.storageSizeGb)
        settings.storageAutoResize = sql.storageAutoResize
        settings.backupConfiguration = .init(enabled: sql.backupsEnabled, startTime: sql.backupStartTime,
                                             pointInTimeRecoveryEnabled: sql.pointInTimeRecovery, retainedBackups: sql.retainedBackups)
        settings.maintenanceWindow = .init(day: sql.maintenanceDayNumber, hour: sql.maintenanceHour)
        settings.databaseFlags = sql.flags.keys.sorted().map { SQLAdminAPI.DatabaseFlag(name: $0, value: sql.flags[$0] ?? "") }
        settings.deletionProtectionEnabled = sql.deletionProtection
        settings.dataApiAccess = sql.dataAPI ? SQLInstance.dataAPIAllowed : "DISALLOW_DATA_API"
        settings.userLabels = labels
        settings.ipConfiguration = SQLInstance.ipConfiguration(sql)
        return settings
    }
}

/// The instance is stopped (`gcpctl sql stop`, or the console's Stop): Google shows it
/// RUNNABLE with `settings.activationPolicy: NEVER`, and refuses to create databases or users
/// on it ("Invalid request since instance is not running.").
public struct SQLInstanceStoppedError: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var environment: String
    public var description: String {
        "Cloud SQL instance \(name) is stopped (RUNNABLE with activationPolicy NEVER), and Cloud SQL changes no database "
            + "or user on a stopped instance: start it with gcpctl sql start --env=\(environment), then run gcpctl setup again"
    }
}

/// Cloud SQL answered 409 for a name no instance of the project holds. Google documents
/// that a deleted instance's name can be reused at once ("Delete instances"), so the name is
/// most likely still held by an instance whose deletion has not finished (older Cloud SQL
/// kept names for a week: terraform-provider-google#4557).
public struct SQLInstanceNameReserved: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
        "The Cloud SQL instance name \(name) is not available although no instance of this project holds it: "
            + "an instance of that name is most likely still being deleted. Wait a few minutes and run gcpctl setup again, "
            + "or choose another name in cloudSQL.instance."
    }
}

extension ResourceKind {
    /// Minutes to create: the executor starts it before everything else.
    /// `gcpctl delete sql` needs the environment to declare Cloud SQL at all.
    public static let sqlInstance: ResourceKind = ResourceKind(
        id: "sql-instance", title: "Cloud SQL instance", plural: "Cloud SQL instances", commandNames: ["sql"],
        service: "sqladmin.googleapis.com", priceKeys: [.sqlMicro, .sqlSmall, .sqlVCPU, .sqlMemory, .sqlSSD, .sqlHDD, .sqlBackups],
        section: .cloudSQL, typicalDuration: .seconds(600),
        teardown: Teardown(consequence: "with every database and backup in it", confirmation: .typeName,
                           reviewed: "with its data and backups", after: ["cloud-run-service", "sql-replica"]),
        nameProblem: NamingRules.sqlInstanceNameProblem,
        identify: { name, environment in
            guard environment.cloudSQL != nil else {
                throw DayTwoError.noCloudSQL(environment: environment.name, file: environment.origin.file)
            }
            return ResourceIdentity(.sqlInstance, name, location: environment.region)
        },
        list: { context, _ in try await SQLInstance.list(.sqlInstance, in: context) },
        setupPart: .sql,
        declared: { environment, _ in SQLInstance.declared(by: environment).map { [$0] } ?? [] }).deleted(by: SQLInstance.self)
        .priced { estimator in try estimator.cloudSQL().map { [$0] } ?? [] }
}

extension StatusSection {
    public static let cloudSQL = StatusSection(id: "cloudSQL", title: "Cloud SQL")
}
