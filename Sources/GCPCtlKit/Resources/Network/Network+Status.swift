import GoogleCloud

/// The `network` section of `gcpctl status`: what a person checks of each part.
extension VPCNetwork: StatusDescribing {
    func statusDetails(of state: ComputeAPI.Network, extra: Void?) -> [StatusDetail] {
        [
            StatusDetail("routingMode", column: "ROUTING", state.routingConfig?.routingMode),
            StatusDetail("subnets", column: "SUBNETS", state.subnetworks?.count ?? 0),
            StatusDetail("peerings", column: "PEERINGS",
                         .array((state.peerings ?? []).map { .string("\($0.name ?? "?") \($0.state ?? "?")") }),
                         text: (state.peerings ?? []).map { "\($0.name ?? "?") \($0.state ?? "?")" }.joined(separator: ", ")),
        ]
    }
}

extension Subnetwork: StatusDescribing {
    func statusDetails(of state: ComputeAPI.Subnetwork, extra: Void?) -> [StatusDetail] {
        [
            StatusDetail("region", column: "REGION", subnet.region),
            StatusDetail("ipCidrRange", column: "RANGE", state.ipCidrRange),
            StatusDetail("privateIpGoogleAccess", column: "GOOGLE ACCESS", (state.privateIpGoogleAccess ?? false) ? "on" : "off"),
        ]
    }
}

extension AddressRange: StatusDescribing {
    func statusDetails(of state: ComputeAPI.Address, extra: Void?) -> [StatusDetail] {
        [
            StatusDetail("range", column: "RANGE", state.address.map { "\($0)/\(state.prefixLength ?? access.prefixLength)" }),
            StatusDetail("purpose", column: "PURPOSE", state.purpose),
        ]
    }
}

extension PrivateConnection: StatusDescribing {
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        [
            StatusDetail("peering", column: "PEERING", state.connection.peering),
            StatusDetail("ranges", column: "RANGES", (state.connection.reservedPeeringRanges ?? []).joined(separator: ", ")),
            StatusDetail("peeringState", column: "STATE", state.peeringState),
        ]
    }

    /// The connection exists but the network's side of the peering is gone or inactive:
    /// Cloud SQL and Memorystore cannot be reached on their private addresses.
    func health(of state: State, extra: Void?, environment: Environment) -> StatusFinding? {
        guard state.peeringState != "ACTIVE" else { return nil }
        return StatusFinding(state: .unhealthy, reason: "the network's peering is \(state.peeringState ?? "missing"), not ACTIVE", fix: nil)
    }
}

extension VPCConnector: StatusDescribing {
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        [
            StatusDetail("region", column: "REGION", connector.region),
            StatusDetail("connectorState", column: "STATE", state.connector.state),
            StatusDetail("ipCidrRange", column: "RANGE", state.connector.ipCidrRange),
            StatusDetail("instances", column: "INSTANCES", "\(state.connector.minInstances ?? 0)-\(state.connector.maxInstances ?? 0)"),
        ]
    }

    /// ERROR: Google could not place it; it has to be deleted and made again.
    func health(of state: State, extra: Void?, environment: Environment) -> StatusFinding? {
        guard let current = state.connector.state, current != "READY" else { return nil }
        return StatusFinding(state: .unhealthy, reason: "the connector is \(current), not READY", fix: nil)
    }
}
