import Foundation

/// Cloud SQL's Data API, `instances.executeSql`, as Google's "Execute SQL statements using
/// the Cloud SQL Data API" page describes it for PostgreSQL: only while the instance's
/// `settings.dataApiAccess` is ALLOW_DATA_API and it runs; a built-in user authenticates
/// with the password in a regional secret of the instance's region
/// (`passwordSecretVersion`; secrets of the global endpoint are refused); the database's
/// own errors come back in `status` of a 200 answer, not as an HTTP error.
enum SQLAdminExecuteSQL {
    static let handlers: [String: DeferredAPIHandler] = ["sqladmin.instances.executeSql": execute]

    /// A Data API request that passed the API's checks: what to run, as whom, where.
    struct Call: Sendable {
        var project: String
        var instance: String
        var instanceCreated: String
        var database: String
        var user: String
        var password: String
        var sql: String
        var rowLimit: Int?
        var allowPartialResult: Bool
        var serverVersion: String
    }

    /// Checks the request; the model answers at once, a real server after the state lock.
    static func execute(_ request: APIRequest, _ state: inout EmulatorState) throws -> DeferredAnswer {
        let started = Date()
        let call = try check(request, state)
        guard let servers = request.postgres, servers.mayUseServer else {
            return .now(answerFromModel(call, state: &state, started: started))
        }
        let snapshot = mirrorSnapshot(call, state: state)
        let installed = ModelledPostgres.installed(in: state, project: call.project, instance: call.instance, database: call.database)
        return .later { core in
            let instance = PostgresServers.Instance(project: call.project, name: call.instance, createTime: call.instanceCreated)
            guard let cluster = await servers.cluster(for: instance, matching: snapshot) else {
                return core.withState { answerFromModel(call, state: &$0, started: started) }
            }
            let runner = PostgresStatementRunner(
                socketPath: cluster.socketPath, serverExtensions: cluster.availableExtensions,
                model: ModelledPostgres(serverVersion: call.serverVersion, installed: installed),
                rowLimit: call.rowLimit, allowPartialResult: call.allowPartialResult)
            let outcome = await SupervisorThread.detached {
                runner.run(call.sql, user: call.user, password: call.password, database: call.database)
            }
            if outcome.installed != installed {
                core.withState {
                    ModelledPostgres.save(outcome.installed, in: &$0, project: call.project, instance: call.instance, database: call.database)
                }
            }
            return .resource(outcome.execution.json(rowLimit: call.rowLimit, elapsed: Date().timeIntervalSince(started)))
        }
    }

    private static func check(_ request: APIRequest, _ state: EmulatorState) throws -> Call {
        let (project, name, instance) = try SQLAdminInstancesAPI.find(request, state)
        guard instance["databaseVersion"]?.stringValue?.hasPrefix("POSTGRES") == true else {
            throw APIError.unimplemented("The emulator runs executeSql on PostgreSQL instances only.")
        }
        guard instance[path: "settings.dataApiAccess"]?.stringValue == "ALLOW_DATA_API" else {
            throw APIError.failedPrecondition(
                "The instance doesn't allow using executeSql to access this instance. Set settings.dataApiAccess to ALLOW_DATA_API.",
                reason: "dataApiAccessNotAllowed")
        }
        guard instance["state"] == "RUNNABLE", instance[path: "settings.activationPolicy"]?.stringValue != "NEVER" else {
            throw APIError(code: 400, status: "FAILED_PRECONDITION", message: "Invalid request since instance is not running.", reason: "invalidState")
        }
        if request.body["autoIamAuthn"]?.boolValue == true {
            throw APIError.unimplemented("The emulator does not implement IAM database authentication for executeSql; use user and passwordSecretVersion.")
        }
        guard let sql = request.body["sqlStatement"]?.stringValue, !sql.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.invalidArgument("Invalid request: sql_statement is required.", field: "sqlStatement")
        }
        guard let database = request.body["database"]?.stringValue, !database.isEmpty else {
            throw APIError.invalidArgument("Invalid request: database is required for PostgreSQL instances.", field: "database")
        }
        guard let user = request.body["user"]?.stringValue, !user.isEmpty else {
            throw APIError.invalidArgument("Invalid request: user is required unless auto_iam_authn is true.", field: "user")
        }
        let password = try secretPassword(request, state: state, project: project, region: instance["region"]?.stringValue ?? "")
        let rowLimit = try request.body["rowLimit"].map { value -> Int in
            guard let limit = value.stringValue.flatMap(Int.init) ?? value.intValue, limit > 0 else {
                throw APIError.invalidArgument("Invalid request: row_limit must be positive.", field: "rowLimit")
            }
            return limit
        }
        return Call(project: project, instance: name, instanceCreated: instance["createTime"]?.stringValue ?? "",
                    database: database, user: user, password: password, sql: sql, rowLimit: rowLimit,
                    allowPartialResult: request.body["partialResultMode"]?.stringValue == "ALLOW_PARTIAL_RESULT",
                    serverVersion: serverVersion(instance))
    }

    /// The model's answer: the login checked against the emulator's users and databases,
    /// then the statements it can model.
    static func answerFromModel(_ call: Call, state: inout EmulatorState, started: Date) -> HTTPResponseMessage {
        let execution: SQLExecution
        if let failure = login(user: call.user, password: call.password, database: call.database, instance: call.instance,
                               project: call.project, state: state) {
            execution = .failure(failure)
        } else {
            var engine = ModelledPostgres(
                serverVersion: call.serverVersion,
                installed: ModelledPostgres.installed(in: state, project: call.project, instance: call.instance, database: call.database))
            execution = engine.run(SQLStatements.split(call.sql))
            ModelledPostgres.save(engine.installed, in: &state, project: call.project, instance: call.instance, database: call.database)
        }
        return .resource(execution.json(rowLimit: call.rowLimit, elapsed: Date().timeIntervalSince(started)))
    }

    /// The instance's built-in users (password and etag) and databases, for the server.
    private static func mirrorSnapshot(_ call: Call, state: EmulatorState) -> PostgresMirror.Snapshot {
        let users = state.resources(call.project, SQLAdminChildrenAPI.users, prefix: call.instance + "/").compactMap { _, user -> PostgresMirror.User? in
            guard user["type"] == nil || user["type"] == "BUILT_IN", let name = user["name"]?.stringValue else { return nil }
            return PostgresMirror.User(name: name, password: user["@password"]?.stringValue, etag: user["etag"]?.stringValue ?? "")
        }
        let databases = state.resources(call.project, SQLAdminChildrenAPI.databases, prefix: call.instance + "/").compactMap { $0.value["name"]?.stringValue }
        return PostgresMirror.Snapshot(users: users, databases: databases)
    }

    /// The password the named regional secret version holds.
    static func secretPassword(_ request: APIRequest, state: EmulatorState, project: String, region: String) throws -> String {
        guard let name = request.body["passwordSecretVersion"]?.stringValue, !name.isEmpty else {
            throw APIError.invalidArgument(
                "Invalid request: a built-in user needs password_secret_version, a regional secret in \(region).", field: "passwordSecretVersion")
        }
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count == 8, parts[0] == "projects", parts[2] == "locations", parts[4] == "secrets", parts[6] == "versions" else {
            throw APIError.invalidArgument(
                "Invalid request: password_secret_version must be projects/PROJECT/locations/\(region)/secrets/SECRET/versions/VERSION (a regional secret; global secrets are not supported).",
                field: "passwordSecretVersion")
        }
        guard parts[3] == region else {
            throw APIError.invalidArgument(
                "Invalid request: the secret must be stored in the instance's region \(region), not \(parts[3]).", field: "passwordSecretVersion")
        }
        guard parts[1] == project || parts[1] == state.projectNumber(project) else {
            throw APIError.permissionDenied("Permission denied on secret \(name).")
        }
        let secretKey = SecretManagerAPI.secretID(name)
        let versions = state.resources(project, SecretVersionsAPI.collection, prefix: secretKey + "/")
        let wanted = parts[7]
        let version = wanted == "latest" ? versions.last?.value : versions.first { $0.value["@number"]?.intValue == Int(wanted) }?.value
        guard let version else {
            throw APIError.failedPrecondition("Failed to access the secret version \(name): it does not exist.", reason: "secretAccessFailed")
        }
        guard version["state"] == "ENABLED", let data = version["@data"]?.stringValue.flatMap(Base64.decode) else {
            throw APIError.failedPrecondition(
                "Failed to access the secret version \(name): it is \(version["state"]?.stringValue ?? "unknown").", reason: "secretAccessFailed")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// PostgreSQL's login: nil when `user` may connect to `database` with `password`,
    /// otherwise the server's FATAL message.
    static func login(user: String, password: String, database: String, instance: String, project: String, state: EmulatorState) -> String? {
        guard let record = state.resource(project, SQLAdminChildrenAPI.users, "\(instance)/\(user)@"),
              let stored = record["@password"]?.stringValue, stored == password else {
            return "FATAL: password authentication failed for user \"\(user)\" (SQLSTATE 28P01)"
        }
        guard state.resource(project, SQLAdminChildrenAPI.databases, "\(instance)/\(database)") != nil else {
            return "FATAL: database \"\(database)\" does not exist (SQLSTATE 3D000)"
        }
        return nil
    }

    static func serverVersion(_ instance: JSONValue) -> String {
        let installed = instance["databaseInstalledVersion"]?.stringValue ?? "POSTGRES_15_7"
        let numbers = installed.split(separator: "_").dropFirst().joined(separator: ".")
        return "PostgreSQL \(numbers.isEmpty ? "15" : numbers) on x86_64-pc-linux-gnu, compiled by Debian clang version 12.0.1, 64-bit"
    }
}
