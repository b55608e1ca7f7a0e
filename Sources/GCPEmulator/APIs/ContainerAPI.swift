import Foundation

/// Kubernetes Engine (container v1) clusters, addressed as `projects/P/locations/L/...` or
/// the older `projects/P/zones/Z/...`: list (location `-` lists every location), get,
/// create and delete (Operations in Kubernetes Engine's style: `status` PENDING, RUNNING,
/// DONE; the `container` duration), operations get / list. A project starts with none;
/// tests add some with `Emulator.addCluster`. A cluster with an operation running (not
/// RUNNING) refuses another (400 FAILED_PRECONDITION).
enum ContainerAPI {
    static let collection = ContainerClusters.collection

    static let handlers: [String: APIHandler] = [
        "container.projects.locations.clusters.list": list,
        "container.projects.zones.clusters.list": list,
        "container.projects.locations.clusters.get": get,
        "container.projects.zones.clusters.get": get,
        "container.projects.locations.clusters.create": create,
        "container.projects.zones.clusters.create": create,
        "container.projects.locations.clusters.delete": delete,
        "container.projects.zones.clusters.delete": delete,
        "container.projects.locations.operations.get": getOperation,
        "container.projects.zones.operations.get": getOperation,
        "container.projects.locations.operations.list": listOperations,
        "container.projects.zones.operations.list": listOperations,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "container.create": { state, operation, succeeded, _ in
            guard let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue else { return nil }
            guard succeeded else {
                state.removeResource(project, collection, name)
                return nil
            }
            setStatus("RUNNING", project: project, name: name, state: &state)
            return nil
        },
        "container.delete": { state, operation, succeeded, _ in
            guard let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue else { return nil }
            if succeeded { state.removeResource(project, collection, name) } else { setStatus("RUNNING", project: project, name: name, state: &state) }
            return nil
        },
    ]

    private static func setStatus(_ status: String, project: String, name: String, state: inout EmulatorState) {
        guard var cluster = state.resource(project, collection, name) else { return }
        cluster["status"] = .string(status)
        cluster["nodePools"] = cluster["nodePools"].map { .array(($0.arrayValue ?? []).map { var pool = $0; pool["status"] = .string(status); return pool }) }
        state.setResource(project, collection, name, cluster)
    }

    /// The location a request names (either form), and the cluster or operation id if any.
    private static func location(_ request: APIRequest) -> (location: String, id: String?) {
        if let zone = request.route.pathParameters["zone"] {
            return (zone, request.route.pathParameters["clusterId"] ?? request.route.pathParameters["operationId"])
        }
        let parts = (request.route.pathParameters["name"] ?? request.route.pathParameters["parent"] ?? "").split(separator: "/").map(String.init)
        return (parts.count > 3 ? parts[3] : "", parts.count > 5 ? parts[5] : nil)
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String, cluster: JSONValue) {
        let project = try request.requireProject()
        let (location, id) = location(request)
        let name = ContainerClusters.name(project: project, location: location, cluster: id ?? "")
        guard let cluster = state.resource(project, collection, name) else { throw APIError.notFound("Not found: \(name).") }
        return (project, name, cluster)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let location = location(request).location
        let clusters = state.resources(project, collection).map(\.value)
            .filter { location == "-" || $0["location"]?.stringValue == location }
        return .resource(clusters.isEmpty ? [:] : ["clusters": .array(clusters)])
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, state).cluster)
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let location = location(request).location
        guard location != "-", !location.isEmpty else { throw APIError.invalidArgument("Location \"-\" is not valid for create: name a region or zone.") }
        guard let requested = request.body["cluster"], let id = requested["name"]?.stringValue, ContainerClusters.isValidName(id) else {
            throw APIError.invalidArgument(
                "Invalid value for field \"cluster.name\": must be 1 to 40 lowercase letters, digits or hyphens, starting with a letter.",
                field: "cluster.name")
        }
        let name = ContainerClusters.name(project: project, location: location, cluster: id)
        guard state.resource(project, collection, name) == nil else { throw APIError.alreadyExists("Already exists: \(name).") }
        state.setResource(project, collection, name, ContainerClusters.make(requested, project: project, location: location, status: "PROVISIONING", now: request.now))
        return .resource(startOperation(request, &state, project: project, location: location, type: "CREATE_CLUSTER", target: name, effect: "container.create"))
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, cluster) = try find(request, state)
        guard cluster["status"] == "RUNNING" else {
            throw APIError.failedPrecondition(
                "Cluster is running incompatible operation: the cluster is \(cluster["status"]?.stringValue ?? ""). Wait for it to finish.")
        }
        setStatus("STOPPING", project: project, name: name, state: &state)
        let location = cluster["location"]?.stringValue ?? ""
        return .resource(startOperation(request, &state, project: project, location: location, type: "DELETE_CLUSTER", target: name, effect: "container.delete"))
    }

    private static func startOperation(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, location: String, type: String, target: String, effect: String
    ) -> JSONValue {
        let id = "operation-\(Int(request.now.timeIntervalSince1970 * 1000))-\(OperationEngine.newID().prefix(8))"
        let number = state.projectNumber(project)
        let visible: JSONValue = [
            "name": .string(id), "zone": .string(location), "location": .string(location), "operationType": .string(type),
            "selfLink": .string("https://container.googleapis.com/v1/projects/\(number)/locations/\(location)/operations/\(id)"),
            "targetLink": .string("https://container.googleapis.com/v1/projects/\(number)/locations/\(location)/clusters/\(target.split(separator: "/").last ?? "")"),
            "startTime": .string(request.timestamp),
        ]
        return request.startOperation(
            OperationEngine.Start(
                project: project, name: "projects/\(project)/locations/\(location)/operations/\(id)", style: .container, kind: "container",
                effect: effect, target: target, payload: ["project": .string(project)], visible: visible),
            state: &state)
    }

    private static func getOperation(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let (location, id) = location(request)
        let name = "projects/\(project)/locations/\(location)/operations/\(id ?? "")"
        guard let operation = state.resource(project, OperationEngine.collection, name) else { throw APIError.notFound("Not found: \(name).") }
        return .resource(operation)
    }

    private static func listOperations(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let location = location(request).location
        let operations = state.resources(project, OperationEngine.collection, prefix: "projects/\(project)/locations/")
            .filter { $0.value["@style"] == "container" && (location == "-" || $0.value["location"] == .string(location)) }.map(\.value)
        return .resource(operations.isEmpty ? [:] : ["operations": .array(operations)])
    }
}
