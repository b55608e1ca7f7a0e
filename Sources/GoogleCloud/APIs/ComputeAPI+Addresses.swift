/// Global addresses (https://cloud.google.com/compute/docs/reference/rest/v1/globalAddresses):
/// the internal range reserved for private services access (`purpose` VPC_PEERING) and the
/// load balancer's external address. Only labels change after creation, through `setLabels`
/// with the current `labelFingerprint`.
extension ComputeAPI {
    public struct Address: Codable, Sendable {
        public var name: String?
        public var description: String?
        /// The first address of the range; Google picks a free block when it is not given.
        public var address: String?
        public var prefixLength: Int?
        /// VPC_PEERING for a private services access range.
        public var purpose: String?
        /// INTERNAL or EXTERNAL.
        public var addressType: String?
        public var network: String?
        public var labels: [String: String]?
        public var labelFingerprint: String?
        /// Output: RESERVED or IN_USE.
        public var status: String?
        public var selfLink: String?
        public var creationTimestamp: String?

        /// A range reserved on `network` for Google's service producers.
        public static func peeringRange(name: String, description: String?, network: String, prefixLength: Int,
                                        address: String?, labels: [String: String]) -> Address {
            Address(name: name, description: description, address: address, prefixLength: prefixLength, purpose: "VPC_PEERING",
                    addressType: "INTERNAL", network: network, labels: labels)
        }

        public init(name: String? = nil, description: String? = nil, address: String? = nil, prefixLength: Int? = nil,
                    purpose: String? = nil, addressType: String? = nil, network: String? = nil, labels: [String: String]? = nil) {
            self.name = name
            self.description = description
            self.address = address
            self.prefixLength = prefixLength
            self.purpose = purpose
            self.addressType = addressType
            self.network = network
            self.labels = labels
        }
    }

    public func globalAddress(project: String, name: String) async throws -> Address? {
        try await client.getIfExists(.compute, path(project, "global/addresses/\(name)"))
    }

    public func globalAddresses(project: String) async throws -> [Address] {
        try await list(path(project, "global/addresses"))
    }

    public func insertGlobalAddress(project: String, _ address: Address) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "global/addresses"), address)
    }

    /// Replaces the labels (`GlobalSetLabelsRequest`); 412 when `labelFingerprint` is stale.
    public func setGlobalAddressLabels(project: String, name: String, labels: [String: String], labelFingerprint: String) async throws -> ComputeOperation {
        struct Request: Encodable { var labels: [String: String]; var labelFingerprint: String }
        return try await change(.post, path(project, "global/addresses/\(name)/setLabels"), Request(labels: labels, labelFingerprint: labelFingerprint))
    }

    public func deleteGlobalAddress(project: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "global/addresses/\(name)"))
    }
}
