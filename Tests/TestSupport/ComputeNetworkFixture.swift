import GCPEmulator

/// Arranges the Compute Engine state private networking stands on (a VPC network, a range
/// reserved for service producers, a subnet) in the shape the emulator's Compute handlers
/// store it after `networks.insert`, `globalAddresses.insert` and `subnetworks.insert` are
/// done (full-URL references, ids, fingerprints), written straight into its Compute
/// collections so that the tests of other APIs need no operation round trips.
extension Emulator {
    public func arrangeNetwork(_ name: String, project: String) {
        mutateState { state in
            state.addProject(project)
            state.setResource(project, EmulatorCollections.computeNetworks, name, [
                "kind": "compute#network", "id": .string(Self.computeID(project, name)), "name": .string(name),
                "autoCreateSubnetworks": false, "mtu": 1460, "routingConfig": ["routingMode": "REGIONAL"],
                "networkFirewallPolicyEnforcementOrder": "AFTER_CLASSIC_FIREWALL",
                "creationTimestamp": "2026-01-01T00:00:00.000-08:00",
                "selfLink": .string(Self.computeURL(project, "global/networks/\(name)")),
            ])
        }
    }

    /// A global address: purpose VPC_PEERING (private services access) unless said otherwise.
    public func arrangeAddressRange(_ name: String, project: String, network: String, address: String, prefixLength: Int,
                                    purpose: String = "VPC_PEERING") {
        mutateState { state in
            state.setResource(project, EmulatorCollections.computeGlobalAddresses, name, [
                "kind": "compute#address", "id": .string(Self.computeID(project, name)), "name": .string(name),
                "address": .string(address), "prefixLength": .int(prefixLength), "purpose": .string(purpose),
                "addressType": "INTERNAL", "network": .string(Self.computeURL(project, "global/networks/\(network)")),
                "status": "RESERVED", "labels": [:], "labelFingerprint": "42WmSpB8rSM=",
                "creationTimestamp": "2026-01-01T00:00:00.000-08:00",
                "selfLink": .string(Self.computeURL(project, "global/addresses/\(name)")),
            ])
        }
    }

    public func arrangeSubnetwork(_ name: String, project: String, region: String, network: String, ipCidrRange: String) {
        mutateState { state in
            state.setResource(project, EmulatorCollections.computeSubnetworks, "\(region)/\(name)", [
                "kind": "compute#subnetwork", "id": .string(Self.computeID(project, name)), "name": .string(name),
                "ipCidrRange": .string(ipCidrRange), "privateIpGoogleAccess": false, "purpose": "PRIVATE",
                "stackType": "IPV4_ONLY", "fingerprint": "AAAAAAAAAAA=",
                "region": .string(Self.computeURL(project, "regions/\(region)")),
                "network": .string(Self.computeURL(project, "global/networks/\(network)")),
                "creationTimestamp": "2026-01-01T00:00:00.000-08:00",
                "selfLink": .string(Self.computeURL(project, "regions/\(region)/subnetworks/\(name)")),
            ])
        }
    }

    /// The network as Compute holds it (its `peerings` included).
    public func network(_ name: String, project: String) -> JSONValue? {
        resource(project: project, collection: EmulatorCollections.computeNetworks, name: name)
    }

    private static func computeURL(_ project: String, _ path: String) -> String {
        "https://www.googleapis.com/compute/v1/projects/\(project)/\(path)"
    }

    /// A stable numeric id, as Compute gives every resource.
    private static func computeID(_ project: String, _ name: String) -> String {
        String(UInt64(truncatingIfNeeded: "\(project)/\(name)".utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }) % 9_000_000_000_000_000_000 + 1_000_000_000_000_000_000)
    }
}
