import Foundation

/// A Cloud Run deploy (a create or an update): the service as asked, with Google's
/// defaults, a new revision when the template changed (or `forceNewRevision`), traffic
/// checked; then an Operation of the `run` duration. While it runs the service is
/// `reconciling` (terminalCondition CONDITION_RECONCILING). When it ends:
/// - the new revision becomes ready unless its template cannot run (`CloudRunTemplate`)
///   or a fault failed the operation; then the revision and the service's
///   terminalCondition are CONDITION_FAILED, the operation ends in error, and
///   `latestReadyRevision`, `trafficStatuses` and `observedGeneration` keep the last serving
///   state, as Google documents;
/// - otherwise `latestReadyRevision`, `trafficStatuses`, `uri` (hash-based), `urls`
///   (deterministic, then hash-based), `conditions` and
///   `observedGeneration` show the deploy. A deploy superseded by a later one only settles
///   its revision.
enum CloudRunDeploy {
    struct Deploy {
        var service: JSONValue
        var newRevision: String?
    }

    static let writableFields: Set = [
        "description", "labels", "annotations", "client", "clientVersion", "ingress", "launchStage", "binaryAuthorization",
        "template", "traffic", "scaling", "defaultUriDisabled", "invokerIamDisabled", "customAudiences", "buildConfig",
        "iapEnabled", "multiRegionSettings", "functionalType", "sshEnabled",
    ]

    static func prepare(_ request: APIRequest, existing: JSONValue?, name: String, project: String, state: EmulatorState) throws -> Deploy {
        // A patch's `updateMask` limits it to the fields named: a traffic-only change sends
        // no template and keeps the revision. Without one, the request replaces the service.
        let mask = existing == nil ? nil : try updateMask(request.query["updateMask"])
        let covers = { (field: String) in mask?.contains { $0 == field || $0.hasPrefix(field + ".") } ?? true }
        if covers("template") { try CloudRunTemplate.check(request.body["template"]) }
        let id = String(name.split(separator: "/").last ?? "")
        var service = existing ?? [
            "name": .string(name), "uid": .string(UUID().uuidString.lowercased()), "generation": "0",
            "createTime": .string(request.timestamp), "creator": "emulator@example.com",
        ]
        if let mask {
            for path in mask { service = setting(service, path: path.split(separator: ".").map(String.init), to: request.body[path: path]) }
        } else {
            for field in writableFields { service[field] = request.body[field] }
        }
        if request.configuration.requireInvokerIAM, service["invokerIamDisabled"] == true, existing?["invokerIamDisabled"] != true {
            var error = APIError.failedPrecondition(
                "Operation denied by org policy on resource '\(name)': [\"constraints/run.managed.requireInvokerIam\": \"Cloud Run services must require IAM for invocation\"]")
            error.details = [[
                "@type": "type.googleapis.com/google.rpc.PreconditionFailure",
                "violations": [["type": "constraints/run.managed.requireInvokerIam", "subject": .string(name),
                                "description": "Cloud Run services must require IAM for invocation"]],
            ]]
            throw error
        }
        if covers("template") {
            service["template"] = CloudRunTemplate.withDefaults(service["template"] ?? [:], projectNumber: state.projectNumber(project))
        }
        service["ingress"] = service["ingress"] ?? "INGRESS_TRAFFIC_ALL"
        service["launchStage"] = service["launchStage"] ?? "GA"
        let traffic = (service["traffic"]?.arrayValue ?? []).map { target -> JSONValue in
            var target = target
            target["type"] = target["type"] ?? .string(target["revision"] != nil ? CloudRunTraffic.revision : CloudRunTraffic.latest)
            return target
        }
        service["traffic"] = traffic.isEmpty ? CloudRunTraffic.defaultTraffic : .array(traffic)
        var known = CloudRunRevisions.ids(of: name, project: project, state: state)
        var newRevision: String?
        if existing?["template"] != service["template"] || request.query.bool("forceNewRevision") {
            let count = (existing?["@revisionCount"]?.intValue ?? 0) + 1
            service["@revisionCount"] = .int(count)
            let revision = service["template"]?["revision"]?.stringValue ?? CloudRunRevisions.generatedID(service: id, count: count)
            guard revision.hasPrefix(id + "-") else {
                throw APIError.invalidArgument(
                    "template.revision: Revision name must be prefixed by the name of the enclosing Service with a trailing -: '\(id)-'.",
                    field: "template.revision")
            }
            guard !known.contains(revision) else {
                throw APIError.alreadyExists("Revision named '\(revision)' with different configuration already exists.")
            }
            known.insert(revision)
            newRevision = revision
            service["latestCreatedRevision"] = .string(revision)
        }
        try CloudRunTraffic.check(service["traffic"]?.arrayValue ?? [], revisions: known, service: id)
        service["generation"] = .string(String((service["generation"]?.intValue ?? 0) + 1))
        service["updateTime"] = .string(request.timestamp)
        service["lastModifier"] = "emulator@example.com"
        service["etag"] = .string("\"\(UUID().uuidString.lowercased())\"")
        service["reconciling"] = true
        service["terminalCondition"] = CloudRunRevisions.condition("Ready", "CONDITION_RECONCILING", request.now)
        return Deploy(service: service, newRevision: newRevision)
    }

    /// The paths of an `updateMask` (`traffic`, `labels,template`); 400 for a path that is
    /// not a writable field of the Service.
    private static func updateMask(_ text: String?) throws -> [String]? {
        guard let text, !text.isEmpty else { return nil }
        let paths = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for path in paths where !writableFields.contains(String(path.split(separator: ".").first ?? "")) {
            throw APIError.invalidArgument("Invalid field mask path '\(path)': not a field of the Service that can be updated.", field: "update_mask")
        }
        return paths.isEmpty ? nil : paths
    }

    /// `value` at `path` in `json`, objects made along the way; nil removes it.
    private static func setting(_ json: JSONValue, path: [String], to value: JSONValue?) -> JSONValue {
        guard let key = path.first else { return value ?? .null }
        var json = json
        if path.count == 1 {
            json[key] = value
        } else {
            json[key] = setting(json[key] ?? [:], path: Array(path.dropFirst()), to: value)
        }
        return json
    }

    /// Records the deploy (and its new revision) and starts its operation.
    static func start(_ request: APIRequest, _ state: inout EmulatorState, _ deploy: Deploy, project: String, name: String) -> JSONValue {
        if let revision = deploy.newRevision {
            CloudRunRevisions.create(revision, service: deploy.service, serviceName: name, project: project, state: &state, now: request.now)
        }
        state.setResource(project, CloudRunServicesAPI.collection, name, deploy.service)
        return CloudRunServicesAPI.startOperation(
            request, &state, project: project, target: name, effect: "run.deploy", metadata: deploy.service,
            payload: ["generation": deploy.service["generation"] ?? .null, "revision": deploy.newRevision.map(JSONValue.string) ?? .null])
    }

    static let operationEffects: [String: OperationEngine.Effect] = [
        "run.deploy": { state, operation, _, now in finish(&state, operation, now: now) },
        "run.delete": { state, operation, succeeded, now in
            guard succeeded, let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue,
                var service = state.removeResource(project, CloudRunServicesAPI.collection, name)
            else { return nil }
            CloudRunRevisions.removeAll(of: name, project: project, state: &state)
            state.removeResource(project, IAMPolicy.collection, name)
            service["deleteTime"] = .string(RFC3339.format(now))
            service["@type"] = "type.googleapis.com/google.cloud.run.v2.Service"
            return service.publicView
        },
    ]

    private static func finish(_ state: inout EmulatorState, _ operation: JSONValue, now: Date) -> JSONValue? {
        guard let project = operation["@payload"]?["project"]?.stringValue, let name = operation["@target"]?.stringValue,
            let operationName = operation["name"]?.stringValue, var service = state.resource(project, CloudRunServicesAPI.collection, name)
        else { return nil }
        var failure = operation["@failure"]?.stringValue
        let revision = operation["@payload"]?["revision"]?.stringValue
        if let revision {
            // A revision holds its template's containers and volumes at the top.
            if failure == nil, let stored = state.resource(project, CloudRunRevisions.collection, "\(name)/revisions/\(revision)") {
                failure = CloudRunTemplate.readinessFailure(stored, project: project, state: state)
            }
            CloudRunRevisions.settle("\(name)/revisions/\(revision)", project: project, failure: failure, state: &state, now: now)
            if let message = failure { failure = "Revision '\(revision)' is not ready and cannot serve traffic. \(message)" }
        }
        // A later deploy has superseded this one: it settles the service.
        guard service["generation"] == operation["@payload"]?["generation"] else {
            if let failure { fail(operationName, project: project, message: failure, state: &state) }
            return nil
        }
        let latestReady = revision.flatMap { failure == nil ? $0 : nil } ?? service["latestReadyRevision"]?.stringValue
        if failure == nil { failure = unreadyTarget(service, latestReady: latestReady, project: project, state: state) }
        service["reconciling"] = false
        if let failure {
            service["terminalCondition"] = CloudRunRevisions.condition("Ready", "CONDITION_FAILED", now, message: failure)
            service["conditions"] = [
                CloudRunRevisions.condition("RoutesReady", "CONDITION_FAILED", now, message: failure),
                CloudRunRevisions.condition("ConfigurationsReady", revision == nil ? "CONDITION_SUCCEEDED" : "CONDITION_FAILED", now),
            ]
            fail(operationName, project: project, message: failure, state: &state)
        } else {
            let number = state.projectNumber(project)
            service["latestReadyRevision"] = latestReady.map(JSONValue.string) ?? .null
            service["trafficStatuses"] = .array(CloudRunTraffic.statuses(
                service["traffic"]?.arrayValue ?? [], latestReady: latestReady ?? "", serviceName: name, number: number))
            // As Google answers today: `uri` is the hash-based URL, and `urls` lists the
            // deterministic one first.
            let hashURL = JSONValue.string(CloudRunTraffic.legacyURL(name, project: project))
            service["uri"] = hashURL
            service["urls"] = [.string(CloudRunTraffic.uri(name, number: number)), hashURL]
            service["terminalCondition"] = CloudRunRevisions.condition("Ready", "CONDITION_SUCCEEDED", now)
            service["conditions"] = [
                CloudRunRevisions.condition("RoutesReady", "CONDITION_SUCCEEDED", now),
                CloudRunRevisions.condition("ConfigurationsReady", "CONDITION_SUCCEEDED", now),
            ]
            service["observedGeneration"] = service["generation"]
        }
        state.setResource(project, CloudRunServicesAPI.collection, name, service)
        var response = service.publicView
        response["@type"] = "type.googleapis.com/google.cloud.run.v2.Service"
        if var stored = state.resource(project, OperationEngine.collection, operationName) {
            stored["metadata"] = response
            state.setResource(project, OperationEngine.collection, operationName, stored)
        }
        return response
    }

    /// Why the traffic cannot be routed: a target naming a revision that is not ready, or no
    /// ready revision for LATEST.
    private static func unreadyTarget(_ service: JSONValue, latestReady: String?, project: String, state: EmulatorState) -> String? {
        let name = service["name"]?.stringValue ?? ""
        for target in service["traffic"]?.arrayValue ?? [] {
            if target["type"] == .string(CloudRunTraffic.latest) {
                if latestReady == nil { return "No ready revision can serve the LATEST traffic target." }
            } else if let revision = target["revision"]?.stringValue,
                !CloudRunRevisions.isReady("\(name)/revisions/\(revision)", project: project, state: state)
            {
                return "Revision '\(revision)' is not ready and cannot serve traffic."
            }
        }
        return nil
    }

    private static func fail(_ operation: String, project: String, message: String, state: inout EmulatorState) {
        guard var stored = state.resource(project, OperationEngine.collection, operation) else { return }
        stored["@failure"] = .string(message)
        stored["@failureCode"] = 9
        state.setResource(project, OperationEngine.collection, operation, stored)
    }
}
