import Foundation

/// Cloud Run revisions: one is made from a service's template when a deploy changes it,
/// named `SERVICE-NNNNN-xxx` (5-digit count, 3 random letters) unless the template names
/// it; it is reconciling until the deploy's operation ends, then Ready or failed. Only a
/// retired revision may be deleted: not one that traffic reaches or that is the service's
/// latest created or ready revision (400 FAILED_PRECONDITION).
///
/// Kept under `run.revisions` by full name, `projects/P/locations/L/services/S/revisions/R`.
enum CloudRunRevisions {
    static let collection = "run.revisions"

    static let handlers: [String: APIHandler] = [
        "run.projects.locations.services.revisions.list": list,
        "run.projects.locations.services.revisions.get": get,
        "run.projects.locations.services.revisions.delete": delete,
    ]

    static let operationEffects: [String: OperationEngine.Effect] = [
        "run.revision.delete": { state, operation, succeeded, now in
            guard succeeded, let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue,
                var revision = state.removeResource(project, collection, name)
            else { return nil }
            revision["deleteTime"] = .string(RFC3339.format(now))
            revision["@type"] = "type.googleapis.com/google.cloud.run.v2.Revision"
            return revision.publicView
        },
    ]

    static func generatedID(service: String, count: Int) -> String {
        let digits = String(count)
        let suffix = String((0..<3).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        return "\(service)-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + "-" + suffix
    }

    static func condition(_ type: String, _ state: String, _ now: Date, message: String? = nil) -> JSONValue {
        var condition: JSONValue = ["type": .string(type), "state": .string(state), "lastTransitionTime": .string(RFC3339.format(now))]
        if let message { condition["message"] = .string(message) }
        return condition
    }

    /// Records a new revision of `service` (whose template has Google's defaults) as reconciling.
    static func create(_ id: String, service: JSONValue, serviceName: String, project: String, state: inout EmulatorState, now: Date) {
        let template = service["template"] ?? [:]
        var revision: JSONValue = [
            "name": .string("\(serviceName)/revisions/\(id)"), "uid": .string(UUID().uuidString.lowercased()), "generation": "1",
            "createTime": .string(RFC3339.format(now)), "updateTime": .string(RFC3339.format(now)),
            "launchStage": service["launchStage"] ?? "GA", "service": .string(serviceName), "reconciling": true,
            "conditions": [condition("Ready", "CONDITION_RECONCILING", now)], "observedGeneration": "1",
            "etag": .string("\"\(UUID().uuidString.lowercased())\""),
            "logUri": .string("https://console.cloud.google.com/logs/viewer?project=\(project)&resource=cloud_run_revision/service_name/\(serviceName.split(separator: "/").last ?? "")/revision_name/\(id)"),
        ]
        for field in [
            "labels", "annotations", "scaling", "containers", "volumes", "timeout", "serviceAccount", "maxInstanceRequestConcurrency",
            "executionEnvironment", "vpcAccess", "sessionAffinity", "encryptionKey", "nodeSelector", "serviceMesh",
        ] {
            revision[field] = template[field]
        }
        state.setResource(project, collection, "\(serviceName)/revisions/\(id)", revision)
    }

    /// Ends a revision's reconciling: Ready, or failed with `failure`.
    static func settle(_ name: String, project: String, failure: String?, state: inout EmulatorState, now: Date) {
        guard var revision = state.resource(project, collection, name), revision["reconciling"] == true else { return }
        revision["reconciling"] = false
        revision["updateTime"] = .string(RFC3339.format(now))
        if let failure {
            revision["conditions"] = [condition("Ready", "CONDITION_FAILED", now, message: failure)]
        } else {
            revision["conditions"] = [
                condition("Ready", "CONDITION_SUCCEEDED", now), condition("ContainerHealthy", "CONDITION_SUCCEEDED", now),
                condition("ResourcesAvailable", "CONDITION_SUCCEEDED", now),
            ]
            revision["containerStatuses"] = .array((revision["containers"]?.arrayValue ?? []).enumerated().map { index, container in
                let image = container["image"]?.stringValue ?? ""
                let digest = DockerImages.Reference(image).flatMap { DockerImages.find($0, state: state)?["uri"]?.stringValue }
                    .map { String($0.split(separator: "@").last ?? "") } ?? DockerImages.digest(of: image)
                return ["name": container["name"] ?? .string("container-\(index)"), "imageDigest": .string(digest)]
            })
        }
        state.setResource(project, collection, name, revision)
    }

    static func isReady(_ name: String, project: String, state: EmulatorState) -> Bool {
        state.resource(project, collection, name)?["conditions"]?.arrayValue?.first?["state"] == "CONDITION_SUCCEEDED"
    }

    /// The short ids of a service's revisions.
    static func ids(of serviceName: String, project: String, state: EmulatorState) -> Set<String> {
        Set(state.resources(project, collection, prefix: serviceName + "/revisions/").map { String($0.name.split(separator: "/").last ?? "") })
    }

    static func removeAll(of serviceName: String, project: String, state: inout EmulatorState) {
        for (name, _) in state.resources(project, collection, prefix: serviceName + "/revisions/") {
            state.removeResource(project, collection, name)
        }
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, name: String, revision: JSONValue) {
        let project = try request.requireProject()
        let name = request.canonical(request.path("name"))
        guard let revision = state.resource(project, collection, name) else {
            let parts = name.split(separator: "/")
            throw APIError.notFound(
                "Resource '\(parts.last ?? "")' of kind 'REVISION' in region '\(parts.dropFirst(3).first ?? "")' in project '\(project)' does not exist.")
        }
        return (project, name, revision)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let parent = request.canonical(request.path("parent"))
        let revisions = state.resources(project, collection, prefix: parent + "/revisions/").map(\.value)
            .sorted { ($0["createTime"]?.stringValue ?? "", $0["name"]?.stringValue ?? "") > ($1["createTime"]?.stringValue ?? "", $1["name"]?.stringValue ?? "") }
        return .resource(try request.page(revisions, defaultSize: 100).body("revisions"))
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, state).revision)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, name, revision) = try find(request, state)
        if let etag = request.query["etag"], !etag.isEmpty, etag != revision["etag"]?.stringValue {
            throw APIError.aborted("The etag provided does not match the revision's current etag.")
        }
        let id = String(name.split(separator: "/").last ?? "")
        let serviceName = revision["service"]?.stringValue ?? ""
        if let service = state.resource(project, CloudRunServicesAPI.collection, serviceName) {
            let pinned = [service["latestCreatedRevision"], service["latestReadyRevision"]].contains(.string(id))
            if pinned || CloudRunTraffic.servingRevisions(service).contains(id) {
                throw APIError.failedPrecondition(
                    "Revision \(id) cannot be deleted: it is the service's latest revision or traffic can reach it. Route traffic elsewhere first.")
            }
        }
        if request.query.bool("validateOnly") { return .resource(["name": .string(name), "done": true]) }
        return .resource(CloudRunServicesAPI.startOperation(
            request, &state, project: project, target: name, effect: "run.revision.delete", metadata: revision,
            type: "type.googleapis.com/google.cloud.run.v2.Revision"))
    }
}
