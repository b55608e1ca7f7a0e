/// Cloud SQL's own operations (`kind: sql#operation`): one at a time per instance, a
/// second mutating call meeting 409 `operationInProgress`, and the effects that apply
/// when an operation is DONE.
enum SQLAdminOperations {
    static let handlers: [String: APIHandler] = [
        "sqladmin.operations.get": get,
        "sqladmin.operations.list": list,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "sql.instance": { state, operation, succeeded, now in
            SQLAdminInstancesAPI.complete(operation, succeeded: succeeded, state: &state, now: now)
            return nil
        },
        "sql.child": { state, operation, succeeded, _ in
            guard succeeded, let project = operation["targetProject"]?.stringValue,
                let payload = operation["@payload"], let collection = payload["collection"]?.stringValue,
                let key = payload["key"]?.stringValue
            else { return nil }
            if let value = payload["value"] {
                state.setResource(project, collection, key, value)
            } else {
                state.removeResource(project, collection, key)
            }
            return nil
        },
    ]

    /// 409 operationInProgress while the instance's last operation is not DONE.
    static func ensureIdle(_ project: String, instance: JSONValue, state: EmulatorState) throws {
        guard let name = instance["@operation"]?.stringValue,
            state.pendingOperations.contains(OperationKey(project: project, name: name))
        else { return }
        throw APIError(
            code: 409, status: "ABORTED",
            message: "Operation failed because another operation was already in progress. Try your request after the current operation is complete.",
            reason: "operationInProgress")
    }

    /// Starts an operation on an instance and records it as the instance's current one.
    static func start(
        _ request: APIRequest, state: inout EmulatorState, project: String, instance: String, type: String,
        kind: String = "sql", effect: String, payload: JSONValue
    ) -> JSONValue {
        let name = OperationEngine.newID()
        let base = "\(request.baseURL)/sqladmin/v1/projects/\(project)"
        let visible: JSONValue = [
            "kind": "sql#operation", "name": .string(name), "selfLink": .string("\(base)/operations/\(name)"),
            "targetLink": .string("\(base)/instances/\(instance)"), "targetId": .string(instance),
            "targetProject": .string(project), "operationType": .string(type), "user": "emulator@example.com",
            "insertTime": .string(request.timestamp), "startTime": .string(request.timestamp),
        ]
        if var record = state.resource(project, SQLAdminInstancesAPI.collection, instance) {
            record["@operation"] = .string(name)
            state.setResource(project, SQLAdminInstancesAPI.collection, instance, record)
        }
        return request.startOperation(
            OperationEngine.Start(
                project: project, name: name, style: .sql, kind: kind, effect: effect, target: "\(project)/\(instance)/\(type)",
                payload: payload, visible: visible),
            state: &state)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard let operation = state.resource(project, OperationEngine.collection, request.path("operation")),
            operation["kind"] == "sql#operation"
        else { throw APIError.notFound("The Cloud SQL operation does not exist.", reason: "operationDoesNotExist") }
        return .resource(operation)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let instance = request.query["instance"]
        let operations = state.resources(project, OperationEngine.collection).map(\.value)
            .filter { $0["kind"] == "sql#operation" && (instance == nil || $0["targetId"]?.stringValue == instance) }
            .sorted { ($0["insertTime"]?.stringValue ?? "") > ($1["insertTime"]?.stringValue ?? "") }
        let page = try request.page(operations)
        return .resource(page.body("items", base: ["kind": "sql#operationsList"]))
    }
}
