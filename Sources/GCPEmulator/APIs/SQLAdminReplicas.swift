/// Cloud SQL read replicas, as "Create read replicas" and "Delete instances" document them:
/// an instance created with `masterInstanceName` is a READ_REPLICA_INSTANCE of that primary,
/// which must exist in the project (Google answers 403 "not authorized" for one that does
/// not), be RUNNABLE and not itself be a replica; the replica takes the primary's database
/// version and, unless given, its region and IP configuration. The primary lists it in
/// `replicaNames` once created; a replica answers `masterInstanceName` as `PROJECT:PRIMARY`.
/// A primary that still has replicas cannot be deleted ("You must delete all replicas
/// first"): 400 `errorReplicationMasterInvalidOperation`.
enum SQLAdminReplicas {
    /// Makes `instance` a replica when the request names a primary; checks the primary.
    static func prepare(_ instance: inout JSONValue, body: JSONValue, project: String, state: EmulatorState) throws {
        guard let given = body["masterInstanceName"]?.stringValue, !given.isEmpty else { return }
        let primaryName = given.split(separator: ":").last.map(String.init) ?? given
        guard let primary = state.resource(project, SQLAdminInstancesAPI.collection, primaryName) else {
            throw APIError(code: 403, status: "PERMISSION_DENIED", message: "The client is not authorized to make this request.", reason: "notAuthorized")
        }
        guard primary["instanceType"] != "READ_REPLICA_INSTANCE" else {
            throw APIError.invalidArgument("Invalid request: a replica cannot be created from a read replica (\(primaryName)).", reason: "invalid")
        }
        guard primary["state"] == "RUNNABLE" else {
            throw APIError(code: 400, status: "FAILED_PRECONDITION", message: "Invalid request since instance is not running.", reason: "invalidState")
        }
        if let version = body["databaseVersion"]?.stringValue, version != primary["databaseVersion"]?.stringValue {
            throw APIError.invalidArgument(
                "Invalid request: a read replica has its primary's database version (\(primary["databaseVersion"]?.stringValue ?? "")), not \(version).",
                reason: "invalid")
        }
        instance["masterInstanceName"] = .string("\(project):\(primaryName)")
        instance["instanceType"] = "READ_REPLICA_INSTANCE"
        instance["databaseVersion"] = primary["databaseVersion"]
        instance["databaseInstalledVersion"] = primary["databaseInstalledVersion"]
        instance["replicaConfiguration"] = (body["replicaConfiguration"] ?? [:]).merging(["kind": "sql#replicaConfiguration"])
        if body["region"] == nil, let region = primary["region"]?.stringValue {
            instance["region"] = .string(region)
            instance["connectionName"] = .string("\(project):\(region):\(instance["name"]?.stringValue ?? "")")
        }
        if body["settings"]?["ipConfiguration"] == nil { instance["settings"]?["ipConfiguration"] = primary["settings"]?["ipConfiguration"] }
        // Replicas take no backups of their own.
        instance["settings"]?["backupConfiguration"]?["enabled"] = false
    }

    /// The name of a replica's primary, from `PROJECT:PRIMARY`.
    static func primary(of instance: JSONValue) -> String? {
        instance["masterInstanceName"]?.stringValue.flatMap { $0.split(separator: ":").last.map(String.init) }
    }

    /// 400 for a primary that still has replicas.
    static func checkDeletable(_ instance: JSONValue) throws {
        guard let replicas = instance["replicaNames"]?.arrayValue, !replicas.isEmpty else { return }
        throw APIError(
            code: 400, status: "FAILED_PRECONDITION", message: "The requested operation is not valid for a replication master instance.",
            reason: "errorReplicationMasterInvalidOperation")
    }

    /// Adds a created replica to its primary's `replicaNames` (or, when `attached` is false,
    /// takes a deleted one out).
    static func link(_ replica: JSONValue, project: String, attached: Bool, state: inout EmulatorState) {
        guard let primaryName = primary(of: replica), let name = replica["name"]?.stringValue,
            var primary = state.resource(project, SQLAdminInstancesAPI.collection, primaryName)
        else { return }
        var names = (primary["replicaNames"]?.arrayValue ?? []).filter { $0.stringValue != name }
        if attached { names.append(.string(name)) }
        primary["replicaNames"] = names.isEmpty ? nil : .array(names)
        state.setResource(project, SQLAdminInstancesAPI.collection, primaryName, primary)
    }
}

extension SQLAdminReplicas {
    /// A patch or update may repeat a replica's primary but not change it (promotion is its own method).
    static func checkUnchanged(_ body: JSONValue, instance: JSONValue) throws {
        guard let given = body["masterInstanceName"]?.stringValue, !given.isEmpty else { return }
        let wanted = given.split(separator: ":").last.map(String.init) ?? given
        guard wanted == primary(of: instance) else {
            throw APIError.invalidArgument("Invalid request: masterInstanceName cannot be changed.", reason: "invalid")
        }
    }
}
