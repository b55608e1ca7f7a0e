/// Global forwarding rules (https://cloud.google.com/compute/docs/reference/rest/v1/globalForwardingRules):
/// an address and port to a target proxy. Only `target` (`setTarget`) and labels
/// (`setLabels`) change; Google answers `IPAddress` as the address itself, not its URL.
extension ComputeAPI {
    public struct ForwardingRule: Codable, Sendable {
        public var name: String?
        public var description: String?
        /// A reserved address's URL when inserted; the IP address when read.
        public var IPAddress: String?
        public var IPProtocol: String?
        /// `443` inserted, `443-443` answered.
        public var portRange: String?
        public var target: String?
        public var loadBalancingScheme: String?
        public var networkTier: String?
        public var labels: [String: String]?
        public var labelFingerprint: String?
        public var selfLink: String?
        public var creationTimestamp: String?

        public init(name: String, description: String?, address: String, port: String, target: String, labels: [String: String]) {
            self.name = name
            self.description = description
            self.IPAddress = address
            self.IPProtocol = "TCP"
            self.portRange = port
            self.target = target
            self.loadBalancingScheme = "EXTERNAL_MANAGED"
            self.networkTier = "PREMIUM"
            self.labels = labels
        }
    }

    public func globalForwardingRule(project: String, name: String) async throws -> ForwardingRule? {
        try await client.getIfExists(.compute, path(project, "global/forwardingRules/\(name)"))
    }

    public func globalForwardingRules(project: String) async throws -> [ForwardingRule] {
        try await list(path(project, "global/forwardingRules"))
    }

    public func insertGlobalForwardingRule(project: String, _ rule: ForwardingRule) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "global/forwardingRules"), rule)
    }

    /// `TargetReference {target}`.
    public func setForwardingRuleTarget(project: String, name: String, target: String) async throws -> ComputeOperation {
        struct Request: Encodable { var target: String }
        return try await change(.post, path(project, "global/forwardingRules/\(name)/setTarget"), Request(target: target))
    }

    public func setForwardingRuleLabels(project: String, name: String, labels: [String: String], labelFingerprint: String) async throws -> ComputeOperation {
        try await setLabels(path(project, "global/forwardingRules/\(name)/setLabels"), labels: labels, labelFingerprint: labelFingerprint)
    }

    public func deleteGlobalForwardingRule(project: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "global/forwardingRules/\(name)"))
    }
}
