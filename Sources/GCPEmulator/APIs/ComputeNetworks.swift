/// What Service Networking, Serverless VPC Access, Memorystore and Cloud SQL read of Compute
/// Engine's state: whether a VPC network exists, the global address ranges reserved on it
/// for service producers (purpose VPC_PEERING), the ranges already in use on it, and its
/// peerings. One seam over the Compute emulator's own records (ComputeKind's collections,
/// as ComputeNetworksAPI, ComputeSubnetworksAPI and ComputeAddressesAPI keep them), so these
/// APIs rely on nothing else; a resource whose insert operation is still running is not there.
enum ComputeNetworks {
    /// The peering Service Networking makes on a consumer network (its `peering` name).
    static let serviceNetworkingPeering = "servicenetworking-googleapis-com"

    /// A network named by `projects/P/global/networks/N` (P an id or a number), a Compute URL
    /// ending so, `global/networks/N`, or `N` alone in `defaultProject`.
    struct Reference: Equatable, Sendable {
        var project: String
        var name: String
    }

    static func reference(_ text: String, defaultProject: String? = nil) -> Reference? {
        if let parsed = try? ComputeReference.parse(text, field: "network", project: defaultProject ?? ""),
            parsed.segment == "networks", parsed.region == nil, !parsed.project.isEmpty
        {
            return Reference(project: parsed.project, name: parsed.name)
        }
        guard let defaultProject, !text.isEmpty, !text.contains("/") else { return nil }
        return Reference(project: defaultProject, name: text)
    }

    /// The id of a project named by id or number, when the emulator holds it.
    static func projectID(_ reference: String, state: EmulatorState) -> String? {
        if state.projects[reference] != nil { return reference }
        return state.projects.values.first { $0.number == reference }?.id
    }

    static func network(_ name: String, project: String, state: EmulatorState) -> JSONValue? {
        visible(state.resource(project, ComputeKind.network.collection, name))
    }

    /// `https://www.googleapis.com/compute/v1/projects/P/global/networks/N`, as Compute stores references.
    static func networkURL(_ name: String, project: String) -> String {
        ComputeLinks.url(ComputeKind.network.path(project: project, region: nil, name: name))
    }

    static func subnetwork(_ name: String, region: String, project: String, state: EmulatorState) -> JSONValue? {
        visible(state.resource(project, ComputeKind.subnetwork.collection, ComputeKind.key(region: region, name: name)))
    }

    private static func visible(_ value: JSONValue?) -> JSONValue? {
        value?["@pendingCreate"] == nil ? value : nil
    }

    /// A global address reserved for service producers.
    struct AllocatedRange: Sendable {
        var name: String
        var purpose: String
        /// The network it is reserved on, by name.
        var network: String?
        /// Its block, once Compute has assigned the address.
        var block: ComputeCIDR?
    }

    static func allocatedRange(_ name: String, project: String, state: EmulatorState) -> AllocatedRange? {
        guard let address = visible(state.resource(project, ComputeKind.globalAddress.collection, name)) else { return nil }
        let block = address["address"]?.stringValue.flatMap { text in
            address["prefixLength"]?.intValue.flatMap { ComputeCIDR.block("\(text)/\($0)") }
        }
        return AllocatedRange(
            name: name, purpose: address["purpose"]?.stringValue ?? "",
            network: address["network"]?.stringValue.flatMap { reference($0)?.name }, block: block)
    }

    /// Every block already taken on a network: its subnetworks' and its reserved ranges.
    static func blocksInUse(network: String, project: String, state: EmulatorState) -> [ComputeCIDR] {
        ComputeAddressesAPI.takenRanges(network: networkURL(network, project: project), project: project, state: state)
    }

    static func hasPeering(_ peering: String, on networkName: String, project: String, state: EmulatorState) -> Bool {
        network(networkName, project: project, state: state)?["peerings"]?.arrayValue?
            .contains { $0["name"]?.stringValue == peering } ?? false
    }

    /// Adds (or replaces) a peering on the network, as `networks.get` then shows it.
    static func setPeering(_ peering: JSONValue, network: String, project: String, state: inout EmulatorState) {
        let collection = ComputeKind.network.collection
        guard var record = state.resource(project, collection, network), let name = peering["name"]?.stringValue else { return }
        var peerings = (record["peerings"]?.arrayValue ?? []).filter { $0["name"]?.stringValue != name }
        peerings.append(peering)
        record["peerings"] = .array(peerings)
        state.setResource(project, collection, network, record)
    }

    /// Takes a peering away (Compute's `networks.removePeering` leaves no `peerings` when none is left).
    static func removePeering(_ peering: String, network: String, project: String, state: inout EmulatorState) {
        let collection = ComputeKind.network.collection
        guard var record = state.resource(project, collection, network), let peerings = record["peerings"]?.arrayValue else { return }
        let left = peerings.filter { $0["name"]?.stringValue != peering }
        record["peerings"] = left.isEmpty ? nil : .array(left)
        state.setResource(project, collection, network, record)
    }
}
