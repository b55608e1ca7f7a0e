import Foundation

/// Service Networking v1: the private services access connection between a consumer VPC
/// network and Google's service producers (Cloud SQL, Memorystore). Nothing in its paths
/// names a project: the consumer is the project whose number the `network` names
/// (`projects/NUMBER/global/networks/NAME`), and its operations are `operations/ID`,
/// found in whichever project started them. Create, patch and deleteConnection are
/// operations (the `servicenetworking` duration) whose failures are google.rpc.Status code 9,
/// as Google's are; their rules are in `ServiceNetworkingConnections`.
enum ServiceNetworkingAPI {
    static let service = "services/servicenetworking.googleapis.com"

    static let handlers: [String: APIHandler] = [
        "servicenetworking.services.connections.create": create,
        "servicenetworking.services.connections.list": list,
        "servicenetworking.services.connections.patch": patch,
        "servicenetworking.services.connections.deleteConnection": deleteConnection,
        "servicenetworking.operations.get": getOperation,
    ]

    /// The consumer project (its id) and the network's name, from a network given as
    /// `projects/NUMBER/global/networks/NAME`; 400 for any other form, 403 for a project the
    /// emulator does not hold, 403 SERVICE_DISABLED when the API is off there.
    static func consumer(_ network: String?, field: String, _ request: APIRequest, _ state: EmulatorState) throws -> (project: String, network: String) {
        guard let network, let reference = ComputeNetworks.reference(network), reference.project.allSatisfy(\.isNumber) else {
            throw APIError.invalidArgument(
                "\(field) must be projects/{project number}/global/networks/{network}, the project given by its number; got '\(network ?? "")'.",
                field: field)
        }
        guard let project = ComputeNetworks.projectID(reference.project, state: state) else {
            throw APIError.permissionDenied("Permission denied on resource project \(reference.project) (or it may not exist).")
        }
        if request.configuration.apiGating {
            try ProjectGate.checkEnabled(request.route, project: project, state: state)
        }
        return (project, reference.name)
    }

    /// `services/servicenetworking.googleapis.com` (or `services/-` where a list allows it).
    private static func checkService(_ parent: String, allowWildcard: Bool = false) throws {
        guard parent == service || (allowWildcard && parent == "services/-") else {
            throw APIError.notFound("Service '\(parent.dropFirst("services/".count))' is not a private service access producer.")
        }
    }

    /// `services/S/connections/C`: C is the peering's name, or `-` as gcloud sends it.
    private static func checkConnectionName(_ name: String) throws {
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count == 4, "services/\(parts[1])" == service,
            ["-", ComputeNetworks.serviceNetworkingPeering].contains(parts[3])
        else { throw APIError.notFound("Connection \(name) not found.") }
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        try checkService(request.path("parent"))
        let (project, network) = try consumer(request.body["network"]?.stringValue, field: "network", request, state)
        let ranges = request.body["reservedPeeringRanges"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if ranges.isEmpty, ServiceNetworkingConnections.connection(network: network, project: project, state: state) == nil {
            throw APIError.invalidArgument(
                "reservedPeeringRanges must name at least one allocated IP address range (a global address of purpose VPC_PEERING).",
                field: "reservedPeeringRanges")
        }
        return .resource(startOperation(
            request, &state, project: project, effect: "servicenetworking.connect",
            payload: ["network": .string(network), "ranges": .array(ranges.map(JSONValue.string))]))
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        try checkService(request.path("parent"), allowWildcard: true)
        guard let network = request.query["network"] else {
            throw APIError.invalidArgument("network is required: projects/{project number}/global/networks/{network}.", field: "network")
        }
        let (project, name) = try consumer(network, field: "network", request, state)
        // proto3 JSON leaves an empty repeated field out: no connection answers `{}`.
        guard let connection = ServiceNetworkingConnections.connection(network: name, project: project, state: state) else {
            return .resource([:])
        }
        return .resource(["connections": [connection]])
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        try checkConnectionName(request.path("name"))
        let (project, network) = try consumer(request.body["network"]?.stringValue, field: "network", request, state)
        let mask = (request.query["updateMask"] ?? "*").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard mask.allSatisfy({ ["*", "reservedPeeringRanges", "reserved_peering_ranges"].contains($0) }) else {
            throw APIError.invalidArgument("Only reservedPeeringRanges can be updated.", field: "updateMask")
        }
        guard ServiceNetworkingConnections.connection(network: network, project: project, state: state) != nil else {
            throw APIError.notFound("No private connection to service producers exists on network \(network).")
        }
        let ranges = request.body["reservedPeeringRanges"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return .resource(startOperation(
            request, &state, project: project, effect: "servicenetworking.update",
            payload: ["network": .string(network), "ranges": .array(ranges.map(JSONValue.string)),
                      "force": .bool(request.query["force"]?.lowercased() == "true")]))
    }

    private static func deleteConnection(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        try checkConnectionName(request.path("name"))
        let (project, network) = try consumer(request.body["consumerNetwork"]?.stringValue, field: "consumerNetwork", request, state)
        guard ServiceNetworkingConnections.connection(network: network, project: project, state: state) != nil else {
            throw APIError.notFound("No private connection to service producers exists on network \(network).")
        }
        return .resource(startOperation(
            request, &state, project: project, effect: "servicenetworking.disconnect", payload: ["network": .string(network)]))
    }

    /// `operations/ID`, wherever it was started; 403 SERVICE_DISABLED as for any call once
    /// the API is off in that project.
    private static func getOperation(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let name = request.path("name")
        guard let (project, operation) = state.findResource(OperationEngine.collection, name), name.hasPrefix("operations/pssn.")
        else { throw APIError.notFound("Operation \(name) not found.") }
        if request.configuration.apiGating {
            try ProjectGate.checkEnabled(request.route, project: project, state: state)
        }
        return .resource(operation)
    }

    private static func startOperation(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, effect: String, payload: JSONValue
    ) -> JSONValue {
        let number = state.projectNumber(project)
        let name = "operations/pssn.p24-\(number)-\(OperationEngine.newID())"
        var payload = payload
        payload["project"] = .string(project)
        return request.startOperation(
            OperationEngine.Start(
                project: project, name: name, style: .longrunning, kind: "servicenetworking", effect: effect,
                target: "\(project)/\(payload["network"]?.stringValue ?? "")/servicenetworking", payload: payload,
                visible: ["name": .string(name)]),
            state: &state)
    }
}
