/// Service Usage v1: which APIs a project has enabled, and enabling them through
/// operations that finish after the `serviceusage` duration; an API becomes callable only
/// then.
enum ServiceUsageAPI {
    static let handlers: [String: APIHandler] = [
        "serviceusage.services.get": get,
        "serviceusage.services.list": list,
        "serviceusage.services.enable": { request, state in try change(request, &state, enable: true) },
        "serviceusage.services.disable": { request, state in try change(request, &state, enable: false) },
        "serviceusage.services.batchEnable": batchEnable,
        "serviceusage.services.batchGet": batchGet,
        "serviceusage.operations.get": getOperation,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "serviceusage.enable": { state, operation, succeeded, _ in
            let project = operation["@target"]?.stringValue ?? ""
            let services = operation["@payload"]?["services"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let enable = operation["@payload"]?["enable"]?.boolValue ?? true
            guard succeeded else { return nil }
            for service in services { state.setService(service, enabled: enable, in: project) }
            let rendered = services.map { service(project: project, name: $0, state: state) }
            if services.count == 1, operation["@payload"]?["batch"]?.boolValue != true {
                let type = enable ? "EnableServiceResponse" : "DisableServiceResponse"
                return ["@type": .string("type.googleapis.com/google.api.serviceusage.v1.\(type)"), "service": rendered[0]]
            }
            return [
                "@type": "type.googleapis.com/google.api.serviceusage.v1.BatchEnableServicesResponse",
                "services": .array(rendered),
            ]
        },
    ]

    /// A service as Service Usage shows it (names use the project number).
    static func service(project: String, name: String, state: EmulatorState) -> JSONValue {
        let number = state.projectNumber(project)
        return [
            "name": .string("projects/\(number)/services/\(name)"),
            "parent": .string("projects/\(number)"),
            "config": [
                "name": .string(name), "title": .string(ServiceCatalog.title(name)),
                "documentation": [:], "quota": [:], "authentication": [:], "usage": ["requirements": []],
                "monitoredResources": [],
            ],
            "state": state.isServiceEnabled(name, in: project) ? "ENABLED" : "DISABLED",
        ]
    }

    /// The service named by `projects/P/services/S`.
    private static func serviceName(_ request: APIRequest) throws -> String {
        let parts = request.path("name").split(separator: "/")
        guard parts.count == 4, parts[2] == "services" else {
            throw APIError.invalidArgument("Invalid service name: \(request.path("name"))")
        }
        return String(parts[3])
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        return .resource(service(project: project, name: try serviceName(request), state: state))
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let enabled = state.projects[project]?.enabledServices ?? []
        var names = ServiceCatalog.known.union(enabled).sorted()
        switch request.query["filter"]?.replacingOccurrences(of: " ", with: "") {
        case nil, "": break
        case "state:ENABLED": names = names.filter { enabled.contains($0) }
        case "state:DISABLED": names = names.filter { !enabled.contains($0) }
        case let other?: throw APIError.invalidArgument("Invalid filter: \(other). Use state:ENABLED or state:DISABLED.")
        }
        let page = try request.page(names.map { service(project: project, name: $0, state: state) }, defaultSize: 50)
        return .resource(page.body("services"))
    }

    private static func batchGet(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let names = (request.query.values["names"] ?? []).map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        guard names.count <= 30 else { throw APIError.invalidArgument("At most 30 services may be named.") }
        return .resource(["services": .array(names.map { service(project: project, name: $0, state: state) })])
    }

    private static func change(_ request: APIRequest, _ state: inout EmulatorState, enable: Bool) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let name = try serviceName(request)
        guard ServiceCatalog.isValidName(name) else {
            throw APIError.permissionDenied("Not found or permission denied for service(s): \(name).", reason: "forbidden")
        }
        return .resource(startOperation(request, &state, project: project, services: [name], enable: enable, batch: false))
    }

    private static func batchEnable(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let names = request.body["serviceIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !names.isEmpty else { throw APIError.invalidArgument("serviceIds must name at least one service.") }
        guard names.count <= 20 else {
            throw APIError.invalidArgument(
                "The number of services in a batch enable request must be at most 20; got \(names.count).")
        }
        let invalid = names.filter { !ServiceCatalog.isValidName($0) }
        guard invalid.isEmpty else {
            throw APIError.permissionDenied("Not found or permission denied for service(s): \(invalid.joined(separator: ", ")).")
        }
        return .resource(startOperation(request, &state, project: project, services: names, enable: true, batch: true))
    }

    private static func startOperation(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, services: [String], enable: Bool, batch: Bool
    ) -> JSONValue {
        let number = state.projectNumber(project)
        let name = "operations/acf.p2-\(number)-\(OperationEngine.newID())"
        let visible: JSONValue = [
            "name": .string(name),
            "metadata": [
                "@type": "type.googleapis.com/google.api.serviceusage.v1.OperationMetadata",
                "resourceNames": .array(services.map { .string("services/\($0)/projectSettings/\(number)") }),
            ],
        ]
        return request.startOperation(
            OperationEngine.Start(
                project: project, name: name, style: .longrunning, kind: "serviceusage", effect: "serviceusage.enable",
                target: project, payload: ["services": .array(services.map(JSONValue.string)), "enable": .bool(enable), "batch": .bool(batch)],
                visible: visible),
            state: &state)
    }

    private static func getOperation(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let name = request.path("name")
        guard let (_, operation) = state.findResource(OperationEngine.collection, name) else {
            throw APIError.notFound("Operation \(name) not found.")
        }
        return .resource(operation)
    }
}
