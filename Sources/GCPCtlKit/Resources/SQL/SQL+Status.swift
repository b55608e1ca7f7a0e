import GoogleCloud

extension SQLInstance: StatusDescribing {
    func statusDetails(of state: SQLAdminAPI.Instance, extra: Void?) -> [StatusDetail] {
        let settings = state.settings
        let backups = settings?.backupConfiguration
        let backupText = backups?.enabled == true
            ? "daily at \(backups?.startTime ?? "?") UTC, keep \(backups?.backupRetentionSettings?.retainedBackups.map { "\($0)" } ?? "?")"
                + (backups?.pointInTimeRecoveryEnabled == true ? ", point-in-time recovery" : "")
            : "off"
        return [
            StatusDetail("instanceState", column: "SERVING", .string(state.state ?? "UNKNOWN"), text: SQLInstance.serving(state)),
            StatusDetail("activationPolicy", column: "ACTIVATION", settings?.activationPolicy),
            StatusDetail("databaseVersion", column: "VERSION", state.databaseVersion),
            StatusDetail("tier", column: "TIER", settings?.tier),
            StatusDetail("connectionName", column: "CONNECTION", state.connectionName),
        ] + SQLInstance.privateAddress(of: state) + [
            StatusDetail("backups", column: "BACKUPS", .object([
                "enabled": .bool(backups?.enabled ?? false),
                "startTime": backups?.startTime.map(JSONValue.string) ?? .null,
                "retainedBackups": backups?.backupRetentionSettings?.retainedBackups.map { .number(Double($0)) } ?? .null,
                "pointInTimeRecovery": .bool(backups?.pointInTimeRecoveryEnabled ?? false),
            ]), text: backupText),
        ]
    }

    /// RUNNABLE with activation policy NEVER is how Cloud SQL says "stopped".
    func health(of state: SQLAdminAPI.Instance, extra: Void?, environment: Environment) -> StatusFinding? {
        if state.state == "RUNNABLE" && state.settings?.activationPolicy == "NEVER" {
            return StatusFinding(state: .unhealthy, reason: "stopped (activation policy NEVER); services using it cannot connect",
                                 fix: StatusFix.sqlStart(environment))
        }
        guard let current = state.state, current != "RUNNABLE" else { return nil }
        return StatusFinding(state: .unhealthy, reason: "the instance is \(current), not RUNNABLE", fix: nil)
    }

    /// The address on the private network, for an instance that has one (a column only then).
    static func privateAddress(of state: SQLAdminAPI.Instance) -> [StatusDetail] {
        state.address(ofType: "PRIVATE").map { [StatusDetail("privateAddress", column: "PRIVATE IP", $0)] } ?? []
    }

    /// `running`, `stopped`, or Google's state when it is neither.
    static func serving(_ state: SQLAdminAPI.Instance) -> String {
        switch (state.state, state.settings?.activationPolicy) {
        case ("RUNNABLE", "NEVER"): "stopped"
        case ("RUNNABLE", _): "running"
        case (let other, _): other ?? "unknown"
        }
    }
}

extension SQLDatabase: StatusDescribing {
    func statusDetails(of state: SQLAdminAPI.Database, extra: Void?) -> [StatusDetail] {
        [StatusDetail("charset", column: "DETAILS", state.charset.map(JSONValue.string) ?? .null, text: state.charset.map { "charset \($0)" } ?? "-")]
    }

    var statusLabel: String { "database \(sql.database)" }
}

extension SQLUserPassword: StatusDescribing {
    /// Which version of the password secret was applied: the mark setup leaves, never the value.
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        let applied = state.applied == marker(version: state.latestVersion)
        // Not keyed "password": the redactor masks such fields, and this one holds no secret.
        return [StatusDetail("passwordSource", column: "DETAILS", .object([
            "secret": .string(secretID),
            "version": state.latestVersion.map(JSONValue.string) ?? .null,
            "applied": .bool(applied),
        ]), text: applied ? "password from \(secretID) version \(state.latestVersion ?? "?")" : "password not set from \(secretID)")]
    }

    var statusLabel: String { "user \(sql.user)" }
}

extension SQLReplica: StatusDescribing {
    /// Replication lag is not in the Admin API's answer (it is a Cloud Monitoring metric).
    func statusDetails(of state: SQLAdminAPI.Instance, extra: Void?) -> [StatusDetail] {
        [
            StatusDetail("instanceState", column: "SERVING", .string(state.state ?? "UNKNOWN"), text: SQLInstance.serving(state)),
            StatusDetail("databaseVersion", column: "VERSION", state.databaseVersion),
            StatusDetail("tier", column: "TIER", state.settings?.tier),
            StatusDetail("primary", column: "DETAILS", state.primaryName.map(JSONValue.string) ?? .null,
                         text: state.primaryName.map { "replica of \($0)" } ?? "not a replica"),
        ] + SQLInstance.privateAddress(of: state)
    }

    func health(of state: SQLAdminAPI.Instance, extra: Void?, environment: Environment) -> StatusFinding? {
        guard let current = state.state, current != "RUNNABLE" else { return nil }
        return StatusFinding(state: .unhealthy, reason: "the replica is \(current), not RUNNABLE", fix: nil)
    }
}
