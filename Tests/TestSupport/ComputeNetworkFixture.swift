import GCPEmulator

/// Arranges the Compute Engine state private networking stands on (a VPC network, a range
/// reserved for service producers, a subnet), as Compute's `networks.insert`,
/// `globalAddresses.insert` and `subnetworks.insert` leave it, written straight into the
/// emulator's Compute collections. One place, so that tests switch to Compute's own API
/// calls in one edit once the emulator serves them.
extension Emulator {
    public func arrangeNetwork(_ name: String, project: String) {
        mutateState { state in
            state.addProject(project)
            state.setResource(project, "compute.networks", name, [
                "kind": "compute#network", "name": .string(name), "autoCreateSubnetworks": false,
                "routingConfig": ["routingMode": "REGIONAL"],
                "selfLink": .string("https://www.googleapis.com/compute/v1/projects/\(project)/global/networks/\(name)"),
            ])
        }
    }

    /// A global address: purpose VPC_PEERING (private services access) unless said otherwise.
    public func arrangeAddressRange(_ name: String, project: String, network: String, address: String, prefixLength: Int,
                                    purpose: String = "VPC_PEERING") {
        mutateState { state in
            state.setResource(project, "compute.globalAddresses", name, [
                "kind": "compute#address", "name": .string(name), "address": .string(address),
                "prefixLength": .int(prefixLength), "purpose": .string(purpose), "addressType": "INTERNAL",
                "network": .string("https://www.googleapis.com/compute/v1/projects/\(project)/global/networks/\(network)"),
                "status": "RESERVED",
            ])
        }
    }

    public func arrangeSubnetwork(_ name: String, project: String, region: String, network: String, ipCidrRange: String) {
        mutateState { state in
            state.setResource(project, "compute.subnetworks", "\(region)/\(name)", [
                "kind": "compute#subnetwork", "name": .string(name), "ipCidrRange": .string(ipCidrRange),
                "region": .string("https://www.googleapis.com/compute/v1/projects/\(project)/regions/\(region)"),
                "network": .string("https://www.googleapis.com/compute/v1/projects/\(project)/global/networks/\(network)"),
            ])
        }
    }

    /// The network as Compute holds it (its `peerings` included).
    public func network(_ name: String, project: String) -> JSONValue? {
        resource(project: project, collection: "compute.networks", name: name)
    }
}
