/// Cloud Armor security policies (https://cloud.google.com/compute/docs/reference/rest/v1/securityPolicies):
/// rules change one at a time by priority (`addRule`, `patchRule?priority=N`,
/// `removeRule?priority=N`, each an operation); the default rule (priority 2147483647)
/// always exists and can only be patched; labels change through `setLabels`.
extension ComputeAPI {
    public struct SecurityPolicy: Codable, Sendable {
        public var name: String?
        public var description: String?
        /// CLOUD_ARMOR: the backend-service policy.
        public var type: String?
        public var rules: [SecurityPolicyRule]?
        public var labels: [String: String]?
        public var labelFingerprint: String?
        public var fingerprint: String?
        public var selfLink: String?
        public var creationTimestamp: String?

        public init(name: String, description: String?, rules: [SecurityPolicyRule], labels: [String: String]) {
            self.name = name
            self.description = description
            self.type = "CLOUD_ARMOR"
            self.rules = rules
            self.labels = labels
        }
    }

    /// One rule (`SecurityPolicyRule`): what it matches, by source ranges or by an
    /// expression, and what it does.
    public struct SecurityPolicyRule: Codable, Sendable, Equatable {
        public var priority: Int?
        public var description: String?
        /// allow, deny(403), throttle, rate_based_ban…
        public var action: String?
        public var match: Match?
        public var rateLimitOptions: RateLimitOptions?
        public var preview: Bool?

        public struct Match: Codable, Sendable, Equatable {
            /// SRC_IPS_V1 with `config.srcIpRanges`, or nil with `expr`.
            public var versionedExpr: String?
            public var config: Config?
            public var expr: Expression?
            public init(versionedExpr: String? = nil, config: Config? = nil, expr: Expression? = nil) {
                self.versionedExpr = versionedExpr
                self.config = config
                self.expr = expr
            }
        }

        public struct Config: Codable, Sendable, Equatable {
            public var srcIpRanges: [String]?
            public init(srcIpRanges: [String]) { self.srcIpRanges = srcIpRanges }
        }

        public struct Expression: Codable, Sendable, Equatable {
            public var expression: String?
            public init(expression: String) { self.expression = expression }
        }

        public struct RateLimitOptions: Codable, Sendable, Equatable {
            public var conformAction: String?
            public var exceedAction: String?
            /// IP: each client address is counted on its own.
            public var enforceOnKey: String?
            public var rateLimitThreshold: Threshold?
            public init(conformAction: String, exceedAction: String, enforceOnKey: String, threshold: Threshold) {
                self.conformAction = conformAction
                self.exceedAction = exceedAction
                self.enforceOnKey = enforceOnKey
                self.rateLimitThreshold = threshold
            }
        }

        public struct Threshold: Codable, Sendable, Equatable {
            public var count: Int?
            public var intervalSec: Int?
            public init(count: Int, intervalSec: Int) {
                self.count = count
                self.intervalSec = intervalSec
            }
        }

        public init(priority: Int, description: String?, action: String, match: Match, rateLimitOptions: RateLimitOptions? = nil) {
            self.priority = priority
            self.description = description
            self.action = action
            self.match = match
            self.rateLimitOptions = rateLimitOptions
        }
    }

    public func securityPolicy(project: String, name: String) async throws -> SecurityPolicy? {
        try await client.getIfExists(.compute, path(project, "global/securityPolicies/\(name)"))
    }

    public func securityPolicies(project: String) async throws -> [SecurityPolicy] {
        try await list(path(project, "global/securityPolicies"))
    }

    public func insertSecurityPolicy(project: String, _ policy: SecurityPolicy) async throws -> CreateResult<ComputeOperation> {
        try await insert(path(project, "global/securityPolicies"), policy)
    }

    /// `addRule` takes no `requestId` (the discovery document has none).
    public func addSecurityPolicyRule(project: String, policy: String, _ rule: SecurityPolicyRule) async throws -> ComputeOperation {
        try await client.decode(GoogleCall(.post, .compute, path(project, "global/securityPolicies/\(policy)/addRule"), json: rule))
    }

    /// Replaces the rule at `priority` with `rule`.
    public func patchSecurityPolicyRule(project: String, policy: String, priority: Int, _ rule: SecurityPolicyRule) async throws -> ComputeOperation {
        try await client.decode(GoogleCall(
            .post, .compute, path(project, "global/securityPolicies/\(policy)/patchRule"),
            query: [("priority", String(priority))], json: rule, idempotency: .idempotent))
    }

    public func removeSecurityPolicyRule(project: String, policy: String, priority: Int) async throws -> ComputeOperation {
        try await client.decode(GoogleCall(
            .post, .compute, path(project, "global/securityPolicies/\(policy)/removeRule"),
            query: [("priority", String(priority))], idempotency: .idempotent))
    }

    /// Replaces the labels (`GlobalSetLabelsRequest`); 412 when `labelFingerprint` is stale.
    public func setSecurityPolicyLabels(project: String, name: String, labels: [String: String], labelFingerprint: String) async throws -> ComputeOperation {
        try await setLabels(path(project, "global/securityPolicies/\(name)/setLabels"), labels: labels, labelFingerprint: labelFingerprint)
    }

    public func deleteSecurityPolicy(project: String, name: String) async throws -> ComputeOperation? {
        try await remove(path(project, "global/securityPolicies/\(name)"))
    }
}

extension ComputeAPI {
    /// `setLabels` (`GlobalSetLabelsRequest`: the whole set and the fingerprint it replaces);
    /// the method takes no `requestId`, and the fingerprint makes a repeat fail with 412.
    func setLabels(_ path: APIPath, labels: [String: String], labelFingerprint: String) async throws -> ComputeOperation {
        struct Request: Encodable { var labels: [String: String]; var labelFingerprint: String }
        return try await client.decode(GoogleCall(.post, .compute, path, json: Request(labels: labels, labelFingerprint: labelFingerprint),
                                                  idempotency: .idempotent))
    }
}
