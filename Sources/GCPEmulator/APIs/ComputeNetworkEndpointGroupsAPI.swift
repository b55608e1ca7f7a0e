/// Regional network endpoint groups, serverless ones only
/// (https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts): one of
/// `cloudRun` (a `service` or a `urlMask`), `appEngine` or `cloudFunction`; every field
/// fixed at creation (no patch); the Cloud Run service need not exist yet. A NEG a backend
/// service uses cannot be deleted.
enum ComputeNetworkEndpointGroupsAPI {
    static let handlers: [String: APIHandler] = [
        "compute.regionNetworkEndpointGroups.get": ComputeResources.get(.networkEndpointGroup),
        "compute.regionNetworkEndpointGroups.list": ComputeResources.list(.networkEndpointGroup),
        "compute.networkEndpointGroups.aggregatedList": ComputeResources.aggregatedList(.networkEndpointGroup),
        "compute.regionNetworkEndpointGroups.insert": ComputeResources.insert(.networkEndpointGroup, prepare: prepare),
        "compute.regionNetworkEndpointGroups.delete": ComputeResources.delete(.networkEndpointGroup),
    ]

    private static func prepare(_ group: inout JSONValue, _ target: ComputeResources.Target, _ request: APIRequest, _ state: inout EmulatorState) throws {
        let type = group["networkEndpointType"]?.stringValue ?? "GCE_VM_IP_PORT"
        guard type == "SERVERLESS" else {
            throw APIError.unimplemented("The emulator models serverless network endpoint groups only, not \(type).")
        }
        let targets = ["cloudRun", "appEngine", "cloudFunction"].filter { group[$0] != nil }
        guard targets.count == 1 else {
            throw ComputeErrors.invalid(
                field: "resource.networkEndpointType", value: type,
                "A serverless network endpoint group needs exactly one of cloudRun, appEngine or cloudFunction.")
        }
        if let cloudRun = group["cloudRun"], cloudRun["service"] == nil, cloudRun["urlMask"] == nil {
            throw ComputeErrors.required("resource.cloudRun.service")
        }
        for field in ["network", "subnetwork", "defaultPort"] where group[field] != nil {
            throw ComputeErrors.invalid(field: "resource.\(field)", value: group[field]?.stringValue ?? "", "A serverless network endpoint group takes no \(field).")
        }
        group["size"] = 0
    }
}

extension ComputeKind {
    static let networkEndpointGroup = ComputeKind(
        collection: "compute.networkEndpointGroups", segment: "networkEndpointGroups", kind: "compute#networkEndpointGroup",
        noun: "network_endpoint_group", scope: .regional, parameter: "networkEndpointGroup",
        aggregatedKind: "compute#networkEndpointGroupAggregatedList", scopedKey: "networkEndpointGroups")
}
