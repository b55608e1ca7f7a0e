import Foundation

/// Cloud SQL's private IP, as "Configure private IP" documents it: `settings.ipConfiguration`
/// names a VPC network (`privateNetwork`, `projects/P/global/networks/N`), optionally an
/// allocated range of it (`allocatedIpRange`); public IP (`ipv4Enabled`) may be off only
/// when private IP is on; a private network can be changed but never removed. The instance
/// gets its private address from the network's private services access connection when
/// its operation ends: without a connection the operation fails with Google's message and
/// the instance stays FAILED.
enum SQLAdminPrivateNetwork {
    /// Checks the IP configuration a create or a change leaves the instance with.
    static func check(_ settings: JSONValue, previous: JSONValue?) throws {
        let configuration = settings["ipConfiguration"] ?? [:]
        let network = configuration["privateNetwork"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if let network, ComputeNetworks.reference(network) == nil {
            throw APIError.invalidArgument(
                "Invalid request: privateNetwork must be projects/PROJECT/global/networks/NETWORK; got '\(network)'.", reason: "invalid")
        }
        if network == nil, previous?["ipConfiguration"]?["privateNetwork"]?.stringValue.map({ !$0.isEmpty }) == true {
            throw APIError.invalidArgument(
                "Invalid request: the private network of an instance can be changed but not removed.", reason: "invalid")
        }
        if configuration["ipv4Enabled"] == false, network == nil {
            throw APIError.invalidArgument(
                "Invalid request: At least one of Public IP or Private IP or PSC connectivity must be enabled.", reason: "invalid")
        }
    }

    /// The instance's private network, when it has one.
    static func network(of instance: JSONValue) -> ComputeNetworks.Reference? {
        instance["settings"]?["ipConfiguration"]?["privateNetwork"]?.stringValue.flatMap { ComputeNetworks.reference($0) }
    }

    /// Why the instance cannot get its private address now (the operation then fails).
    static func provisioningProblem(_ instance: JSONValue, state: EmulatorState) -> String? {
        guard let network = network(of: instance) else { return nil }
        let project = ComputeNetworks.projectID(network.project, state: state)
        let number = project.map { state.projectNumber($0) } ?? network.project
        guard let project, ServiceNetworkingConnections.connection(network: network.name, project: project, state: state) != nil else {
            return "Failed to create subnetwork. Please create Service Networking connection with service 'servicenetworking.googleapis.com' from consumer project '\(number)' network '\(network.name)' again."
        }
        if let range = instance["settings"]?["ipConfiguration"]?["allocatedIpRange"]?.stringValue, !range.isEmpty,
            !ServiceNetworkingConnections.connectedRanges(network: network.name, project: project, state: state).contains(where: { $0.name == range })
        {
            return "The allocated IP range '\(range)' is not a range of the private services access connection on network '\(network.name)'."
        }
        return nil
    }

    /// `ipAddresses` as Google answers them: PRIMARY while public IP is on, PRIVATE from the
    /// connection's range (the allocated one if named) while a private network is set.
    static func addresses(_ instance: JSONValue, publicAddress: String, state: EmulatorState) -> JSONValue {
        var addresses: [JSONValue] = []
        if instance["settings"]?["ipConfiguration"]?["ipv4Enabled"] != false {
            addresses.append(["type": "PRIMARY", "ipAddress": .string(publicAddress)])
        }
        if let network = network(of: instance), let project = ComputeNetworks.projectID(network.project, state: state) {
            let ranges = ServiceNetworkingConnections.connectedRanges(network: network.name, project: project, state: state)
            let named = instance["settings"]?["ipConfiguration"]?["allocatedIpRange"]?.stringValue
            let block = (ranges.first { $0.name == named } ?? ranges.first)?.block
            let seed = UInt64(Checksums.crc32c(Array((instance["name"]?.stringValue ?? "").utf8)))
            let address = block.map { $0.address(at: 2 + seed % max(1, $0.size - 3)) } ?? "10.\(seed >> 8 & 0xFF).\(seed & 0xFF).3"
            addresses.append(["type": "PRIVATE", "ipAddress": .string(address)])
        }
        return .array(addresses)
    }

    /// How many instances use a network's private services access connection.
    static func instances(on network: String, project: String, state: EmulatorState) -> Int {
        state.resources(project, SQLAdminInstancesAPI.collection).count { entry in
            guard let reference = self.network(of: entry.value) else { return false }
            return reference.name == network && ComputeNetworks.projectID(reference.project, state: state) == project
        }
    }
}
