/// Global forwarding rules (https://cloud.google.com/compute/docs/reference/rest/v1/globalForwardingRules)
/// for a load balancer: `target` an existing target HTTP(S) proxy (changed with
/// `setTarget`); `IPAddress` a reserved global address (by URL, answered as the address
/// itself, as Google does) or an ephemeral one; `portRange` answered as a range (`443` →
/// `443-443`); `IPProtocol` TCP, `networkTier` PREMIUM and `loadBalancingScheme` EXTERNAL
/// by default; labels through `setLabels`.
enum ComputeForwardingRulesAPI {
    static let handlers: [String: APIHandler] = [
        "compute.globalForwardingRules.get": ComputeResources.get(.globalForwardingRule),
        "compute.globalForwardingRules.list": ComputeResources.list(.globalForwardingRule),
        "compute.forwardingRules.aggregatedList": ComputeResources.aggregatedList(.globalForwardingRule),
        "compute.globalForwardingRules.insert": ComputeResources.insert(.globalForwardingRule, prepare: prepare),
        "compute.globalForwardingRules.setTarget": ComputeResources.update(.globalForwardingRule, type: "setTarget") { rule, target, request, state in
            rule["target"] = request.body["target"] ?? .null
            try checkTarget(&rule, field: "target", project: target.project, state: state)
        },
        "compute.globalForwardingRules.setLabels": ComputeResources.setLabels(.globalForwardingRule),
        "compute.globalForwardingRules.delete": ComputeResources.delete(.globalForwardingRule),
    ]

    private static func prepare(_ rule: inout JSONValue, _ target: ComputeResources.Target, _ request: APIRequest, _ state: inout EmulatorState) throws {
        try checkTarget(&rule, field: "resource.target", project: target.project, state: state)
        let defaults: JSONValue = ["IPProtocol": "TCP", "loadBalancingScheme": "EXTERNAL", "networkTier": "PREMIUM", "labels": [:]]
        rule = defaults.merging(rule)
        guard rule["IPProtocol"] == "TCP" else {
            throw ComputeErrors.invalid(field: "resource.IPProtocol", value: rule["IPProtocol"]?.stringValue ?? "", "A forwarding rule to a target HTTP(S) proxy uses TCP.")
        }
        guard let ports = rule["portRange"]?.stringValue else { throw ComputeErrors.required("resource.portRange") }
        rule["portRange"] = .string(try portRange(ports))
        if let given = rule["IPAddress"]?.stringValue, ComputeCIDR.address(given) == nil {
            let url = try ComputeResources.resolve(given, field: "resource.IPAddress", kinds: [.globalAddress], project: target.project, state: state)
            let address = ComputeResources.stored(url, .globalAddress, state: state)
            guard address?["addressType"] == "EXTERNAL" else {
                throw ComputeErrors.invalid(field: "resource.IPAddress", value: given, "A global forwarding rule takes an EXTERNAL address.")
            }
            rule["IPAddress"] = address?["address"] ?? .null
            rule["@address"] = .string(url)
        } else if rule["IPAddress"] == nil {
            let hash = Checksums.crc32c(Array("\(target.project)/forwardingRule/\(target.name)".utf8))
            rule["IPAddress"] = .string("35.\(hash >> 16 & 0xFF).\(hash >> 8 & 0xFF).\(max(1, hash & 0xFF))")
        }
        rule["ipVersion"] = nil
    }

    private static func checkTarget(_ rule: inout JSONValue, field: String, project: String, state: EmulatorState) throws {
        guard let target = rule["target"]?.stringValue else { throw ComputeErrors.required(field) }
        rule["target"] = .string(try ComputeResources.resolve(target, field: field, kinds: [.targetHttpsProxy, .targetHttpProxy], project: project, state: state))
    }

    /// `443` → `443-443`; `8000-8080` kept; anything else 400.
    private static func portRange(_ text: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.map { (1...65535).contains($0) } ?? false }), parts.first! ?? 0 <= parts.last! ?? 0 else {
            throw ComputeErrors.invalid(field: "resource.portRange", value: text, "Must be a port or a range such as 8080-8090.")
        }
        return "\(parts.first!!)-\(parts.last!!)"
    }
}

extension ComputeKind {
    static let globalForwardingRule = ComputeKind(
        collection: "compute.globalForwardingRules", segment: "forwardingRules", kind: "compute#forwardingRule",
        noun: "forwarding_rule", scope: .global, parameter: "forwardingRule",
        aggregatedKind: "compute#forwardingRuleAggregatedList", scopedKey: "forwardingRules", fingerprinted: true, hasLabels: true)
}
