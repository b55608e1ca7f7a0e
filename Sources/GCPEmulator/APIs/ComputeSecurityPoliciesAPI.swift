/// Cloud Armor security policies (https://cloud.google.com/compute/docs/reference/rest/v1/securityPolicies,
/// https://cloud.google.com/armor/docs/security-policy-overview): `type` CLOUD_ARMOR by
/// default; Google adds the default rule (priority 2147483647, allow all) when the policy
/// has none, and it can be changed but not removed. Rules change one at a time, by
/// priority, with `addRule` / `patchRule` / `removeRule` (each an operation), never through
/// `patch`, which needs the current fingerprint. Rule checks follow the discovery document:
/// `deny(STATUS)` with 403, 404 or 502; `throttle` and `rate_based_ban` need
/// `rateLimitOptions`, and `banDurationSec` / `banThreshold` belong to `rate_based_ban`
/// only (https://cloud.google.com/armor/docs/rate-limiting-overview). A policy a backend
/// service uses cannot be deleted.
enum ComputeSecurityPoliciesAPI {
    static let defaultPriority = 2_147_483_647

    static let handlers: [String: APIHandler] = [
        "compute.securityPolicies.get": ComputeResources.get(.securityPolicy),
        "compute.securityPolicies.list": ComputeResources.list(.securityPolicy),
        "compute.securityPolicies.aggregatedList": ComputeResources.aggregatedList(.securityPolicy),
        "compute.securityPolicies.insert": ComputeResources.insert(.securityPolicy) { policy, _, request, _ in
            try refuseValidateOnly(request)
            let type = policy["type"]?.stringValue ?? "CLOUD_ARMOR"
            guard type == "CLOUD_ARMOR" else { throw APIError.unimplemented("The emulator models CLOUD_ARMOR policies only, not \(type).") }
            policy["type"] = .string(type)
            var rules = try (policy["rules"]?.arrayValue ?? []).enumerated().map { try checkedRule($1, field: "resource.rules[\($0)]") }
            try checkDistinctPriorities(rules)
            if !rules.contains(where: { $0["priority"]?.intValue == defaultPriority }) {
                rules.append(checkedDefault(["action": "allow", "priority": .int(defaultPriority), "description": "default rule",
                                             "match": ["versionedExpr": "SRC_IPS_V1", "config": ["srcIpRanges": ["*"]]]]))
            }
            policy["rules"] = .array(sorted(rules))
            policy["labels"] = policy["labels"] ?? [:]
        },
        "compute.securityPolicies.patch": ComputeResources.update(.securityPolicy, type: "patch", fingerprint: true) { policy, _, request, _ in
            if request.body["rules"] != nil {
                throw ComputeErrors.badRequest("Rules cannot be changed with patch; use addRule, patchRule and removeRule.")
            }
            try ComputeResources.merge(&policy, request, immutable: ["type"])
        },
        "compute.securityPolicies.setLabels": ComputeResources.setLabels(.securityPolicy),
        "compute.securityPolicies.getRule": { request, state in
            let policy = try ComputeResources.find(request, .securityPolicy, state)
            let priority = request.query.int("priority") ?? 0
            return .resource(try rule(at: priority, in: policy.value))
        },
        "compute.securityPolicies.addRule": ComputeResources.update(.securityPolicy, type: "addRule") { policy, _, request, _ in
            try refuseValidateOnly(request)
            var rules = policy["rules"]?.arrayValue ?? []
            let rule = try checkedRule(request.body, field: "resource")
            rules.append(rule)
            try checkDistinctPriorities(rules)
            policy["rules"] = .array(sorted(rules))
        },
        "compute.securityPolicies.patchRule": ComputeResources.update(.securityPolicy, type: "patchRule") { policy, _, request, _ in
            try refuseValidateOnly(request)
            let priority = request.query.int("priority") ?? 0
            _ = try rule(at: priority, in: policy)
            var rules = policy["rules"]?.arrayValue ?? []
            let index = rules.firstIndex { $0["priority"]?.intValue == priority }!
            rules[index] = try checkedRule(rules[index].merging(request.body), field: "resource")
            try checkDistinctPriorities(rules)
            policy["rules"] = .array(sorted(rules))
        },
        "compute.securityPolicies.removeRule": ComputeResources.update(.securityPolicy, type: "removeRule") { policy, _, request, _ in
            let priority = request.query.int("priority") ?? 0
            _ = try rule(at: priority, in: policy)
            guard priority != defaultPriority else {
                throw ComputeErrors.invalid(field: "priority", value: String(priority), "The default rule cannot be removed; change its action with patchRule.")
            }
            policy["rules"] = .array((policy["rules"]?.arrayValue ?? []).filter { $0["priority"]?.intValue != priority })
        },
        "compute.securityPolicies.delete": ComputeResources.delete(.securityPolicy),
    ]

    private static func refuseValidateOnly(_ request: APIRequest) throws {
        if request.query.bool("validateOnly") { throw APIError.unimplemented("The emulator does not implement validateOnly.") }
    }

    static func rule(at priority: Int, in policy: JSONValue) throws -> JSONValue {
        guard let rule = policy["rules"]?.arrayValue?.first(where: { $0["priority"]?.intValue == priority }) else {
            throw ComputeErrors.invalid(field: "priority", value: String(priority), "The security policy has no rule with this priority.")
        }
        return rule
    }

    private static func sorted(_ rules: [JSONValue]) -> [JSONValue] {
        rules.sorted { ($0["priority"]?.intValue ?? 0) < ($1["priority"]?.intValue ?? 0) }
    }

    private static func checkDistinctPriorities(_ rules: [JSONValue]) throws {
        var seen = Set<Int>()
        for (index, rule) in rules.enumerated() {
            let priority = rule["priority"]?.intValue ?? 0
            guard seen.insert(priority).inserted else {
                throw ComputeErrors.invalid(field: "resource.rules[\(index)].priority", value: String(priority), "Cannot have rules with the same priorities.")
            }
        }
    }

    private static func checkedDefault(_ rule: JSONValue) -> JSONValue {
        (try? checkedRule(rule, field: "resource")) ?? rule
    }

    /// A rule as Google keeps it (`kind`, `preview` false), or 400 naming the field.
    static func checkedRule(_ rule: JSONValue, field: String) throws -> JSONValue {
        var rule = rule
        let priority = rule["priority"]?.intValue ?? 0
        guard priority >= 0 else { throw ComputeErrors.invalid(field: "\(field).priority", value: String(priority), "Must be between 0 and 2147483647.") }
        guard let action = rule["action"]?.stringValue else { throw ComputeErrors.required("\(field).action") }
        let rateLimited = ["throttle", "rate_based_ban"].contains(action)
        guard ["allow", "deny", "deny(403)", "deny(404)", "deny(502)", "redirect"].contains(action) || rateLimited else {
            throw ComputeErrors.invalid(field: "\(field).action", value: action, "Valid actions are allow, deny(403), deny(404), deny(502), redirect, throttle and rate_based_ban.")
        }
        let match = rule["match"] ?? [:]
        let byRanges = match["versionedExpr"] != nil
        guard byRanges != (match["expr"] != nil) else {
            throw ComputeErrors.invalid(field: "\(field).match", value: match.serialized, "A match has either versionedExpr with config.srcIpRanges, or expr.")
        }
        if byRanges {
            let ranges = match["config"]?["srcIpRanges"]?.arrayValue ?? []
            guard (1...10).contains(ranges.count) else {
                throw ComputeErrors.invalid(field: "\(field).match.config.srcIpRanges", value: String(ranges.count), "A rule matches 1 to 10 source IP ranges.")
            }
        }
        let options = rule["rateLimitOptions"]
        if rateLimited {
            guard let options else { throw ComputeErrors.required("\(field).rateLimitOptions") }
            guard options["rateLimitThreshold"]?["count"] != nil, options["rateLimitThreshold"]?["intervalSec"] != nil else {
                throw ComputeErrors.required("\(field).rateLimitOptions.rateLimitThreshold")
            }
            guard options["conformAction"] == "allow" else {
                throw ComputeErrors.invalid(field: "\(field).rateLimitOptions.conformAction", value: options["conformAction"]?.stringValue ?? "", "The only valid conformAction is allow.")
            }
            let exceed = options["exceedAction"]?.stringValue ?? ""
            guard ["deny(403)", "deny(404)", "deny(429)", "deny(502)", "redirect"].contains(exceed) else {
                throw ComputeErrors.invalid(field: "\(field).rateLimitOptions.exceedAction", value: exceed, "Valid exceedActions are deny(403), deny(404), deny(429), deny(502) and redirect.")
            }
            for ban in ["banDurationSec", "banThreshold"] where action == "throttle" && options[ban] != nil {
                throw ComputeErrors.invalid(field: "\(field).rateLimitOptions.\(ban)", value: options[ban]?.serialized ?? "", "Can only be specified if the action for the rule is rate_based_ban.")
            }
        } else if options != nil {
            throw ComputeErrors.invalid(field: "\(field).rateLimitOptions", value: action, "rateLimitOptions belong to throttle and rate_based_ban rules.")
        }
        rule["kind"] = "compute#securityPolicyRule"
        rule["priority"] = .int(priority)
        rule["preview"] = rule["preview"] ?? false
        return rule
    }
}

extension ComputeKind {
    static let securityPolicy = ComputeKind(
        collection: "compute.securityPolicies", segment: "securityPolicies", kind: "compute#securityPolicy",
        noun: "security_policy", scope: .global, parameter: "securityPolicy",
        aggregatedKind: "compute#securityPoliciesAggregatedList", scopedKey: "securityPolicies", fingerprinted: true, hasLabels: true)
}
