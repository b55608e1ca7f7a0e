import Foundation

/// What Service Networking's operations do when they finish, checked against Compute's
/// state then (not when asked): the network must exist; every range must be a global
/// address of purpose VPC_PEERING on that network; a create on a connected network may not
/// change its ranges ("use UpdateConnection"); removing a range needs `force`; a connection
/// is not deleted while a producer (a Cloud SQL instance with a private IP, a Memorystore
/// instance in PRIVATE_SERVICE_ACCESS mode) still uses it, nor for
/// `serviceNetworkingReleaseSeconds` after the last one was deleted. A connection exists
/// while its network holds the peering: Compute's `removePeering` ends it too.
enum ServiceNetworkingConnections {
    static let collection = "servicenetworking.connections"
    /// When each network's last producer went away: `{"@releasedAt": seconds}` by network.
    static let releases = "servicenetworking.producerReleases"

    static let operationEffects: [String: OperationEngine.Effect] = [
        "servicenetworking.connect": { state, operation, succeeded, _ in
            guard succeeded, let (project, network, ranges) = arguments(operation) else { return nil }
            if let existing = connection(network: network, project: project, state: state) {
                let current = existing["reservedPeeringRanges"]?.arrayValue?.compactMap(\.stringValue) ?? []
                guard ranges.isEmpty || Set(ranges) == Set(current) else {
                    LongRunningOperations.fail(
                        operation, code: 9, message: "Cannot modify allocated ranges in CreateConnection. Please use UpdateConnection.",
                        state: &state)
                    return nil
                }
                return response(existing)
            }
            if let problem = problem(ranges: ranges, network: network, project: project, state: state) {
                LongRunningOperations.fail(operation, code: 9, message: problem, state: &state)
                return nil
            }
            return response(connect(network: network, ranges: ranges, project: project, state: &state))
        },
        "servicenetworking.update": { state, operation, succeeded, _ in
            guard succeeded, let (project, network, ranges) = arguments(operation),
                let existing = connection(network: network, project: project, state: state)
            else { return nil }
            let current = existing["reservedPeeringRanges"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let removed = Set(current).subtracting(ranges)
            if !removed.isEmpty, operation["@payload"]?["force"] != true {
                LongRunningOperations.fail(
                    operation, code: 9,
                    message: "Removing allocated ranges (\(removed.sorted().joined(separator: ", "))) from a connection requires force=true.",
                    state: &state)
                return nil
            }
            if let problem = problem(ranges: ranges, network: network, project: project, state: state) {
                LongRunningOperations.fail(operation, code: 9, message: problem, state: &state)
                return nil
            }
            return response(connect(network: network, ranges: ranges, project: project, state: &state))
        },
        "servicenetworking.disconnect": { state, operation, succeeded, now in
            guard succeeded, let (project, network, _) = arguments(operation) else { return nil }
            if producersUse(network: network, project: project, state: state, now: now) {
                LongRunningOperations.fail(
                    operation, code: 9,
                    message: "Failed to delete connection; Producer services (e.g. CloudSQL, Cloud Memstore, etc.) are still using this connection.",
                    state: &state)
                return nil
            }
            state.removeResource(project, collection, network)
            ComputeNetworks.removePeering(ComputeNetworks.serviceNetworkingPeering, network: network, project: project, state: &state)
            return ["@type": "type.googleapis.com/google.protobuf.Empty"]
        },
    ]

    /// The network's connection as Google answers it, while the network holds its peering.
    static func connection(network: String, project: String, state: EmulatorState) -> JSONValue? {
        guard let stored = state.resource(project, collection, network),
            ComputeNetworks.hasPeering(ComputeNetworks.serviceNetworkingPeering, on: network, project: project, state: state)
        else { return nil }
        return stored
    }

    /// The blocks of a network's connected ranges, in the connection's order.
    static func connectedRanges(network: String, project: String, state: EmulatorState) -> [ComputeNetworks.AllocatedRange] {
        let names = connection(network: network, project: project, state: state)?["reservedPeeringRanges"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return names.compactMap { ComputeNetworks.allocatedRange($0, project: project, state: state) }
    }

    /// Producers call this when an instance on a connected network goes away: Google keeps
    /// their resources for a while (`window` seconds, the configuration's
    /// `serviceNetworkingReleaseSeconds` when the delete was asked), and the connection
    /// cannot be deleted meanwhile.
    static func recordRelease(network: String, project: String, window: Double, state: inout EmulatorState, now: Date) {
        guard window > 0 else { return }
        state.setResource(project, releases, network, ["@releasedAt": .double(now.timeIntervalSince1970), "@window": .double(window)])
    }

    private static func arguments(_ operation: JSONValue) -> (String, String, [String])? {
        guard let payload = operation["@payload"], let project = payload["project"]?.stringValue,
            let network = payload["network"]?.stringValue
        else { return nil }
        return (project, network, payload["ranges"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    private static func problem(ranges: [String], network: String, project: String, state: EmulatorState) -> String? {
        let number = state.projectNumber(project)
        guard ComputeNetworks.network(network, project: project, state: state) != nil else {
            return "Network 'projects/\(number)/global/networks/\(network)' not found."
        }
        guard !ranges.isEmpty else { return "At least one allocated IP range is required." }
        for name in ranges {
            guard let range = ComputeNetworks.allocatedRange(name, project: project, state: state), range.network == network else {
                return "Allocated IP range '\(name)' not found in network 'projects/\(number)/global/networks/\(network)'."
            }
            guard range.purpose == "VPC_PEERING" else {
                return "Allocated IP range '\(name)' is not reserved for VPC peering (its purpose is \(range.purpose.isEmpty ? "unset" : range.purpose))."
            }
        }
        return nil
    }

    private static func connect(network: String, ranges: [String], project: String, state: inout EmulatorState) -> JSONValue {
        let number = state.projectNumber(project)
        let connection: JSONValue = [
            "network": .string("projects/\(number)/global/networks/\(network)"),
            "peering": .string(ComputeNetworks.serviceNetworkingPeering),
            "reservedPeeringRanges": .array(ranges.map(JSONValue.string)),
            "service": .string(ServiceNetworkingAPI.service),
        ]
        state.setResource(project, collection, network, connection)
        // The producer side: a network of Google's in a tenant project, peered with this one.
        ComputeNetworks.setPeering(
            [
                "name": .string(ComputeNetworks.serviceNetworkingPeering),
                "network": .string("https://www.googleapis.com/compute/v1/projects/\(tenantProject(number))/global/networks/servicenetworking"),
                "state": "ACTIVE", "stateDetails": "[2089] Connected.", "autoCreateRoutes": true,
                "exchangeSubnetRoutes": true, "exportCustomRoutes": false, "importCustomRoutes": false,
                "exportSubnetRoutesWithPublicIp": false, "importSubnetRoutesWithPublicIp": false, "stackType": "IPV4_ONLY",
            ],
            network: network, project: project, state: &state)
        return connection
    }

    /// Google's tenant project for this consumer (its name is Google's, not the consumer's).
    private static func tenantProject(_ number: String) -> String {
        "n" + String(Checksums.crc32c(Array(number.utf8)), radix: 16) + "-tp"
    }

    private static func response(_ connection: JSONValue) -> JSONValue {
        var response = connection
        response["@type"] = "type.googleapis.com/google.cloud.servicenetworking.v1.Connection"
        return response
    }

    private static func producersUse(network: String, project: String, state: EmulatorState, now: Date) -> Bool {
        if SQLAdminPrivateNetwork.instances(on: network, project: project, state: state) > 0 { return true }
        if RedisInstanceRules.instances(on: network, project: project, state: state) > 0 { return true }
        guard let release = state.resource(project, releases, network), let releasedAt = release["@releasedAt"]?.doubleValue
        else { return false }
        return now.timeIntervalSince1970 < releasedAt + (release["@window"]?.doubleValue ?? 0)
    }
}
