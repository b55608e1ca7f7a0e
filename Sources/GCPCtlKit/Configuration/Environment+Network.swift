extension Environment {
    /// The private network with every default applied; its subnet and connector are in the
    /// environment's region.
    public struct Network: Codable, Equatable, Sendable {
        public var name: String
        public var routingMode: String
        public var subnet: Subnet?
        public var privateServiceAccess: PrivateServiceAccess?
        public var connector: Connector?
        public var egress: String

        public struct Subnet: Codable, Equatable, Sendable {
            public var name: String
            public var region: String
            public var ipCidrRange: String
            public var privateIpGoogleAccess: Bool
        }

        public struct PrivateServiceAccess: Codable, Equatable, Sendable {
            public var range: String
            public var prefixLength: Int
            public var address: String?
        }

        public struct Connector: Codable, Equatable, Sendable {
            public var name: String
            public var region: String
            public var ipCidrRange: String
            public var minInstances: Int
            public var maxInstances: Int
            public var machineType: String
        }

        /// The APIs the network's parts are made through.
        public var apis: [String] {
            ["compute.googleapis.com"] + (privateServiceAccess == nil ? [] : ["servicenetworking.googleapis.com"])
                + (connector == nil ? [] : ["vpcaccess.googleapis.com"])
        }
    }
}

extension EnvironmentResolver {
    func resolve(_ network: EnvironmentFile.Network, template: NameTemplate) -> Environment.Network {
        .init(
            name: template.expand(network.name),
            routingMode: network.routingMode ?? "REGIONAL",
            subnet: network.subnet.map { subnet in
                .init(name: template.expand(subnet.name), region: region, ipCidrRange: subnet.ipCidrRange,
                      privateIpGoogleAccess: subnet.privateIpGoogleAccess ?? true)
            },
            privateServiceAccess: network.privateServiceAccess.map { access in
                .init(range: template.expand(access.range), prefixLength: access.prefixLength ?? 16, address: access.address)
            },
            connector: network.connector.map { connector in
                .init(name: template.expand(connector.name), region: region, ipCidrRange: connector.ipCidrRange,
                      minInstances: connector.minInstances ?? 2, maxInstances: connector.maxInstances ?? 3,
                      machineType: connector.machineType ?? "e2-micro")
            },
            egress: network.egress ?? "PRIVATE_RANGES_ONLY")
    }
}
