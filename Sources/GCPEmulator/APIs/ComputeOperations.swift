import Foundation

/// Compute Engine's operations (`compute#operation`): every change answers one, global or
/// regional, `status` PENDING → RUNNING → DONE with `progress`, and a failed one carries
/// `error.errors[{code, message}]` with `httpErrorStatusCode` / `httpErrorMessage`
/// (https://cloud.google.com/compute/docs/api/how-tos/api-requests-responses#handling_api_responses).
/// Read with `globalOperations.get` / `regionOperations.get`, or `wait`, which answers at
/// once here (Google holds it up to two minutes while the operation runs).
enum ComputeOperations {
    static let handlers: [String: APIHandler] = [
        "compute.globalOperations.get": { request, state in try get(request, state, region: nil) },
        "compute.globalOperations.wait": { request, state in try get(request, state, region: nil) },
        "compute.globalOperations.list": { request, state in try list(request, state, region: nil) },
        "compute.regionOperations.get": { request, state in try get(request, state, region: request.path("region")) },
        "compute.regionOperations.wait": { request, state in try get(request, state, region: request.path("region")) },
        "compute.regionOperations.list": { request, state in try list(request, state, region: request.path("region")) },
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "compute.apply": { state, operation, succeeded, now in
            apply(operation, succeeded: succeeded, state: &state, now: now)
            return nil
        },
    ]

    /// How long an insert's `requestId` is remembered: a repeat within it answers the first
    /// operation instead of inserting again.
    static let requestIDLifetime: Double = 3600
    static let requestIDs = "compute.requestIds"

    /// What an operation does to its target when it ends.
    enum Change {
        /// The resource stored pending becomes visible (or is dropped when the operation failed).
        case create
        case delete
        /// The resource becomes `value`, with a new fingerprint.
        case replace(JSONValue)
        /// Nothing beyond the operation itself (a change already made, or refused).
        case none
    }

    /// A failure the operation ends with, in Compute's codes (`RESOURCE_IN_USE_BY_ANOTHER_RESOURCE`).
    struct Failure {
        var code: String
        var httpStatus: Int
        var message: String
    }

    /// Starts an operation on the resource `key` of `kind`.
    static func start(
        _ request: APIRequest, state: inout EmulatorState, kind: ComputeKind, project: String, region: String?,
        key: String, name: String, type: String, change: Change, failure: Failure? = nil
    ) -> JSONValue {
        let now = request.now
        let milliseconds = Int64(now.timeIntervalSince1970 * 1000)
        let operationName = "operation-\(milliseconds)-\(hex(13))-\(hex(8))-\(hex(8))"
        let scope = ComputeKind.scopePath(project: project, region: region)
        let targetID = state.resource(project, kind.collection, key)?["id"] ?? .string(newID())
        var visible: JSONValue = [
            "kind": "compute#operation", "id": .string(newID()), "name": .string(operationName),
            "operationType": .string(type), "targetLink": .string(ComputeLinks.url(kind.path(project: project, region: region, name: name))),
            "targetId": targetID, "user": "owner@example.com", "progress": 0,
            "insertTime": .string(request.timestamp), "startTime": .string(request.timestamp),
            "selfLink": .string(ComputeLinks.url("\(scope)/operations/\(operationName)")),
        ]
        if let region { visible["region"] = .string(ComputeLinks.regionURL(project: project, region: region)) }
        if let failure {
            visible["@computeErrorCode"] = .string(failure.code)
            visible["@httpErrorStatusCode"] = .int(failure.httpStatus)
        }
        var payload: JSONValue = ["project": .string(project), "collection": .string(kind.collection), "key": .string(key)]
        switch change {
        case .create: payload["action"] = "create"
        case .delete: payload["action"] = "delete"
        case .replace(let value): payload["action"] = "replace"; payload["value"] = value
        case .none: payload["action"] = "none"
        }
        var operation = request.startOperation(
            OperationEngine.Start(
                project: project, name: operationName, style: .compute, kind: "compute", effect: "compute.apply",
                target: "\(project)/\(kind.collection)/\(key)/\(type)", payload: payload, visible: visible, failure: failure?.message),
            state: &state)
        if let requestID = request.query["requestId"] {
            state.setResource(project, requestIDs, requestID, ["operation": .string(operationName), "@at": .double(now.timeIntervalSince1970)])
            operation = state.resource(project, OperationEngine.collection, operationName) ?? operation
        }
        return operation
    }

    /// The operation an earlier request with the same `requestId` started, if it is recent.
    static func repeated(_ request: APIRequest, project: String, state: EmulatorState) throws -> JSONValue? {
        guard let requestID = request.query["requestId"] else { return nil }
        guard UUID(uuidString: requestID) != nil, requestID != "00000000-0000-0000-0000-000000000000" else {
            throw ComputeErrors.invalid(field: "requestId", value: requestID, "Must be a valid UUID other than the zero UUID.")
        }
        guard let record = state.resource(project, requestIDs, requestID),
            (record["@at"]?.doubleValue ?? 0) + requestIDLifetime > request.now.timeIntervalSince1970,
            let name = record["operation"]?.stringValue
        else { return nil }
        return state.resource(project, OperationEngine.collection, name)
    }

    /// The engine's end of a Compute operation: DONE, and the error in Compute's shape.
    static func finish(_ operation: inout JSONValue, failure: String?, now: Date) {
        operation["status"] = "DONE"
        operation["progress"] = 100
        operation["endTime"] = .string(RFC3339.format(now))
        guard let failure else { return }
        let code = operation["@computeErrorCode"]?.stringValue ?? "INTERNAL_ERROR"
        let http = operation["@httpErrorStatusCode"]?.intValue ?? 500
        operation["error"] = ["errors": [["code": .string(code), "message": .string(failure)]]]
        operation["httpErrorStatusCode"] = .int(http)
        operation["httpErrorMessage"] = .string(http == 400 ? "BAD REQUEST" : http == 404 ? "NOT FOUND" : "INTERNAL SERVER ERROR")
    }

    private static func apply(_ operation: JSONValue, succeeded: Bool, state: inout EmulatorState, now: Date) {
        guard let payload = operation["@payload"], let project = payload["project"]?.stringValue,
            let collection = payload["collection"]?.stringValue, let key = payload["key"]?.stringValue,
            var resource = state.resource(project, collection, key)
        else { return }
        switch payload["action"]?.stringValue {
        case "create":
            if succeeded {
                resource["@pendingCreate"] = nil
                state.setResource(project, collection, key, resource)
            } else {
                state.removeResource(project, collection, key)
            }
        case "delete":
            if succeeded {
                state.removeResource(project, collection, key)
            } else {
                resource["@pendingDelete"] = nil
                state.setResource(project, collection, key, resource)
            }
        case "replace":
            guard succeeded, var value = payload["value"] else { return }
            if value["fingerprint"] != nil { value["fingerprint"] = .string(ComputeResources.fingerprint()) }
            state.setResource(project, collection, key, value)
        default:
            break
        }
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState, region: String?) throws -> JSONValue {
        let project = try request.requireProject()
        let name = request.path("operation")
        guard let operation = state.resource(project, OperationEngine.collection, name), operation["kind"] == "compute#operation",
            operation["region"]?.stringValue == region.map({ ComputeLinks.regionURL(project: project, region: $0) })
        else {
            throw ComputeErrors.notFound(ComputeKind.scopePath(project: project, region: region) + "/operations/\(name)")
        }
        return operation
    }

    private static func get(_ request: APIRequest, _ state: EmulatorState, region: String?) throws -> HTTPResponseMessage {
        .resource(try find(request, state, region: region))
    }

    private static func list(_ request: APIRequest, _ state: EmulatorState, region: String?) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let regionURL = region.map { ComputeLinks.regionURL(project: project, region: $0) }
        let filter = try ComputeFilter(request.query["filter"])
        let operations = state.resources(project, OperationEngine.collection).map(\.value).filter { operation in
            operation["kind"] == "compute#operation" && operation["region"]?.stringValue == regionURL && filter.matches(operation.publicView)
        }
        let ordered = operations.sorted { first, second in
            let a = (first["insertTime"]?.stringValue ?? "") + (first["name"]?.stringValue ?? "")
            let b = (second["insertTime"]?.stringValue ?? "") + (second["name"]?.stringValue ?? "")
            return a < b
        }
        let scope = ComputeKind.scopePath(project: project, region: region)
        let page = try request.page(ordered)
        let base: JSONValue = [
            "kind": "compute#operationList", "id": .string("\(scope)/operations"),
            "selfLink": .string(ComputeLinks.url("\(scope)/operations")),
        ]
        return .resource(page.body("items", base: base))
    }

    /// A resource or operation id: a decimal uint64, as Compute's are.
    static func newID() -> String { String(UInt64.random(in: 1_000_000_000_000_000...9_000_000_000_000_000_000)) }

    private static func hex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }
}
