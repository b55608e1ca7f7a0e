import Foundation

/// Cloud SQL Admin (v1 and v1beta4) instances: create, read, patch, delete, restart, each
/// change an operation that holds the instance until DONE. A deleted instance's name can be
/// reused at once, as Google documents today (`sqlNameReservationSeconds` simulates the older
/// reservation, answered as Google answers a taken name); shared-core tiers need the Enterprise edition; deletion protection
/// blocks deletes.
enum SQLAdminInstancesAPI {
    static let collection = "sqladmin.instances"
    static let deletedCollection = "sqladmin.deletedInstances"

    static let handlers: [String: APIHandler] = [
        "sqladmin.instances.insert": insert,
        "sqladmin.instances.get": get,
        "sqladmin.instances.list": list,
        "sqladmin.instances.patch": { request, state in try update(request, &state, replaceSettings: false) },
        "sqladmin.instances.update": { request, state in try update(request, &state, replaceSettings: true) },
        "sqladmin.instances.delete": delete,
        "sqladmin.instances.restart": restart,
    ]

    /// Fields Cloud SQL fills in; a client's values for them are ignored.
    static let outputOnlyFields: Set = [
        "kind", "state", "connectionName", "ipAddresses", "serviceAccountEmailAddress", "selfLink", "createTime",
        "etag", "databaseInstalledVersion", "project", "gceZone", "backendType", "instanceType", "rootPassword",
        "currentDiskSize", "maxDiskSize", "dnsName", "upgradableDatabaseVersions", "satisfiesPzs", "replicaNames",
    ]

    static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String, instance: JSONValue) {
        let project = try request.requireProject()
        let name = request.path("instance")
        guard let instance = state.resource(project, collection, name) else {
            throw APIError.notFound("The Cloud SQL instance does not exist.", reason: "instanceDoesNotExist")
        }
        return (project, name, instance)
    }

    /// The edition Cloud SQL picks when none is given: Enterprise Plus for the newest
    /// PostgreSQL and MySQL versions, Enterprise otherwise.
    static func defaultEdition(_ version: String) -> String {
        ["POSTGRES_16", "POSTGRES_17", "POSTGRES_18", "MYSQL_8_4"].contains(version) ? "ENTERPRISE_PLUS" : "ENTERPRISE"
    }

    static func checkTier(_ tier: String, edition: String) throws {
        guard tier.hasPrefix("db-") else { throw APIError.invalidArgument("Invalid request: Invalid Tier (\(tier)).", reason: "invalid") }
        let sharedCore = ["db-f1-micro", "db-g1-small"].contains(tier)
        let performanceOptimized = tier.hasPrefix("db-perf-optimized-")
        if (sharedCore && edition != "ENTERPRISE") || (performanceOptimized && edition != "ENTERPRISE_PLUS")
            || (edition == "ENTERPRISE_PLUS" && !performanceOptimized)
        {
            throw APIError.invalidArgument("Invalid request: Invalid Tier (\(tier)) for (\(edition)) Edition.", reason: "invalid")
        }
    }

    private static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...98).contains(bytes.count), let first = bytes.first, (97...122).contains(first), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }

    private static func insert(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard let name = request.body["name"]?.stringValue, isValidName(name) else {
            throw APIError.invalidArgument("Invalid request: instance name must start with a letter and hold only lowercase letters, digits and hyphens.", reason: "invalid")
        }
        if state.resource(project, collection, name) != nil {
            throw APIError(code: 409, status: "ALREADY_EXISTS", message: "The Cloud SQL instance already exists.", reason: "instanceAlreadyExists")
        }
        if let deleted = state.resource(project, deletedCollection, name),
            (deleted["@deletedAt"]?.doubleValue ?? 0) + request.configuration.sqlNameReservationSeconds > request.now.timeIntervalSince1970
        {
            throw APIError(
                code: 409, status: "ALREADY_EXISTS",
                message: "The Cloud SQL instance already exists.",
                reason: "instanceAlreadyExists")
        }
        guard let tier = request.body["settings"]?["tier"]?.stringValue else {
            throw APIError.invalidArgument("Invalid request: settings.tier is required.", reason: "invalid")
        }
        let version = request.body["databaseVersion"]?.stringValue ?? "MYSQL_8_0"
        let edition = request.body["settings"]?["edition"]?.stringValue ?? defaultEdition(version)
        try checkTier(tier, edition: edition)
        let region = request.body["region"]?.stringValue ?? "us-central1"
        let number = state.projectNumber(project)
        var instance = JSONValue.object(request.body.objectValue?.filter { !outputOnlyFields.contains($0.key) } ?? [:])
        let defaults: JSONValue = [
            "kind": "sql#settings", "tier": .string(tier), "edition": .string(edition), "activationPolicy": "ALWAYS",
            "availabilityType": "ZONAL", "dataDiskSizeGb": "10", "dataDiskType": "PD_SSD", "pricingPlan": "PER_USE",
            "storageAutoResize": true, "storageAutoResizeLimit": "0", "replicationType": "SYNCHRONOUS",
            "ipConfiguration": ["ipv4Enabled": true, "sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"],
            "backupConfiguration": ["kind": "sql#backupConfiguration", "enabled": false, "startTime": "04:00"],
            "locationPreference": ["kind": "sql#locationPreference", "zone": .string(region + "-c")],
            "deletionProtectionEnabled": false,
        ]
        var settings = defaults.merging(request.body["settings"] ?? [:])
        try SQLAdminPrivateNetwork.check(settings, previous: nil)
        settings["settingsVersion"] = "1"
        instance["settings"] = settings
        let selfLink = "\(request.baseURL)/sqladmin/v1/projects/\(project)/instances/\(name)"
        instance = instance.merging([
            "kind": "sql#instance", "name": .string(name), "project": .string(project), "region": .string(region),
            "databaseVersion": .string(version), "databaseInstalledVersion": .string(installedVersion(version)),
            "connectionName": .string("\(project):\(region):\(name)"), "state": "PENDING_CREATE",
            "backendType": "SECOND_GEN", "instanceType": "CLOUD_SQL_INSTANCE", "gceZone": .string(region + "-c"),
            "ipAddresses": settings["ipConfiguration"]?["ipv4Enabled"] == false ? [] : [["type": "PRIMARY", "ipAddress": .string(ipAddress(for: name, project: project))]],
            "serviceAccountEmailAddress": .string("p\(number)-\(name.prefix(6))@gcp-sa-cloud-sql.iam.gserviceaccount.com"),
            "selfLink": .string(selfLink), "createTime": .string(request.timestamp), "etag": .string(etag()),
        ])
        if let password = request.body["rootPassword"] { instance["@rootPassword"] = password }
        try SQLAdminReplicas.prepare(&instance, body: request.body, project: project, state: state)
        state.setResource(project, collection, name, instance)
        state.removeResource(project, deletedCollection, name)
        let operation = SQLAdminOperations.start(
            request, state: &state, project: project, instance: name, type: "CREATE", effect: "sql.instance",
            payload: ["action": "create"])
        return .resource(operation)
    }

    /// The version and a minor release, as Cloud SQL reports what it installed.
    static func installedVersion(_ version: String) -> String {
        let minors = ["POSTGRES_17": "5", "POSTGRES_16": "9", "POSTGRES_15": "13", "POSTGRES_14": "18", "MYSQL_8_0": "41", "MYSQL_8_4": "5"]
        return version + "_" + (minors[version] ?? "1")
    }

    static func ipAddress(for name: String, project: String) -> String {
        let hash = Checksums.crc32c(Array("\(project)/\(name)".utf8))
        return "34.\(hash >> 16 & 0xFF).\(hash >> 8 & 0xFF).\(max(1, hash & 0xFF))"
    }

    static func etag() -> String { String(format: "%016llx", UInt64.random(in: 0...UInt64.max)) }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, state).instance)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let page = try request.page(state.resources(project, collection).map(\.value))
        return .resource(page.body("items", base: ["kind": "sql#instancesList"]))
    }

    private static func update(_ request: APIRequest, _ state: inout EmulatorState, replaceSettings: Bool) throws -> HTTPResponseMessage {
        let (project, name, instance) = try find(request, state)
        try SQLAdminOperations.ensureIdle(project, instance: instance, state: state)
        let current = instance["settings"]?["settingsVersion"]?.intValue ?? 1
        if let given = request.body["settings"]?["settingsVersion"]?.intValue, given != current {
            throw APIError.preconditionFailed("Precondition check failed: settingsVersion \(given) is not the current \(current).")
        }
        var settings = instance["settings"] ?? [:]
        if let changes = request.body["settings"] {
            settings = replaceSettings ? changes : settings.merging(changes)
            let tier = settings["tier"]?.stringValue ?? ""
            let edition = settings["edition"]?.stringValue ?? "ENTERPRISE"
            try checkTier(tier, edition: edition)
            try SQLAdminPrivateNetwork.check(settings, previous: instance["settings"])
        }
        try SQLAdminReplicas.checkUnchanged(request.body, instance: instance)
        settings["settingsVersion"] = .string(String(current + 1))
        var changes = JSONValue.object(request.body.objectValue?.filter { !outputOnlyFields.contains($0.key) && !["name", "masterInstanceName"].contains($0.key) } ?? [:])
        changes["settings"] = settings
        let operation = SQLAdminOperations.start(
            request, state: &state, project: project, instance: name, type: "UPDATE", effect: "sql.instance",
            payload: ["action": "update", "changes": changes])
        return .resource(operation)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, instance) = try find(request, state)
        try SQLAdminOperations.ensureIdle(project, instance: instance, state: state)
        if instance["settings"]?["deletionProtectionEnabled"] == true {
            throw APIError.failedPrecondition(
                "The instance is protected from deletion: settings.deletionProtectionEnabled is true. Disable deletion protection, then delete the instance.",
                reason: "deletionProtectionEnabled")
        }
        try SQLAdminReplicas.checkDeletable(instance)
        var pending = instance
        pending["state"] = "PENDING_DELETE"
        state.setResource(project, collection, name, pending)
        return .resource(SQLAdminOperations.start(
            request, state: &state, project: project, instance: name, type: "DELETE", effect: "sql.instance",
            payload: ["action": "delete", "releaseWindow": .double(request.configuration.serviceNetworkingReleaseSeconds)]))
    }

    private static func restart(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, instance) = try find(request, state)
        try SQLAdminOperations.ensureIdle(project, instance: instance, state: state)
        return .resource(SQLAdminOperations.start(
            request, state: &state, project: project, instance: name, type: "RESTART", effect: "sql.instance",
            payload: ["action": "restart"]))
    }

    /// What a finished instance operation does to the instance.
    static func complete(_ operation: JSONValue, succeeded: Bool, state: inout EmulatorState, now: Date) {
        guard let project = operation["targetProject"]?.stringValue, let name = operation["targetId"]?.stringValue,
            var instance = state.resource(project, collection, name)
        else { return }
        switch operation["@payload"]?["action"]?.stringValue {
        case "create":
            guard succeeded else {
                state.removeResource(project, collection, name)
                return
            }
            if let problem = SQLAdminPrivateNetwork.provisioningProblem(instance, state: state) {
                instance["state"] = "FAILED"
                state.setResource(project, collection, name, instance)
                LongRunningOperations.fail(operation, code: 9, message: problem, state: &state)
                return
            }
            instance["state"] = "RUNNABLE"
            instance["ipAddresses"] = SQLAdminPrivateNetwork.addresses(instance, publicAddress: ipAddress(for: name, project: project), state: state)
            state.setResource(project, collection, name, instance)
            SQLAdminReplicas.link(instance, project: project, attached: true, state: &state)
            SQLAdminChildrenAPI.createDefaults(project: project, instance: instance, state: &state)
        case "update":
            guard succeeded, let changes = operation["@payload"]?["changes"] else { return }
            var changed = instance.merging(changes)
            changed["settings"] = changes["settings"] ?? instance["settings"]
            if let problem = SQLAdminPrivateNetwork.provisioningProblem(changed, state: state) {
                LongRunningOperations.fail(operation, code: 9, message: problem, state: &state)
                return
            }
            instance = changed
            instance["ipAddresses"] = SQLAdminPrivateNetwork.addresses(instance, publicAddress: ipAddress(for: name, project: project), state: state)
            instance["etag"] = .string(etag())
            state.setResource(project, collection, name, instance)
        case "delete":
            guard succeeded else {
                instance["state"] = "RUNNABLE"
                state.setResource(project, collection, name, instance)
                return
            }
            state.removeResource(project, collection, name)
            SQLAdminChildrenAPI.removeAll(project: project, instance: name, state: &state)
            SQLAdminReplicas.link(instance, project: project, attached: false, state: &state)
            if let network = SQLAdminPrivateNetwork.network(of: instance), let owner = ComputeNetworks.projectID(network.project, state: state) {
                ServiceNetworkingConnections.recordRelease(
                    network: network.name, project: owner, window: operation["@payload"]?["releaseWindow"]?.doubleValue ?? 0,
                    state: &state, now: now)
            }
            state.setResource(project, deletedCollection, name, ["@deletedAt": .double(now.timeIntervalSince1970)])
        default:
            break
        }
    }
}
