/// Subnetworks (https://cloud.google.com/compute/docs/reference/rest/v1/subnetworks):
/// regional, on an existing network, an IPv4 range that is private, has no host bits and
/// overlaps no other subnet of the network. The range can only grow
/// (`expandIpCidrRange`); `patch` needs the current fingerprint; Private Google Access
/// through `setPrivateIpGoogleAccess` or `patch`.
enum ComputeSubnetworksAPI {
    static let handlers: [String: APIHandler] = [
        "compute.subnetworks.get": ComputeResources.get(.subnetwork),
        "compute.subnetworks.list": ComputeResources.list(.subnetwork),
        "compute.subnetworks.aggregatedList": ComputeResources.aggregatedList(.subnetwork),
        "compute.subnetworks.insert": ComputeResources.insert(.subnetwork, prepare: prepare),
        "compute.subnetworks.patch": ComputeResources.update(.subnetwork, type: "patch", fingerprint: true) { subnet, _, request, _ in
            try ComputeResources.merge(&subnet, request, immutable: ["network", "ipCidrRange", "purpose", "stackType"])
        },
        "compute.subnetworks.expandIpCidrRange": ComputeResources.update(.subnetwork, type: "expandIpCidrRange") { subnet, target, request, state in
            let given = request.body["ipCidrRange"]?.stringValue ?? ""
            let current = ComputeCIDR(subnet["ipCidrRange"]?.stringValue ?? "")
            let range = try checkedRange(given, field: "ipCidrRange")
            guard let current, range.contains(current), range.prefix < current.prefix else {
                throw ComputeErrors.invalid(field: "ipCidrRange", value: given, "The new range must contain the current range \(subnet["ipCidrRange"]?.stringValue ?? "") and be larger.")
            }
            try checkOverlap(range, network: subnet["network"]?.stringValue ?? "", except: target.key, project: target.project, state: state)
            subnet["ipCidrRange"] = .string(range.description)
        },
        "compute.subnetworks.setPrivateIpGoogleAccess": ComputeResources.update(.subnetwork, type: "setPrivateIpGoogleAccess") { subnet, _, request, _ in
            subnet["privateIpGoogleAccess"] = .bool(request.body["privateIpGoogleAccess"]?.boolValue ?? false)
        },
        "compute.subnetworks.delete": ComputeResources.delete(.subnetwork),
    ]

    private static func prepare(_ subnet: inout JSONValue, _ target: ComputeResources.Target, _ request: APIRequest, _ state: inout EmulatorState) throws {
        guard let network = subnet["network"]?.stringValue else { throw ComputeErrors.required("resource.network") }
        subnet["network"] = .string(try ComputeResources.resolve(network, field: "resource.network", kinds: [.network], project: target.project, state: state))
        guard let given = subnet["ipCidrRange"]?.stringValue else { throw ComputeErrors.required("resource.ipCidrRange") }
        let range = try checkedRange(given, field: "resource.ipCidrRange")
        try checkOverlap(range, network: subnet["network"]?.stringValue ?? "", except: nil, project: target.project, state: state)
        for (index, secondary) in (subnet["secondaryIpRanges"]?.arrayValue ?? []).enumerated() {
            let field = "resource.secondaryIpRanges[\(index)].ipCidrRange"
            let secondaryRange = try checkedRange(secondary["ipCidrRange"]?.stringValue ?? "", field: field)
            guard !secondaryRange.overlaps(range) else {
                throw ComputeErrors.invalid(field: field, value: secondaryRange.description, "It overlaps the primary range \(range).")
            }
        }
        let defaults: JSONValue = [
            "privateIpGoogleAccess": false, "purpose": "PRIVATE", "stackType": "IPV4_ONLY",
            "privateIpv6GoogleAccess": "DISABLE_GOOGLE_ACCESS",
        ]
        subnet = defaults.merging(subnet)
        subnet["gatewayAddress"] = .string(ComputeCIDR.text(range.base + 1))
    }

    /// A well-formed private range without host bits, /8 to /29.
    static func checkedRange(_ text: String, field: String) throws -> ComputeCIDR {
        guard let range = ComputeCIDR(text), (8...29).contains(range.prefix) else {
            throw ComputeErrors.invalid(field: field, value: text, "Must be an IPv4 range in CIDR notation, /8 to /29.")
        }
        guard !range.hasHostBits else {
            throw ComputeErrors.invalid(field: field, value: text, "The range has host bits set; did you mean \(ComputeCIDR(base: range.base & range.mask, prefix: range.prefix))?")
        }
        guard range.isPrivate else {
            throw ComputeErrors.invalid(field: field, value: text, "The range must be private (RFC 1918 or 100.64.0.0/10).")
        }
        return range
    }

    /// 400 when `range` overlaps another subnet of the network (any region) or a range
    /// reserved on it for private services access.
    static func checkOverlap(_ range: ComputeCIDR, network: String, except: String?, project: String, state: EmulatorState) throws {
        for (key, other) in state.resources(project, ComputeKind.subnetwork.collection)
        where key != except && other["network"]?.stringValue == network {
            let ranges = [other["ipCidrRange"]] + (other["secondaryIpRanges"]?.arrayValue ?? []).map { $0["ipCidrRange"] }
            if ranges.compactMap({ $0?.stringValue.flatMap(ComputeCIDR.init) }).contains(where: range.overlaps) {
                throw ComputeErrors.invalid(
                    field: "resource.ipCidrRange", value: range.description,
                    "Invalid IPCidrRange: \(range) conflicts with existing subnetwork '\(other["name"]?.stringValue ?? key)'.")
            }
        }
        for reserved in ComputeAddressesAPI.peeringRanges(network: network, project: project, state: state) where reserved.range.overlaps(range) {
            throw ComputeErrors.invalid(
                field: "resource.ipCidrRange", value: range.description,
                "Invalid IPCidrRange: \(range) conflicts with the reserved range '\(reserved.name)' (\(reserved.range)).")
        }
    }
}

extension ComputeKind {
    static let subnetwork = ComputeKind(
        collection: "compute.subnetworks", segment: "subnetworks", kind: "compute#subnetwork", noun: "subnetwork",
        scope: .regional, parameter: "subnetwork", aggregatedKind: "compute#subnetworkAggregatedList", scopedKey: "subnetworks",
        fingerprinted: true)
}
