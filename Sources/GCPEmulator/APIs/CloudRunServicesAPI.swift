import Foundation

/// Cloud Run Admin v2 services: create (`?serviceId=`), patch (etag checked; a changed
/// template makes a new revision) and delete run as Operations of the `run` duration.
/// While one runs the service is `reconciling`; when it is done `terminalCondition` is
/// CONDITION_SUCCEEDED, `latestReadyRevision` catches up with `latestCreatedRevision`, and
/// `uri` is `https://SERVICE-PROJECTNUMBER.REGION.run.app`.
enum CloudRunServicesAPI {
    static let collection = "run.services"

    static let handlers: [String: APIHandler] = [
        "run.projects.locations.services.create": create,
        "run.projects.locations.services.get": get,
        "run.projects.locations.services.list": list,
        "run.projects.locations.services.patch": patch,
        "run.projects.locations.services.delete": delete,
        "run.projects.locations.services.getIamPolicy": getIamPolicy,
        "run.projects.locations.services.setIamPolicy": setIamPolicy,
        "run.projects.locations.operations.get": LongRunningOperations.get,
        // The emulator does not hold the request open: `wait` answers the operation as it
        // is now, and the client polls again while it is not done.
        "run.projects.locations.operations.wait": LongRunningOperations.get,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "run.deploy": { state, operation, succeeded, now in
            guard let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue,
                var service = state.resource(project, collection, name)
            else { return nil }
            service["reconciling"] = false
            if succeeded {
                service["latestReadyRevision"] = service["latestCreatedRevision"]
                service["uri"] = .string(uri(name, number: state.projectNumber(project)))
                service["urls"] = [service["uri"] ?? ""]
                service["terminalCondition"] = condition("Ready", "CONDITION_SUCCEEDED", now)
                service["conditions"] = [condition("RoutesReady", "CONDITION_SUCCEEDED", now), condition("ConfigurationsReady", "CONDITION_SUCCEEDED", now)]
                service["trafficStatuses"] = .array((service["traffic"]?.arrayValue ?? []).map { target in
                    var status = target
                    if target["type"] == "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" { status["revision"] = service["latestReadyRevision"] }
                    return status
                })
            } else {
                var failed = condition("Ready", "CONDITION_FAILED", now)
                failed["message"] = .string(operation["@failure"]?.stringValue ?? "Revision failed to become ready.")
                service["terminalCondition"] = failed
            }
            service["observedGeneration"] = service["generation"]
            state.setResource(project, collection, name, service)
            var response = service
            response["@type"] = "type.googleapis.com/google.cloud.run.v2.Service"
            return response
        },
        "run.delete": { state, operation, succeeded, _ in
            guard succeeded, let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue,
                let service = state.removeResource(project, collection, name)
            else { return nil }
            var response = service
            response["@type"] = "type.googleapis.com/google.cloud.run.v2.Service"
            return response
        },
    ]

    static let writableFields: Set = [
        "description", "labels", "annotations", "client", "clientVersion", "ingress", "launchStage", "binaryAuthorization",
        "template", "traffic", "scaling", "defaultUriDisabled", "invokerIamDisabled", "customAudiences", "buildConfig",
        "iapEnabled", "multiRegionSettings", "threatDetectionEnabled",
    ]

    static func uri(_ name: String, number: String) -> String {
        let parts = name.split(separator: "/")
        guard parts.count == 6 else { return "" }
        return "https://\(parts[5])-\(number).\(parts[3]).run.app"
    }

    private static func condition(_ type: String, _ state: String, _ now: Date) -> JSONValue {
        ["type": .string(type), "state": .string(state), "lastTransitionTime": .string(RFC3339.format(now))]
    }

    static func find(_ request: APIRequest, _ state: EmulatorState, name: String? = nil) throws -> (project: String, name: String, service: JSONValue) {
        let project = try request.requireProject()
        let name = name ?? request.path("name")
        guard let service = state.resource(project, collection, name) else {
            throw APIError.notFound("Resource '\(name.split(separator: "/").last ?? "")' of kind 'SERVICE' in region '\(name.split(separator: "/").dropFirst(3).first ?? "")' in project '\(project)' does not exist.")
        }
        return (project, name, service)
    }

    private static func checkTemplate(_ body: JSONValue) throws {
        let containers = body["template"]?["containers"]?.arrayValue ?? []
        guard !containers.isEmpty, containers.allSatisfy({ $0["image"]?.stringValue?.isEmpty == false }) else {
            throw APIError.invalidArgument("template.containers[0].image: must be specified.", field: "template.containers")
        }
    }

    private static func revisionName(_ service: String, _ number: Int) -> String {
        let digits = String(number)
        let suffix = String((0..<3).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        return "\(service)-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + "-" + suffix
    }

    /// Records the deploy and starts its operation.
    private static func deploy(_ request: APIRequest, _ state: inout EmulatorState, project: String, name: String, service: JSONValue) -> JSONValue {
        let region = name.split(separator: "/").dropFirst(3).first.map(String.init) ?? ""
        state.setResource(project, collection, name, service)
        let operationName = "projects/\(project)/locations/\(region)/operations/\(OperationEngine.newID())"
        var metadata = service.publicView
        metadata["@type"] = "type.googleapis.com/google.cloud.run.v2.Service"
        return request.startOperation(
            OperationEngine.Start(
                project: project, name: operationName, style: .longrunning, kind: "run", effect: "run.deploy", target: name,
                payload: ["project": .string(project)], visible: ["name": .string(operationName), "metadata": metadata]),
            state: &state)
    }

    private static func newRevision(_ service: inout JSONValue, id: String) {
        let count = (service["@revisions"]?.intValue ?? 0) + 1
        service["@revisions"] = .int(count)
        service["latestCreatedRevision"] = .string(service["template"]?["revision"]?.stringValue ?? revisionName(id, count))
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard let id = request.query["serviceId"], !id.isEmpty, id.count <= 49,
            id.first?.isLetter == true, id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), id.last != "-"
        else { throw APIError.invalidArgument("serviceId must be 1 to 49 lowercase letters, digits or hyphens, starting with a letter.", field: "serviceId") }
        try checkTemplate(request.body)
        let name = request.path("parent") + "/services/" + id
        guard state.resource(project, collection, name) == nil else {
            throw APIError.alreadyExists("Resource '\(id)' already exists.")
        }
        var service = JSONValue.object(request.body.objectValue?.filter { writableFields.contains($0.key) } ?? [:])
        service = service.merging([
            "name": .string(name), "uid": .string(UUID().uuidString.lowercased()), "generation": "1",
            "createTime": .string(request.timestamp), "updateTime": .string(request.timestamp),
            "creator": "emulator@example.com", "lastModifier": "emulator@example.com", "etag": .string(SecretManagerAPI.newETag()),
            "reconciling": true, "terminalCondition": condition("Ready", "CONDITION_RECONCILING", request.now),
        ])
        service["ingress"] = service["ingress"] ?? "INGRESS_TRAFFIC_ALL"
        service["launchStage"] = service["launchStage"] ?? "GA"
        service["traffic"] = service["traffic"] ?? [["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", "percent": 100]]
        newRevision(&service, id: id)
        if request.query.bool("validateOnly") { return .resource(["name": .string(name), "metadata": service.publicView]) }
        return .resource(deploy(request, &state, project: project, name: name, service: service))
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, state).service)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let parent = request.path("parent")
        guard !parent.hasSuffix("/locations/-") else {
            throw APIError.invalidArgument("The location '-' is not supported by services.list: name a region.")
        }
        let services = state.resources(project, collection, prefix: parent + "/services/").map(\.value)
        return .resource(try request.page(services, defaultSize: 100).body("services"))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard let existing = state.resource(project, collection, request.path("name")) else {
            if request.query.bool("allowMissing") { return try createMissing(request, &state) }
            _ = try find(request, state)
            return .empty
        }
        let name = request.path("name")
        if let etag = request.body["etag"]?.stringValue, !etag.isEmpty, etag != existing["etag"]?.stringValue {
            throw APIError.aborted("The etag provided does not match the service's current etag: read the service again and reapply.")
        }
        try checkTemplate(request.body)
        var service = existing
        for field in writableFields { service[field] = request.body[field] }
        service["ingress"] = service["ingress"] ?? "INGRESS_TRAFFIC_ALL"
        service["traffic"] = service["traffic"] ?? [["type": "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", "percent": 100]]
        if existing["template"] != service["template"] || request.query.bool("forceNewRevision") {
            newRevision(&service, id: String(name.split(separator: "/").last ?? ""))
        }
        service["generation"] = .string(String((existing["generation"]?.intValue ?? 1) + 1))
        service["updateTime"] = .string(request.timestamp)
        service["etag"] = .string(SecretManagerAPI.newETag())
        service["reconciling"] = true
        service["terminalCondition"] = condition("Ready", "CONDITION_RECONCILING", request.now)
        if request.query.bool("validateOnly") { return .resource(["name": .string(name), "metadata": service.publicView]) }
        return .resource(deploy(request, &state, project: project, name: name, service: service))
    }

    /// `patch` with `allowMissing=true` on a service that does not exist creates it.
    private static func createMissing(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        var creating = request
        let name = request.path("name")
        let parts = name.split(separator: "/")
        creating.route.pathParameters["parent"] = parts.prefix(4).joined(separator: "/")
        var query = request.query
        query.set("serviceId", String(parts.last ?? ""))
        creating.query = query
        return try create(creating, &state)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, service) = try find(request, state)
        if let etag = request.query["etag"], etag != service["etag"]?.stringValue {
            throw APIError.aborted("The etag provided does not match the service's current etag.")
        }
        let region = name.split(separator: "/").dropFirst(3).first.map(String.init) ?? ""
        let operationName = "projects/\(project)/locations/\(region)/operations/\(OperationEngine.newID())"
        var metadata = service.publicView
        metadata["@type"] = "type.googleapis.com/google.cloud.run.v2.Service"
        return .resource(request.startOperation(
            OperationEngine.Start(
                project: project, name: operationName, style: .longrunning, kind: "run", effect: "run.delete", target: name,
                payload: ["project": .string(project)], visible: ["name": .string(operationName), "metadata": metadata]),
            state: &state))
    }

    private static func getIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try find(request, state, name: request.path("resource"))
        return .resource(IAMPolicy.answer(IAMPolicy.read(project, resource: name, state: state, initial: ["version": 1, "etag": "BwYAAAAAAAA="])))
    }

    private static func setIamPolicy(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, _) = try find(request, state, name: request.path("resource"))
        let policy = try IAMPolicy.write(request, project: project, resource: name, state: &state, initial: ["version": 1, "etag": "BwYAAAAAAAA="])
        return .resource(IAMPolicy.answer(policy))
    }
}
