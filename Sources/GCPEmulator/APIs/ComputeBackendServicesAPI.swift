/// Global backend services (https://cloud.google.com/compute/docs/reference/rest/v1/backendServices)
/// with serverless NEG backends: each `group` must exist; such a service "must not have a
/// health check" (the discovery document's `healthChecks`); `loadBalancingScheme` is fixed
/// at creation; `patch` needs the current fingerprint; the Cloud Armor policy is attached
/// with `setSecurityPolicy` (`securityPolicy` itself is output only); `usedBy` names the
/// URL maps that route to it, and while one does it cannot be deleted.
enum ComputeBackendServicesAPI {
    static let handlers: [String: APIHandler] = [
        "compute.backendServices.get": ComputeResources.get(.backendService),
        "compute.backendServices.list": ComputeResources.list(.backendService),
        "compute.backendServices.aggregatedList": ComputeResources.aggregatedList(.backendService),
        "compute.backendServices.insert": ComputeResources.insert(.backendService) { service, target, _, state in
            let defaults: JSONValue = [
                "loadBalancingScheme": "EXTERNAL", "protocol": "HTTP", "port": 80, "portName": "http", "timeoutSec": 30,
                "connectionDraining": ["drainingTimeoutSec": 0], "sessionAffinity": "NONE", "affinityCookieTtlSec": 0,
            ]
            service = defaults.merging(service)
            try checkBackends(&service, project: target.project, state: state)
        },
        "compute.backendServices.patch": ComputeResources.update(.backendService, type: "patch", fingerprint: true) { service, target, request, state in
            try ComputeResources.merge(&service, request, immutable: ["loadBalancingScheme"])
            try checkBackends(&service, project: target.project, state: state)
        },
        "compute.backendServices.setSecurityPolicy": ComputeResources.update(.backendService, type: "setSecurityPolicy") { service, target, request, state in
            guard let policy = request.body["securityPolicy"]?.stringValue, !policy.isEmpty else {
                service["securityPolicy"] = nil
                return
            }
            let url = try ComputeResources.resolve(policy, field: "securityPolicy", kinds: [.securityPolicy], project: target.project, state: state)
            let type = ComputeResources.stored(url, .securityPolicy, state: state)?["type"]?.stringValue
            guard type == nil || type == "CLOUD_ARMOR" else {
                throw ComputeErrors.invalid(field: "securityPolicy", value: policy, "A backend service takes a CLOUD_ARMOR policy, not \(type ?? "").")
            }
            service["securityPolicy"] = .string(url)
        },
        "compute.backendServices.delete": ComputeResources.delete(.backendService),
    ]

    /// Each backend's group exists (as a full URL), gets Google's defaults, and a service
    /// with serverless backends has no health check.
    private static func checkBackends(_ service: inout JSONValue, project: String, state: EmulatorState) throws {
        var backends = service["backends"]?.arrayValue ?? []
        for index in backends.indices {
            let field = "resource.backends[\(index)].group"
            guard let group = backends[index]["group"]?.stringValue else { throw ComputeErrors.required(field) }
            backends[index]["group"] = .string(try ComputeResources.resolve(group, field: field, kinds: [.networkEndpointGroup], project: project, state: state))
            let defaults: JSONValue = ["balancingMode": "UTILIZATION", "capacityScaler": 1.0]
            backends[index] = defaults.merging(backends[index])
        }
        if !backends.isEmpty { service["backends"] = .array(backends) }
        if !backends.isEmpty, let checks = service["healthChecks"]?.arrayValue, !checks.isEmpty {
            throw ComputeErrors.invalid(
                field: "resource.healthChecks", value: checks.first?.stringValue ?? "",
                "Backend services with serverless network endpoint group backends must not have a health check.")
        }
    }

    /// `usedBy`: the URL maps that route to the service.
    static func decorate(_ service: JSONValue, project: String, state: EmulatorState) -> JSONValue {
        var service = service
        let users = ComputeResources.users(of: service["selfLink"]?.stringValue ?? "", project: project, state: state)
        service["usedBy"] = users.isEmpty ? nil : .array(users.map { ["reference": .string(ComputeLinks.url($0))] })
        return service
    }
}

extension ComputeKind {
    static let backendService = ComputeKind(
        collection: "compute.backendServices", segment: "backendServices", kind: "compute#backendService",
        noun: "backend_service", scope: .global, parameter: "backendService",
        aggregatedKind: "compute#backendServiceAggregatedList", scopedKey: "backendServices", fingerprinted: true,
        decorate: { value, project, state in ComputeBackendServicesAPI.decorate(value, project: project, state: state) })
}
