/// Cloud SQL databases and users. Each change is an operation on the instance (so it
/// meets `operationInProgress` like any other), applied when DONE. Passwords are kept in
/// `@password` and never answered.
enum SQLAdminChildrenAPI {
    static let databases = "sqladmin.databases"
    static let users = "sqladmin.users"

    static let handlers: [String: APIHandler] = [
        "sqladmin.databases.insert": insertDatabase,
        "sqladmin.databases.get": getDatabase,
        "sqladmin.databases.list": listDatabases,
        "sqladmin.databases.delete": deleteDatabase,
        "sqladmin.users.list": listUsers,
        "sqladmin.users.get": getUser,
        "sqladmin.users.insert": { request, state in try writeUser(request, &state, creating: true) },
        "sqladmin.users.update": { request, state in try writeUser(request, &state, creating: false) },
        "sqladmin.users.delete": deleteUser,
    ]

    /// What Cloud SQL creates with an instance: the engine's default database and user.
    static func createDefaults(project: String, instance: JSONValue, state: inout EmulatorState) {
        guard let name = instance["name"]?.stringValue else { return }
        let postgres = instance["databaseVersion"]?.stringValue?.hasPrefix("POSTGRES") == true
        let database = postgres ? "postgres" : "mysql"
        let user = postgres ? "postgres" : "root"
        let host = postgres ? "" : "%"
        state.setResource(project, databases, "\(name)/\(database)", databaseJSON(project: project, instance: name, name: database, charset: postgres ? "UTF8" : "utf8mb4"))
        var userRecord = userJSON(project: project, instance: name, name: user, host: host, type: "BUILT_IN")
        userRecord["@password"] = instance["@rootPassword"]
        state.setResource(project, users, "\(name)/\(user)@\(host)", userRecord)
    }

    static func removeAll(project: String, instance: String, state: inout EmulatorState) {
        for collection in [databases, users, ModelledPostgres.extensions] {
            for (key, _) in state.resources(project, collection, prefix: instance + "/") { state.removeResource(project, collection, key) }
        }
    }

    private static func databaseJSON(project: String, instance: String, name: String, charset: String) -> JSONValue {
        ["kind": "sql#database", "name": .string(name), "instance": .string(instance), "project": .string(project),
         "charset": .string(charset), "collation": .string(charset == "UTF8" ? "en_US.UTF8" : "utf8mb4_0900_ai_ci"),
         "etag": .string(SQLAdminInstancesAPI.etag()),
         "selfLink": .string("/sqladmin/v1/projects/\(project)/instances/\(instance)/databases/\(name)")]
    }

    private static func userJSON(project: String, instance: String, name: String, host: String, type: String) -> JSONValue {
        var user: JSONValue = ["kind": "sql#user", "name": .string(name), "instance": .string(instance), "project": .string(project), "etag": .string(SQLAdminInstancesAPI.etag())]
        if !host.isEmpty { user["host"] = .string(host) }
        if type != "BUILT_IN" { user["type"] = .string(type) }
        return user
    }

    /// The instance, which must exist, be RUNNABLE and serving (not stopped) and have no
    /// operation running.
    private static func runnableInstance(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String) {
        let (project, name, instance) = try SQLAdminInstancesAPI.find(request, state)
        // A stopped instance stays RUNNABLE, its activationPolicy NEVER, as Google shows it.
        guard instance["state"] == "RUNNABLE", instance["settings"]?["activationPolicy"] != "NEVER" else {
            throw APIError(code: 400, status: "FAILED_PRECONDITION", message: "Invalid request since instance is not running.", reason: "invalidState")
        }
        try SQLAdminOperations.ensureIdle(project, instance: instance, state: state)
        return (project, name)
    }

    private static func startChange(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, instance: String, type: String,
        collection: String, key: String, value: JSONValue?
    ) -> HTTPResponseMessage {
        var payload: JSONValue = ["collection": .string(collection), "key": .string(key)]
        if let value { payload["value"] = value }
        return .resource(SQLAdminOperations.start(
            request, state: &state, project: project, instance: instance, type: type, kind: "sql.child",
            effect: "sql.child", payload: payload))
    }

    private static func insertDatabase(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, instance) = try runnableInstance(request, state)
        guard let name = request.body["name"]?.stringValue, !name.isEmpty else {
            throw APIError.invalidArgument("Invalid request: database name is required.", reason: "invalid")
        }
        guard state.resource(project, databases, "\(instance)/\(name)") == nil else {
            throw APIError.alreadyExists("Database \"\(name)\" already exists on instance \(instance).")
        }
        let database = databaseJSON(project: project, instance: instance, name: name, charset: request.body["charset"]?.stringValue ?? "UTF8")
        return startChange(request, &state, project: project, instance: instance, type: "CREATE_DATABASE", collection: databases, key: "\(instance)/\(name)", value: database)
    }

    private static func getDatabase(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, instance, _) = try SQLAdminInstancesAPI.find(request, state)
        guard let database = state.resource(project, databases, "\(instance)/\(request.path("database"))") else {
            throw APIError.notFound("Not Found", reason: "notFound")
        }
        return .resource(database)
    }

    private static func listDatabases(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, instance, _) = try SQLAdminInstancesAPI.find(request, state)
        return .resource(["kind": "sql#databasesList", "items": .array(state.resources(project, databases, prefix: instance + "/").map(\.value))])
    }

    private static func deleteDatabase(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, instance) = try runnableInstance(request, state)
        let key = "\(instance)/\(request.path("database"))"
        guard state.resource(project, databases, key) != nil else { throw APIError.notFound("Not Found") }
        return startChange(request, &state, project: project, instance: instance, type: "DELETE_DATABASE", collection: databases, key: key, value: nil)
    }

    private static func listUsers(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, instance, _) = try SQLAdminInstancesAPI.find(request, state)
        return .resource(["kind": "sql#usersList", "items": .array(state.resources(project, users, prefix: instance + "/").map(\.value))])
    }

    private static func getUser(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, instance, _) = try SQLAdminInstancesAPI.find(request, state)
        let key = "\(instance)/\(request.path("name"))@\(request.query["host"] ?? "")"
        guard let user = state.resource(project, users, key) else { throw APIError.notFound("The Cloud SQL user does not exist.") }
        return .resource(user)
    }

    private static func writeUser(_ request: APIRequest, _ state: inout EmulatorState, creating: Bool) throws -> HTTPResponseMessage {
        let (project, instance) = try runnableInstance(request, state)
        let name = creating ? request.body["name"]?.stringValue : request.query["name"]
        guard let name, !name.isEmpty else { throw APIError.invalidArgument("Invalid request: user name is required.", reason: "invalid") }
        let host = request.query["host"] ?? request.body["host"]?.stringValue ?? ""
        let key = "\(instance)/\(name)@\(host)"
        let existing = state.resource(project, users, key)
        if creating, existing != nil { throw APIError.alreadyExists("User \(name) already exists on instance \(instance).") }
        if !creating, existing == nil { throw APIError.notFound("The Cloud SQL user does not exist.") }
        var user = existing ?? userJSON(project: project, instance: instance, name: name, host: host, type: request.body["type"]?.stringValue ?? "BUILT_IN")
        if let password = request.body["password"] { user["@password"] = password }
        user["etag"] = .string(SQLAdminInstancesAPI.etag())
        return startChange(request, &state, project: project, instance: instance, type: creating ? "CREATE_USER" : "UPDATE_USER", collection: users, key: key, value: user)
    }

    private static func deleteUser(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, instance) = try runnableInstance(request, state)
        let key = "\(instance)/\(request.query["name"] ?? "")@\(request.query["host"] ?? "")"
        guard state.resource(project, users, key) != nil else { throw APIError.notFound("The Cloud SQL user does not exist.") }
        return startChange(request, &state, project: project, instance: instance, type: "DELETE_USER", collection: users, key: key, value: nil)
    }
}
