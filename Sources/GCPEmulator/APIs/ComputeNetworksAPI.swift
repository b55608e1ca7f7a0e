/// VPC networks (https://cloud.google.com/compute/docs/reference/rest/v1/networks): custom or
/// auto mode (the emulator makes no subnets for an auto-mode network), `routingConfig` and
/// `mtu` patchable, `subnetworks` read from the subnets that name it, `peerings` as Service
/// Networking leaves them (`removePeering` takes one away). A network still used by a
/// subnet, an address range or a peering cannot be deleted: as on Google, the delete's
/// *operation* fails with RESOURCE_IN_USE_BY_ANOTHER_RESOURCE.
enum ComputeNetworksAPI {
    static let handlers: [String: APIHandler] = [
        "compute.networks.get": ComputeResources.get(.network),
        "compute.networks.list": ComputeResources.list(.network),
        "compute.networks.insert": ComputeResources.insert(.network, prepare: prepare),
        "compute.networks.patch": ComputeResources.update(.network, type: "patch") { network, _, request, _ in
            try ComputeResources.merge(&network, request, immutable: ["autoCreateSubnetworks", "description", "IPv4Range"])
            try checkMTU(network)
        },
        "compute.networks.removePeering": ComputeResources.update(.network, type: "removePeering") { network, target, request, _ in
            let name = request.body["name"]?.stringValue ?? ""
            var peerings = network["peerings"]?.arrayValue ?? []
            guard let index = peerings.firstIndex(where: { $0["name"]?.stringValue == name }) else {
                throw ComputeErrors.invalid(field: "name", value: name, "There is no peering with this name on network '\(target.name)'.")
            }
            peerings.remove(at: index)
            network["peerings"] = peerings.isEmpty ? nil : .array(peerings)
        },
        "compute.networks.delete": ComputeResources.delete(.network, inUseFailsOperation: true) { target, state in
            (target.value["peerings"]?.arrayValue ?? []).compactMap { peering in
                peering["name"]?.stringValue.map { "projects/\(target.project)/global/networks/\(target.name)/peerings/\($0)" }
            } + connectors(on: target.name, project: target.project, state: state)
        },
    ]

    /// The Serverless VPC Access connectors on the network: their instances and firewall
    /// rules live in it, so Compute refuses to delete it until they are gone. A connector
    /// names its network by bare name (or, in a Shared VPC, by its subnet).
    private static func connectors(on network: String, project: String, state: EmulatorState) -> [String] {
        state.resources(project, VPCAccessConnectorsAPI.collection).filter { _, connector in
            let named = connector["network"]?.stringValue ?? ""
            return named == network || named.hasSuffix("/networks/\(network)")
        }.map(\.name).sorted()
    }

    private static func prepare(_ network: inout JSONValue, _ target: ComputeResources.Target, _ request: APIRequest, _ state: inout EmulatorState) throws {
        if network["IPv4Range"] != nil {
            throw ComputeErrors.invalid(
                field: "resource.IPv4Range", value: network["IPv4Range"]?.stringValue ?? "",
                "Legacy networks can no longer be created; set autoCreateSubnetworks to create a VPC network.")
        }
        guard network["autoCreateSubnetworks"]?.boolValue != nil else {
            throw ComputeErrors.required("resource.autoCreateSubnetworks")
        }
        try checkMTU(network)
        let defaults: JSONValue = [
            "mtu": 1460, "routingConfig": ["routingMode": "REGIONAL"],
            "networkFirewallPolicyEnforcementOrder": "AFTER_CLASSIC_FIREWALL",
        ]
        network = defaults.merging(network)
        if network["routingConfig"]?["routingMode"] == nil { network["routingConfig"]?["routingMode"] = "REGIONAL" }
        network["selfLinkWithId"] = nil
    }

    private static func checkMTU(_ network: JSONValue) throws {
        guard let mtu = network["mtu"]?.intValue else { return }
        guard (1300...8896).contains(mtu) else {
            throw ComputeErrors.invalid(field: "resource.mtu", value: String(mtu), "MTU must be between 1300 and 8896.")
        }
    }

    /// The subnets that name the network, as Compute lists them in `subnetworks`.
    static func decorate(_ network: JSONValue, project: String, state: EmulatorState) -> JSONValue {
        var network = network
        let link = network["selfLink"]?.stringValue
        let subnets = state.resources(project, ComputeKind.subnetwork.collection).map(\.value)
            .filter { $0["network"]?.stringValue == link && $0["@pendingCreate"] == nil }
            .compactMap { $0["selfLink"] }
        network["subnetworks"] = subnets.isEmpty ? nil : .array(subnets)
        if let id = network["id"]?.stringValue { network["selfLinkWithId"] = .string(ComputeLinks.url("projects/\(project)/global/networks/\(id)")) }
        return network
    }
}

extension ComputeKind {
    static let network = ComputeKind(
        collection: "compute.networks", segment: "networks", kind: "compute#network", noun: "network", scope: .global,
        parameter: "network", aggregatedKind: "compute#networkAggregatedList", scopedKey: "networks",
        decorate: { value, project, state in ComputeNetworksAPI.decorate(value, project: project, state: state) })
}
