import Foundation

/// Serverless VPC Access v1 connectors: create, get, list, patch and delete, each change
/// a google.longrunning operation (the `vpcaccess` duration) named
/// `projects/P/locations/R/operations/...`. A connector is CREATING until its operation
/// ends, then READY, or ERROR when its network or range turned out unusable (Google's
/// "manual deletion recommended" state); UPDATING and DELETING while those run. Its
/// `connectedProjects` lists the project while a Cloud Run service of it egresses through
/// the connector. Rules: `VPCAccessConnectorRules`.
enum VPCAccessConnectorsAPI {
    static let collection = "vpcaccess.connectors"

    static let handlers: [String: APIHandler] = [
        "vpcaccess.projects.locations.connectors.create": create,
        "vpcaccess.projects.locations.connectors.get": get,
        "vpcaccess.projects.locations.connectors.list": list,
        "vpcaccess.projects.locations.connectors.patch": patch,
        "vpcaccess.projects.locations.connectors.delete": delete,
        "vpcaccess.projects.locations.operations.get": LongRunningOperations.get,
        "vpcaccess.projects.locations.operations.list": LongRunningOperations.list,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "vpcaccess.create": { state, operation, succeeded, _ in
            guard let (project, name, connector) = target(operation, state) else { return nil }
            let region = name.split(separator: "/").dropFirst(3).first.map(String.init) ?? ""
            var finished = connector
            if !succeeded {
                finished["state"] = "ERROR"
            } else if let problem = VPCAccessConnectorRules.provisioningProblem(connector, project: project, region: region, state: state) {
                finished["state"] = "ERROR"
                LongRunningOperations.fail(operation, code: 9, message: problem, state: &state)
            } else {
                finished["state"] = "READY"
            }
            state.setResource(project, collection, name, finished)
            return response(finished)
        },
        "vpcaccess.update": { state, operation, succeeded, _ in
            guard let (project, name, connector) = target(operation, state) else { return nil }
            var finished = succeeded ? connector.merging(operation["@payload"]?["changes"] ?? [:]) : connector
            finished["state"] = "READY"
            state.setResource(project, collection, name, finished)
            return response(finished)
        },
        "vpcaccess.delete": { state, operation, succeeded, _ in
            guard let (project, name, connector) = target(operation, state) else { return nil }
            if succeeded {
                state.removeResource(project, collection, name)
            } else {
                var restored = connector
                restored["state"] = operation["@payload"]?["previousState"] ?? "READY"
                state.setResource(project, collection, name, restored)
            }
            return ["@type": "type.googleapis.com/google.protobuf.Empty"]
        },
    ]

    private static func target(_ operation: JSONValue, _ state: EmulatorState) -> (String, String, JSONValue)? {
        guard let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue,
            let connector = state.resource(project, collection, name)
        else { return nil }
        return (project, name, connector)
    }

    private static func response(_ connector: JSONValue) -> JSONValue {
        var response = connector
        response["@type"] = "type.googleapis.com/google.cloud.vpcaccess.v1.Connector"
        return response
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String, connector: JSONValue) {
        let project = try request.requireProject()
        let name = request.canonical(request.path("name"))
        guard let connector = state.resource(project, collection, name) else {
            throw APIError.notFound("Resource '\(name)' was not found.")
        }
        return (project, name, connector)
    }

    /// The connector as Google shows it: `connectedProjects` from the Cloud Run services
    /// whose template egresses through it.
    private static func view(_ connector: JSONValue, project: String, state: EmulatorState) -> JSONValue {
        guard let name = connector["name"]?.stringValue else { return connector }
        let id = name.split(separator: "/").last.map(String.init) ?? ""
        let used = state.resources(project, CloudRunServicesAPI.collection).contains { service in
            guard let reference = service.value["template"]?["vpcAccess"]?["connector"]?.stringValue else { return false }
            return reference == name || reference == id || reference.hasSuffix("/connectors/\(id)")
        }
        var view = connector
        view["connectedProjects"] = used ? [.string(project)] : []
        return view
    }

    private static func start(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, name: String, method: String, effect: String,
        payload: JSONValue = [:]
    ) -> JSONValue {
        let location = name.split(separator: "/").dropFirst(3).first.map(String.init) ?? ""
        return LongRunningOperations.start(
            request, &state, project: project, location: location, kind: "vpcaccess", effect: effect, target: name,
            payload: payload,
            metadata: ["@type": "type.googleapis.com/google.cloud.vpcaccess.v1.OperationMetadata",
                       "method": .string("google.cloud.vpcaccess.v1.VpcAccessService.\(method)")])
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        try VPCAccessConnectorRules.checkID(request.query["connectorId"])
        let name = request.canonical(request.path("parent")) + "/connectors/" + (request.query["connectorId"] ?? "")
        guard state.resource(project, collection, name) == nil else {
            throw APIError.alreadyExists("Requested entity already exists")
        }
        var connector = try VPCAccessConnectorRules.normalized(request.body, name: name)
        connector["state"] = "CREATING"
        state.setResource(project, collection, name, connector)
        return .resource(start(request, &state, project: project, name: name, method: "CreateConnector", effect: "vpcaccess.create"))
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, _, connector) = try find(request, state)
        return .resource(view(connector, project: project, state: state))
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let connectors = state.resources(project, collection, prefix: request.canonical(request.path("parent")) + "/connectors/")
            .map { view($0.value, project: project, state: state) }
        return .resource(try request.page(connectors, defaultSize: 100).body("connectors"))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, connector) = try find(request, state)
        guard connector["state"] == "READY" else {
            throw APIError.failedPrecondition("The connector is \(connector["state"]?.stringValue ?? "not ready"); it can be updated once READY.")
        }
        let mask = request.query["updateMask"].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            ?? request.body.objectValue?.keys.filter(VPCAccessConnectorRules.updatableFields.contains).sorted() ?? []
        let changed = try VPCAccessConnectorRules.updated(connector, with: request.body, mask: mask)
        var updating = connector
        updating["state"] = "UPDATING"
        state.setResource(project, collection, name, updating)
        return .resource(start(
            request, &state, project: project, name: name, method: "UpdateConnector", effect: "vpcaccess.update",
            payload: ["changes": changed]))
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, connector) = try find(request, state)
        guard connector["state"] != "DELETING" else {
            throw APIError.failedPrecondition("The connector is already being deleted.")
        }
        var deleting = connector
        deleting["state"] = "DELETING"
        state.setResource(project, collection, name, deleting)
        return .resource(start(
            request, &state, project: project, name: name, method: "DeleteConnector", effect: "vpcaccess.delete",
            payload: ["previousState": connector["state"] ?? "READY"]))
    }
}
