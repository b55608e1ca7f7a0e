extension EnvironmentFile {
    /// The private network (`network:`): a custom-mode VPC, its subnet, the range reserved for
    /// Google's service producers and their connection, and the Serverless VPC Access
    /// connector the services reach it through. Absent: nothing of it is made (development).
    public struct Network: Codable, Equatable, Sendable {
        public var name: String
        /// REGIONAL (default) or GLOBAL.
        public var routingMode: String?
        public var subnet: Subnet?
        public var privateServiceAccess: PrivateServiceAccess?
        public var connector: Connector?
        /// The services' `vpcAccess.egress`: PRIVATE_RANGES_ONLY (default) or ALL_TRAFFIC.
        public var egress: String?

        public struct Subnet: Codable, Equatable, Sendable {
            public var name: String
            public var ipCidrRange: String
            /// Default true: instances without external addresses reach Google's APIs.
            public var privateIpGoogleAccess: Bool?
        }

        /// The range Cloud SQL and Memorystore take their private addresses from.
        public struct PrivateServiceAccess: Codable, Equatable, Sendable {
            public var range: String
            /// Default 16.
            public var prefixLength: Int?
            /// The range's first address; absent: Google picks a free block.
            public var address: String?
        }

        public struct Connector: Codable, Equatable, Sendable {
            public var name: String
            /// An unused /28 of the network.
            public var ipCidrRange: String
            public var minInstances: Int?
            public var maxInstances: Int?
            public var machineType: String?
        }
    }
}
