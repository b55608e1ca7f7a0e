import Foundation

/// Cloud Run Admin v2 services: create (`?serviceId=`), patch (etag checked; `allowMissing`
/// creates) and delete run as Operations of the `run` duration (see `CloudRunDeploy`);
/// get, list (a real region; `-` is 400). Operations are
/// `projects/P/locations/L/operations/ID`: get, list, wait (answers at once), delete.
///
/// Services are kept under `run.services` by full name with the project id
/// (`projects/P/locations/L/services/S`), whichever of id or number the request used.
enum CloudRunServicesAPI {
    static let collection = "run.services"

    static let handlers: [String: APIHandler] = [
        "run.projects.locations.services.create": create,
        "run.projects.locations.services.get": get,
        "run.projects.locations.services.list": list,
        "run.projects.locations.services.patch": patch,
        "run.projects.locations.services.delete": delete,
        "run.projects.locations.operations.get": LongRunningOperations.get,
        // The emulator does not hold the request open: `wait` answers the operation as it
        // is now, and the client polls again while it is not done.
        "run.projects.locations.operations.wait": LongRunningOperations.get,
        "run.projects.locations.operations.list": LongRunningOperations.list,
        "run.projects.locations.operations.delete": LongRunningOperations.delete,
    ]

    static func find(_ request: APIRequest, _ state: EmulatorState, name: String? = nil) throws -> (project: String, name: String, service: JSONValue) {
        let project = try request.requireProject()
        let name = request.canonical(name ?? request.path("name"))
        guard let service = state.resource(project, collection, name) else {
            let parts = name.split(separator: "/")
            throw APIError.notFound(
                "Resource '\(parts.last ?? "")' of kind 'SERVICE' in region '\(parts.dropFirst(3).first ?? "")' in project '\(project)' does not exist.")
        }
        return (project, name, service)
    }

    /// Starts a Run operation (the `run` duration) about `target`, its metadata the resource.
    static func startOperation(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, target: String, effect: String, metadata: JSONValue,
        type: String = "type.googleapis.com/google.cloud.run.v2.Service", payload: JSONValue = [:]
    ) -> JSONValue {
        let region = target.split(separator: "/").dropFirst(3).first.map(String.init) ?? ""
        let name = "projects/\(project)/locations/\(region)/operations/\(OperationEngine.newID())"
        var shown = metadata.publicView
        shown["@type"] = .string(type)
        var payload = payload
        payload["project"] = .string(project)
        return request.startOperation(
            OperationEngine.Start(
                project: project, name: name, style: .longrunning, kind: "run", effect: effect, target: target,
                payload: payload, visible: ["name": .string(name), "metadata": shown]),
            state: &state)
    }

    private static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 49 && id.first?.isLetter == true && id.last != "-"
            && id.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard let id = request.query["serviceId"], isValidID(id) else {
            throw APIError.invalidArgument(
                "serviceId must be 1 to 49 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen.",
                field: "serviceId")
        }
        let name = request.canonical(request.path("parent")) + "/services/" + id
        guard state.resource(project, collection, name) == nil else {
            throw APIError.alreadyExists("Resource '\(id)' already exists.")
        }
        let deploy = try CloudRunDeploy.prepare(request, existing: nil, name: name, project: project, state: state)
        if request.query.bool("validateOnly") { return .resource(["name": .string(name), "done": true, "metadata": deploy.service.publicView]) }
        return .resource(CloudRunDeploy.start(request, &state, deploy, project: project, name: name))
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, state).service)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let parent = request.canonical(request.path("parent"))
        guard !parent.hasSuffix("/locations/-") else {
            throw APIError.invalidArgument("The location '-' is not supported by services.list: name a region.")
        }
        let services = state.resources(project, collection, prefix: parent + "/services/").map(\.value)
        return .resource(try request.page(services, defaultSize: 100).body("services"))
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let name = request.canonical(request.path("name"))
        guard let existing = state.resource(project, collection, name) else {
            guard request.query.bool("allowMissing") else { _ = try find(request, state); return .empty }
            let deploy = try CloudRunDeploy.prepare(request, existing: nil, name: name, project: project, state: state)
            return .resource(CloudRunDeploy.start(request, &state, deploy, project: project, name: name))
        }
        if let etag = request.body["etag"]?.stringValue, !etag.isEmpty, etag != existing["etag"]?.stringValue {
            throw APIError.aborted("The etag provided does not match the service's current etag: read the service again and reapply.")
        }
        let deploy = try CloudRunDeploy.prepare(request, existing: existing, name: name, project: project, state: state)
        if request.query.bool("validateOnly") { return .resource(["name": .string(name), "done": true, "metadata": deploy.service.publicView]) }
        return .resource(CloudRunDeploy.start(request, &state, deploy, project: project, name: name))
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, service) = try find(request, state)
        if let etag = request.query["etag"], !etag.isEmpty, etag != service["etag"]?.stringValue {
            throw APIError.aborted("The etag provided does not match the service's current etag.")
        }
        if request.query.bool("validateOnly") { return .resource(["name": .string(name), "done": true]) }
        return .resource(startOperation(request, &state, project: project, target: name, effect: "run.delete", metadata: service))
    }
}
