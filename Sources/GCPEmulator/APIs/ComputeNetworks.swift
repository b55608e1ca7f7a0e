/// What Service Networking, Serverless VPC Access, Memorystore and Cloud SQL read of Compute
/// Engine's state: whether a VPC network exists, the global address ranges reserved on it
/// for service producers (purpose VPC_PEERING), the ranges already in use on it, and its
/// peerings. One seam, so that these APIs rely on the Compute emulator's own records and
/// on nothing else: networks by name, global addresses by name, subnetworks by
/// `REGION/NAME`, each stored as Compute answers it.
enum ComputeNetworks {
    static let networks = "compute.networks"
    static let globalAddresses = "compute.globalAddresses"
    static let subnetworks = "compute.subnetworks"

    /// The peering Service Networking makes on a consumer network (its `peering` name).
    static let serviceNetworkingPeering = "servicenetworking-googleapis-com"

    /// A network named by `projects/P/global/networks/N` (P an id or a number), a Compute URL
    /// ending so, `global/networks/N`, or `N` alone in `defaultProject`.
    struct Reference: Equatable, Sendable {
        var project: String
        var name: String
    }

    static func reference(_ text: String, defaultProject: String? = nil) -> Reference? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let index = parts.lastIndex(of: "projects"), parts.count == index + 5, parts[index + 2] == "global",
            parts[index + 3] == "networks", !parts[index + 1].isEmpty, !parts[index + 4].isEmpty
        {
            return Reference(project: parts[index + 1], name: parts[index + 4])
        }
        guard let defaultProject else { return nil }
        if parts.count == 3, parts[0] == "global", parts[1] == "networks", !parts[2].isEmpty {
            return Reference(project: defaultProject, name: parts[2])
        }
        if parts.count == 1, !parts[0].isEmpty { return Reference(project: defaultProject, name: parts[0]) }
        return nil
    }

    /// The id of a project named by id or number, when the emulator holds it.
    static func projectID(_ reference: String, state: EmulatorState) -> String? {
        if state.projects[reference] != nil { return reference }
        return state.projects.values.first { $0.number == reference }?.id
    }

    static func network(_ name: String, project: String, state: EmulatorState) -> JSONValue? {
        state.resource(project, networks, name)
    }

    /// A global address reserved for service producers.
    struct AllocatedRange: Sendable {
        var name: String
        var purpose: String
        /// The network it is reserved on, by name.
        var network: String?
        /// Its block, once Compute has assigned the address.
        var block: IPv4Block?
    }

    static func allocatedRange(_ name: String, project: String, state: EmulatorState) -> AllocatedRange? {
        guard let address = state.resource(project, globalAddresses, name) else { return nil }
        let block = address["address"]?.stringValue.flatMap { text in
            address["prefixLength"]?.intValue.flatMap { IPv4Block(address: text, prefixLength: $0) }
        }
        return AllocatedRange(
            name: name, purpose: address["purpose"]?.stringValue ?? "",
            network: address["network"]?.stringValue.flatMap { reference($0)?.name }, block: block)
    }

    /// Every block already taken on a network: its subnetworks and its reserved ranges.
    static func blocksInUse(network: String, project: String, state: EmulatorState) -> [IPv4Block] {
        let subnets = state.resources(project, subnetworks).compactMap { entry -> IPv4Block? in
            guard entry.value["network"]?.stringValue.flatMap({ reference($0)?.name }) == network else { return nil }
            return entry.value["ipCidrRange"]?.stringValue.flatMap(IPv4Block.init(cidr:))
        }
        let ranges = state.resources(project, globalAddresses).compactMap { entry -> IPv4Block? in
            guard let range = allocatedRange(entry.name, project: project, state: state), range.network == network else { return nil }
            return range.block
        }
        return subnets + ranges
    }

    static func hasPeering(_ peering: String, on networkName: String, project: String, state: EmulatorState) -> Bool {
        network(networkName, project: project, state: state)?["peerings"]?.arrayValue?
            .contains { $0["name"]?.stringValue == peering } ?? false
    }

    /// Adds (or replaces) a peering on the network, as `networks.get` then shows it.
    static func setPeering(_ peering: JSONValue, network: String, project: String, state: inout EmulatorState) {
        guard var record = state.resource(project, networks, network), let name = peering["name"]?.stringValue else { return }
        var peerings = (record["peerings"]?.arrayValue ?? []).filter { $0["name"]?.stringValue != name }
        peerings.append(peering)
        record["peerings"] = .array(peerings)
        state.setResource(project, networks, network, record)
    }

    static func removePeering(_ peering: String, network: String, project: String, state: inout EmulatorState) {
        guard var record = state.resource(project, networks, network), let peerings = record["peerings"]?.arrayValue else { return }
        record["peerings"] = .array(peerings.filter { $0["name"]?.stringValue != peering })
        state.setResource(project, networks, network, record)
    }
}
