import GoogleCloud

/// The Cloud Armor policy on every backend service (https://cloud.google.com/armor/docs/security-policy-overview):
/// the allowed source ranges first (priority 100), a rate limit per client IP (1000,
/// https://cloud.google.com/armor/docs/rate-limiting-overview), then one deny(403) rule per
/// preconfigured WAF rule (2000 on, https://cloud.google.com/armor/docs/waf-rules). Google's
/// default rule (allow everything else) always exists; only its action is compared.
public struct SecurityPolicy: KindResource {
    public let armor: Environment.Edge.Armor
    public let labels: [String: String]

    public typealias Rule = ComputeAPI.SecurityPolicyRule
    static let defaultPriority = 2_147_483_647

    public var identity: ResourceIdentity { ResourceIdentity(.securityPolicy, armor.policy) }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.SecurityPolicy? {
        try await context.compute.securityPolicy(project: context.project, name: identity.name)
    }

    /// The rules the file declares, by priority (the default rule not among them).
    var rules: [Rule] {
        var rules: [Rule] = []
        if !armor.allow.isEmpty {
            rules.append(Rule(priority: 100, description: "allowed sources", action: "allow",
                              match: .init(versionedExpr: "SRC_IPS_V1", config: .init(srcIpRanges: armor.allow))))
        }
        if let limit = armor.rateLimit {
            rules.append(Rule(
                priority: 1000, description: "rate limit per client IP", action: "throttle",
                match: .init(versionedExpr: "SRC_IPS_V1", config: .init(srcIpRanges: ["*"])),
                rateLimitOptions: .init(conformAction: "allow", exceedAction: limit.exceed, enforceOnKey: "IP",
                                        threshold: .init(count: limit.count, intervalSec: limit.intervalSec))))
        }
        for (index, waf) in armor.waf.enumerated() {
            rules.append(Rule(priority: 2000 + index, description: "preconfigured WAF \(waf)", action: "deny(403)",
                              match: .init(expr: .init(expression: "evaluatePreconfiguredWaf('\(waf)')"))))
        }
        return rules
    }

    public func differences(from state: ComputeAPI.SecurityPolicy) throws -> [FieldChange] {
        var changes = FieldChanges()
        let observed = Dictionary((state.rules ?? []).map { ($0.priority ?? 0, $0) }) { first, _ in first }
        let desired = Dictionary(uniqueKeysWithValues: rules.map { ($0.priority ?? 0, $0) })
        for priority in Set(observed.keys).union(desired.keys).sorted() where priority != Self.defaultPriority {
            changes.compare("rules[\(priority)]", observed: observed[priority].map(Self.describe), desired: desired[priority].map(Self.describe))
        }
        changes.compare("rules[default].action", observed: observed[Self.defaultPriority]?.action ?? "allow", desired: "allow")
        changes.compareLabels(observed: state.labels, desired: labels)
        return changes.all
    }

    /// A rule as the plan shows it and as it is compared: what it matches and what it does
    /// (Google's echo adds `kind` and `preview`, which are not compared).
    static func describe(_ rule: Rule) -> String {
        var match = rule.match?.expr?.expression ?? "source \((rule.match?.config?.srcIpRanges ?? []).joined(separator: ","))"
        if let options = rule.rateLimitOptions {
            let threshold = options.rateLimitThreshold
            match += ", \(threshold?.count ?? 0) per \(threshold?.intervalSec ?? 0)s per \(options.enforceOnKey ?? "ALL")"
                + " (\(options.conformAction ?? "?") / \(options.exceedAction ?? "?"))"
        }
        return "\(rule.action ?? "?") \(match)"
    }

    public func create(in context: ResourceContext) async throws {
        let policy = ComputeAPI.SecurityPolicy(name: armor.policy, description: Ownership.description(for: context.environment),
                                               rules: rules, labels: labels)
        let result = try await context.compute.insertSecurityPolicy(project: context.project, policy)
        try await EdgeCompute.created(result, "creating Cloud Armor policy \(armor.policy)", in: context)
    }

    /// Rule by rule, one operation at a time (Google changes one policy serially), then labels.
    public func update(_ state: ComputeAPI.SecurityPolicy, changes: [FieldChange], in context: ResourceContext) async throws {
        let compute = context.compute, project = context.project, name = armor.policy
        let observed = Dictionary((state.rules ?? []).map { ($0.priority ?? 0, $0) }) { first, _ in first }
        let desired = Dictionary(uniqueKeysWithValues: rules.map { ($0.priority ?? 0, $0) })
        for priority in Set(observed.keys).union(desired.keys).sorted() where priority != Self.defaultPriority {
            let operation: ComputeOperation
            switch (observed[priority], desired[priority]) {
            case (nil, let rule?): operation = try await compute.addSecurityPolicyRule(project: project, policy: name, rule)
            case (_?, nil): operation = try await compute.removeSecurityPolicyRule(project: project, policy: name, priority: priority)
            case (let old?, let rule?) where Self.describe(old) != Self.describe(rule):
                operation = try await compute.patchSecurityPolicyRule(project: project, policy: name, priority: priority, rule)
            default: continue
            }
            try await EdgeCompute.finished(operation, "changing rule \(priority) of Cloud Armor policy \(name)", in: context)
        }
        if let rule = observed[Self.defaultPriority], rule.action != "allow" {
            var allow = rule
            allow.action = "allow"
            let operation = try await compute.patchSecurityPolicyRule(project: project, policy: name, priority: Self.defaultPriority, allow)
            try await EdgeCompute.finished(operation, "changing the default rule of Cloud Armor policy \(name)", in: context)
        }
        if changes.contains(where: { $0.field.hasPrefix("labels.") }) {
            let operation = try await compute.setSecurityPolicyLabels(project: project, name: name, labels: labels,
                                                                      labelFingerprint: state.labelFingerprint ?? "")
            try await EdgeCompute.finished(operation, "labelling Cloud Armor policy \(name)", in: context)
        }
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteSecurityPolicy(project: context.project, name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "deleting Cloud Armor policy \(identity.name)")
    }

    static func list(in context: ResourceContext, detail: ListingDetail) async throws -> KindListing {
        let policies = try await context.compute.securityPolicies(project: context.project)
        return try await EdgeCompute.found(policies, in: context) { policy in
            guard let name = policy.name else { return nil }
            let count = policy.rules?.count ?? 0
            return (ResourceIdentity(.securityPolicy, name), policy.creationTimestamp, ["\(count) rule\(count == 1 ? "" : "s")"])
        }
    }
}

extension ResourceKind {
    public static let securityPolicy = ResourceKind.edge(
        id: "security-policy", title: "Cloud Armor policy", plural: "Cloud Armor policies", command: "security-policy",
        priceKeys: [.armorPolicy, .armorRule, .armorRequests], after: ["backend-service"], list: SecurityPolicy.list,
        declared: { environment, _ in
            guard let edge = environment.edge, let armor = edge.armor else { return [] }
            return [SecurityPolicy(armor: armor, labels: edge.labels)]
        })
        .deleted(by: SecurityPolicy.self)
        .priced { estimator in try estimator.cloudArmor() }
}
