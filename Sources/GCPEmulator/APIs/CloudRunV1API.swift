/// Cloud Run Admin API v1 (Knative serving), which gcloud's `run` commands call: the
/// services held for v2 shown as Knative Services, for `namespaces.services` list / get
/// (regional endpoint) and `projects.locations.services` list / get (`-` for every
/// region). v1 and v2 share method ids, so the handlers here are chosen by the matched
/// document's version; v1's writes answer 501 (deploy through v2).
enum CloudRunV1API {
    /// The v2 handlers with the v1 ones beside them under the ids both documents use.
    static func merged(into handlers: [String: APIHandler]) -> [String: APIHandler] {
        var all = handlers
        for id in sharedIDs {
            let v2 = handlers[id]
            let v1 = v1Handlers[id] ?? unimplemented
            all[id] = { request, state in
                if request.route.document.version == "v1" { return try v1(request, &state) }
                guard let v2 else { throw APIError.unimplemented("The emulator does not implement \(id) yet.") }
                return try v2(request, &state)
            }
        }
        for (id, handler) in v1Handlers where !sharedIDs.contains(id) { all[id] = handler }
        return all
    }

    private static let sharedIDs = [
        "run.projects.locations.services.list", "run.projects.locations.services.get", "run.projects.locations.services.create",
        "run.projects.locations.services.delete", "run.projects.locations.services.getIamPolicy",
        "run.projects.locations.services.setIamPolicy", "run.projects.locations.services.testIamPermissions",
        "run.projects.locations.services.replaceService",
    ]

    private static let v1Handlers: [String: APIHandler] = [
        "run.namespaces.services.list": list,
        "run.namespaces.services.get": get,
        "run.projects.locations.services.list": list,
        "run.projects.locations.services.get": get,
    ]

    private static let unimplemented: APIHandler = { request, _ in
        throw APIError.unimplemented("The emulator serves Cloud Run Admin API v1 reads only (services list and get); \(request.route.methodID) is not implemented: use v2.")
    }

    /// The project a v1 name names (`namespaces/P/...` or `projects/P/locations/L/...`),
    /// and the region when it names one.
    private static func scope(_ request: APIRequest, _ state: inout EmulatorState, _ name: String) throws -> (project: String, region: String?) {
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count >= 2, let project = try ProjectGate.resolve(parts[1], state: &state) else {
            throw APIError.notFound("Project \(parts.dropFirst().first ?? "") not found.")
        }
        if request.configuration.apiGating { try ProjectGate.checkEnabled(request.route, project: project, state: state) }
        if parts.count >= 4, parts[0] == "projects" { return (project, parts[3] == "-" ? nil : parts[3]) }
        return (project, regionalEndpointRegion(request.header("Host") ?? ""))
    }

    /// `us-central1` for a regional endpoint's host (`us-central1-run.googleapis.com`, or
    /// `us-central1-127.0.0.1:PORT` as gcloud derives it from an endpoint override), else nil.
    private static func regionalEndpointRegion(_ host: String) -> String? {
        let parts = host.split(separator: "-")
        guard parts.count >= 3, parts[0].allSatisfy(\.isLetter), parts[1].last?.isNumber == true else { return nil }
        return "\(parts[0])-\(parts[1])"
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, region) = try scope(request, &state, request.path("parent"))
        let services = state.resources(project, CloudRunServicesAPI.collection, prefix: "projects/\(project)/locations/")
            .filter { region == nil || $0.name.hasPrefix("projects/\(project)/locations/\(region ?? "")/") }
            .map { knative($0.value, number: state.projectNumber(project)) }
        var body: JSONValue = ["apiVersion": "serving.knative.dev/v1", "kind": "ServiceList", "metadata": [:]]
        if !services.isEmpty { body["items"] = .array(services) }
        return .resource(body)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let name = request.path("name")
        let (project, region) = try scope(request, &state, name)
        let id = String(name.split(separator: "/").last ?? "")
        guard let service = state.resources(project, CloudRunServicesAPI.collection, prefix: "projects/\(project)/locations/")
            .first(where: { $0.name.hasSuffix("/services/\(id)") && (region == nil || $0.name.contains("/locations/\(region ?? "")/")) })
        else { throw APIError.notFound("Resource '\(id)' of kind 'SERVICE' in project '\(project)' does not exist.") }
        return .resource(knative(service.value, number: state.projectNumber(project)))
    }

    /// A v2 Service as Knative shows it.
    static func knative(_ service: JSONValue, number: String) -> JSONValue {
        let name = service["name"]?.stringValue ?? ""
        let parts = name.split(separator: "/").map(String.init)
        let (region, id) = parts.count == 6 ? (parts[3], parts[5]) : ("", name)
        var labels = service["labels"]?.objectValue ?? [:]
        labels["cloud.googleapis.com/location"] = .string(region)
        var annotations = service["annotations"]?.objectValue ?? [:]
        annotations["serving.knative.dev/creator"] = service["creator"]
        annotations["serving.knative.dev/lastModifier"] = service["lastModifier"]
        annotations["run.googleapis.com/ingress"] = .string(ingress(service["ingress"]?.stringValue))
        let metadata: JSONValue = [
            "name": .string(id), "namespace": .string(number), "uid": service["uid"] ?? .null,
            "selfLink": .string("/apis/serving.knative.dev/v1/namespaces/\(number)/services/\(id)"),
            "generation": .int(service["generation"]?.intValue ?? 1), "resourceVersion": service["etag"] ?? .null,
            "creationTimestamp": service["createTime"] ?? .null, "labels": .object(labels), "annotations": .object(annotations),
        ]
        let spec: JSONValue = ["template": template(service["template"] ?? [:]), "traffic": .array((service["traffic"]?.arrayValue ?? []).map(traffic))]
        return ["apiVersion": "serving.knative.dev/v1", "kind": "Service", "metadata": metadata, "spec": spec, "status": status(service)]
    }

    private static func template(_ template: JSONValue) -> JSONValue {
        let timeout = Int(template["timeout"]?.stringValue?.dropLast() ?? "300") ?? 300
        let spec: JSONValue = [
            "containerConcurrency": template["maxInstanceRequestConcurrency"] ?? .null, "timeoutSeconds": .int(timeout),
            "serviceAccountName": template["serviceAccount"] ?? .null,
            "containers": .array((template["containers"]?.arrayValue ?? []).map(container)),
        ]
        let metadata: JSONValue = ["annotations": template["annotations"] ?? [:], "labels": template["labels"] ?? [:]]
        return ["metadata": metadata, "spec": spec]
    }

    private static func status(_ service: JSONValue) -> JSONValue {
        let conditions = ([service["terminalCondition"]].compactMap { $0 } + (service["conditions"]?.arrayValue ?? [])).map(condition)
        var status: JSONValue = [
            "observedGeneration": .int(service["observedGeneration"]?.intValue ?? 0), "conditions": .array(conditions),
            "latestCreatedRevisionName": service["latestCreatedRevision"] ?? .null,
            "latestReadyRevisionName": service["latestReadyRevision"] ?? .null,
            "traffic": .array((service["trafficStatuses"]?.arrayValue ?? []).map(traffic)),
        ]
        if let uri = service["uri"] {
            status["url"] = uri
            status["address"] = ["url": uri]
        }
        return status.withoutNulls
    }

    /// A v2 traffic target or status as Knative's TrafficTarget.
    private static func traffic(_ target: JSONValue) -> JSONValue {
        var knative: JSONValue = ["revisionName": target["revision"] ?? .null, "percent": target["percent"] ?? .null,
                                  "tag": target["tag"] ?? .null, "url": target["uri"] ?? .null]
        if target["type"] == .string(CloudRunTraffic.latest) { knative["latestRevision"] = true }
        return knative.withoutNulls
    }

    private static func ingress(_ value: String?) -> String {
        switch value {
        case "INGRESS_TRAFFIC_INTERNAL_ONLY": "internal"
        case "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER": "internal-and-cloud-load-balancing"
        default: "all"
        }
    }

    /// A v2 Condition as Knative's: `status` "True", "False" or "Unknown".
    private static func condition(_ condition: JSONValue) -> JSONValue {
        let state = condition["state"]?.stringValue
        let status: JSONValue = state == "CONDITION_SUCCEEDED" ? "True" : state == "CONDITION_FAILED" ? "False" : "Unknown"
        let knative: JSONValue = [
            "type": condition["type"] ?? .null, "lastTransitionTime": condition["lastTransitionTime"] ?? .null,
            "message": condition["message"] ?? .null, "status": status,
        ]
        return knative.withoutNulls
    }

    private static func container(_ container: JSONValue) -> JSONValue {
        var knative = container
        knative["env"] = container["env"].map { .array(($0.arrayValue ?? []).map { env in
            guard let reference = env["valueSource"]?["secretKeyRef"] else { return env }
            return ["name": env["name"] ?? .null, "valueFrom": ["secretKeyRef": ["name": reference["secret"] ?? .null, "key": reference["version"] ?? "latest"]]]
        }) }
        return knative
    }
}

extension JSONValue {
    /// The object without its null members (Knative leaves unset fields out).
    fileprivate var withoutNulls: JSONValue { .object(objectValue?.filter { !$0.value.isNull } ?? [:]) }
}
