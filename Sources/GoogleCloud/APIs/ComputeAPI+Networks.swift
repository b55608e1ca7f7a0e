/// VPC networks and their subnetworks
/// (https://cloud.google.com/compute/docs/reference/rest/v1/networks,
/// https://cloud.google.com/compute/docs/reference/rest/v1/subnetworks).
extension ComputeAPI {
    public struct Network: Codable, Sendable {
        public var name: String?
        /// Fixed at creation (`networks.patch` cannot change it): gcpctl's ownership marker.
        public var description: String?
        /// Fixed: gcpctl makes custom-mode networks (false).
        public var autoCreateSubnetworks: Bool?
        public var routingConfig: RoutingConfig?
        public var mtu: Int?
        /// Output: its subnets' URLs.
        public var subnetworks: [String]?
        /// Output: VPC peerings (Service Networking's `servicenetworking-googleapis-com`).
        public var peerings: [Peering]?
        public var selfLink: String?
        public var creationTimestamp: String?

        public struct RoutingConfig: Codable, Sendable, Equatable {
            /// REGIONAL or GLOBAL.
            public var routingMode: String?
            public init(routingMode: String?) { self.routingMode = routingMode }
        }

        public struct Peering: Codable, Sendable {
            public var name: String?
            public var network: String?
            /// ACTIVE or INACTIVE.
            public var state: String?
            public var stateDetails: String?
        }

        public init(name: String, description: String?, routingMode: String) {
            self.name = name
            self.description = description
            self.autoCreateSubnetworks = false
            self.routingConfig = RoutingConfig(routingMode: routingMode)
        }

        /// The body of a patch that changes only the routing mode.
        public init(routingMode: String) { self.routingConfig = RoutingConfig(routingMode: routingMode) }
    }

    public struct Subnetwork: Codable, Sendable {
        public var name: String?
        public var description: String?
        /// A network reference; fixed.
        public var network: String?
        /// Fixed, except that `expandIpCidrRange` may widen it.
        public var ipCidrRange: String?
        public var region: String?
        public var privateIpGoogleAccess: Bool?
        /// Output; a patch must carry the current one.
        public var fingerprint: String?
        public var selfLink: String?
        public var creationTimestamp: String?

        public init(name: String, description: String?, network: String, ipCidrRange: String, privateIpGoogleAccess: Bool) {
            self.name = name
            self.description = description
            self.network = network
            self.ipCidrRange = ipCidrRange
            self.privateIpGoogleAccess = privateIpGoogleAccess
        }
    }

    // MARK: Networks

    public func network(project: String, name: String) async throws -> Network? {
        try await client.getIfExists(.compute, path(project, "global/networks/\(name)"))
    }

    public func networks(project: String) async throws -> [Network] {
        try await list(path(project, "global/networks"))
    }

    public func insertNetwork(project: String, _ network: Network) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "global/networks"), network)
    }

    /// Changes the routing mode (the only setting gcpctl changes after creation).
    public func patchNetwork(project: String, name: String, routingMode: String) async throws -> ComputeOperation {
        try await change(.patch, path(project, "global/networks/\(name)"), Network(routingMode: routingMode))
    }

    public func deleteNetwork(project: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "global/networks/\(name)"))
    }

    /// Removes a VPC peering from the network (`NetworksRemovePeeringRequest {name}`): the
    /// console's way to end a private services access connection Service Networking refuses to delete.
    public func removePeering(project: String, network: String, peering: String) async throws -> ComputeOperation {
        struct Request: Encodable { var name: String }
        return try await change(.post, path(project, "global/networks/\(network)/removePeering"), Request(name: peering))
    }

    // MARK: Subnetworks

    public func subnetwork(project: String, region: String, name: String) async throws -> Subnetwork? {
        try await client.getIfExists(.compute, path(project, "regions/\(region)/subnetworks/\(name)"))
    }

    public func subnetworks(project: String, region: String) async throws -> [Subnetwork] {
        try await list(path(project, "regions/\(region)/subnetworks"))
    }

    public func insertSubnetwork(project: String, region: String, _ subnetwork: Subnetwork) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "regions/\(region)/subnetworks"), subnetwork)
    }

    /// Turns Private Google Access on or off (`subnetworks.setPrivateIpGoogleAccess`, no fingerprint needed).
    public func setPrivateIpGoogleAccess(project: String, region: String, name: String, enabled: Bool) async throws -> ComputeOperation {
        struct Request: Encodable { var privateIpGoogleAccess: Bool }
        return try await change(
            .post, path(project, "regions/\(region)/subnetworks/\(name)/setPrivateIpGoogleAccess"), Request(privateIpGoogleAccess: enabled))
    }

    /// Widens the range (`subnetworks.expandIpCidrRange`); a range can never shrink.
    public func expandIpCidrRange(project: String, region: String, name: String, ipCidrRange: String) async throws -> ComputeOperation {
        struct Request: Encodable { var ipCidrRange: String }
        return try await change(.post, path(project, "regions/\(region)/subnetworks/\(name)/expandIpCidrRange"), Request(ipCidrRange: ipCidrRange))
    }

    public func deleteSubnetwork(project: String, region: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "regions/\(region)/subnetworks/\(name)"))
    }
}
