import Foundation

/// Global addresses (https://cloud.google.com/compute/docs/reference/rest/v1/globalAddresses):
/// an external IPv4 for a load balancer (`addressType` EXTERNAL, the default; `status`
/// RESERVED, IN_USE once a forwarding rule takes it, `users` naming it), or an internal
/// range reserved for private services access (`purpose` VPC_PEERING, `addressType`
/// INTERNAL, `prefixLength`, on a `network`; Google picks a free block unless `address`
/// pins it: https://cloud.google.com/vpc/docs/configure-private-services-access). Labels
/// change only through `setLabels` with the current `labelFingerprint`.
enum ComputeAddressesAPI {
    static let handlers: [String: APIHandler] = [
        "compute.globalAddresses.get": ComputeResources.get(.globalAddress),
        "compute.globalAddresses.list": ComputeResources.list(.globalAddress),
        "compute.addresses.aggregatedList": ComputeResources.aggregatedList(.globalAddress),
        "compute.globalAddresses.insert": ComputeResources.insert(.globalAddress, prepare: prepare),
        "compute.globalAddresses.setLabels": ComputeResources.setLabels(.globalAddress),
        "compute.globalAddresses.delete": ComputeResources.delete(.globalAddress),
    ]

    private static func prepare(_ address: inout JSONValue, _ target: ComputeResources.Target, _ request: APIRequest, _ state: inout EmulatorState) throws {
        let type = address["addressType"]?.stringValue ?? "EXTERNAL"
        address["addressType"] = .string(type)
        switch (type, address["purpose"]?.stringValue) {
        case ("INTERNAL", "VPC_PEERING"):
            try preparePeeringRange(&address, target, state)
        case ("INTERNAL", let purpose):
            throw ComputeErrors.invalid(
                field: "resource.purpose", value: purpose ?? "",
                "A global internal address must have purpose VPC_PEERING (PRIVATE_SERVICE_CONNECT is not emulated).")
        case ("EXTERNAL", nil):
            if address["network"] != nil || address["prefixLength"] != nil {
                throw ComputeErrors.invalid(field: "resource.network", value: address["network"]?.stringValue ?? "", "An external address takes no network or prefixLength.")
            }
            let version = address["ipVersion"]?.stringValue ?? "IPV4"
            guard version == "IPV4" else {
                throw ComputeErrors.invalid(field: "resource.ipVersion", value: version, "The emulator reserves IPv4 external addresses only.")
            }
            address = address.merging(["ipVersion": "IPV4", "networkTier": address["networkTier"] ?? "PREMIUM"])
            if address["address"] == nil { address["address"] = .string(externalIP(project: target.project, name: target.name)) }
        case ("EXTERNAL", let purpose?):
            throw ComputeErrors.invalid(field: "resource.purpose", value: purpose, "An external global address takes no purpose.")
        default:
            throw ComputeErrors.invalid(field: "resource.addressType", value: type, "Must be EXTERNAL or INTERNAL.")
        }
        address["status"] = "RESERVED"
        address["labels"] = address["labels"] ?? [:]
    }

    private static func preparePeeringRange(_ address: inout JSONValue, _ target: ComputeResources.Target, _ state: EmulatorState) throws {
        guard let network = address["network"]?.stringValue else { throw ComputeErrors.required("resource.network") }
        let networkURL = try ComputeResources.resolve(network, field: "resource.network", kinds: [.network], project: target.project, state: state)
        address["network"] = .string(networkURL)
        guard let prefix = address["prefixLength"]?.intValue else { throw ComputeErrors.required("resource.prefixLength") }
        guard (8...29).contains(prefix) else {
            throw ComputeErrors.invalid(field: "resource.prefixLength", value: String(prefix), "Must be between 8 and 29 (Google recommends /16 to /24).")
        }
        let taken = takenRanges(network: networkURL, project: target.project, state: state)
        if let pinned = address["address"]?.stringValue {
            let range = try ComputeSubnetworksAPI.checkedRange("\(pinned)/\(prefix)", field: "resource.address")
            if let clash = taken.first(where: { $0.overlaps(range) }) {
                throw ComputeErrors.invalid(field: "resource.address", value: pinned, "The range \(range) overlaps \(clash) already used on the network.")
            }
        } else {
            guard let free = ComputeCIDR.firstFree(prefix: prefix, within: ComputeCIDR(base: 10 << 24, prefix: 8), avoiding: taken) else {
                throw ComputeErrors.badRequest("No free /\(prefix) block is left in 10.0.0.0/8 on this network.")
            }
            address["address"] = .string(ComputeCIDR.text(free.base))
        }
    }

    /// The ranges reserved for private services access on a network: name and range.
    static func peeringRanges(network: String, project: String, state: EmulatorState) -> [(name: String, range: ComputeCIDR)] {
        state.resources(project, ComputeKind.globalAddress.collection).map(\.value).compactMap { address in
            guard address["purpose"] == "VPC_PEERING", address["network"]?.stringValue == network,
                let base = address["address"]?.stringValue, let prefix = address["prefixLength"]?.intValue,
                let range = ComputeCIDR("\(base)/\(prefix)")
            else { return nil }
            return (address["name"]?.stringValue ?? "", range)
        }
    }

    /// Every range in use on the network: its subnets' and its reserved ranges.
    static func takenRanges(network: String, project: String, state: EmulatorState) -> [ComputeCIDR] {
        let subnets = state.resources(project, ComputeKind.subnetwork.collection).map(\.value)
            .filter { $0["network"]?.stringValue == network }
            .flatMap { [$0["ipCidrRange"]] + ($0["secondaryIpRanges"]?.arrayValue ?? []).map { $0["ipCidrRange"] } }
            .compactMap { $0?.stringValue.flatMap(ComputeCIDR.init) }
        return subnets + peeringRanges(network: network, project: project, state: state).map(\.range)
    }

    /// A stable public-looking IPv4 per project and name.
    private static func externalIP(project: String, name: String) -> String {
        let hash = Checksums.crc32c(Array("\(project)/address/\(name)".utf8))
        return "34.\(hash >> 16 & 0xFF).\(hash >> 8 & 0xFF).\(max(1, hash & 0xFF))"
    }

    /// `users` and `status` IN_USE from the forwarding rules that took the address.
    static func decorate(_ address: JSONValue, project: String, state: EmulatorState) -> JSONValue {
        var address = address
        let users = ComputeResources.users(of: address["selfLink"]?.stringValue ?? "", project: project, state: state)
            .filter { $0.contains("/forwardingRules/") }
        if !users.isEmpty {
            address["users"] = .array(users.map { .string(ComputeLinks.url($0)) })
            address["status"] = "IN_USE"
        }
        return address
    }
}

extension ComputeKind {
    static let globalAddress = ComputeKind(
        collection: "compute.globalAddresses", segment: "addresses", kind: "compute#address", noun: "address", scope: .global,
        parameter: "address", aggregatedKind: "compute#addressAggregatedList", scopedKey: "addresses", hasLabels: true,
        decorate: { value, project, state in ComputeAddressesAPI.decorate(value, project: project, state: state) })
}
