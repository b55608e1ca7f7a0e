import GoogleCloud

/// The edge's global forwarding rules (https://cloud.google.com/compute/docs/reference/rest/v1/globalForwardingRules):
/// port 443 to the HTTPS proxy and, with the redirect, port 80 to the HTTP proxy, both on
/// the reserved address. Only the target (`setTarget`) and labels change; the address and
/// port are fixed. The first thing cleanup deletes.
public struct ForwardingRule: KindResource {
    public let edge: Environment.Edge
    public let proto: ComputeAPI.ProxyProtocol
    public let project: String

    public var identity: ResourceIdentity { ResourceIdentity(.forwardingRule, proto == .https ? edge.httpsRuleName : edge.httpRuleName) }

    var port: String { proto == .https ? "443" : "80" }
    var proxyName: String { proto == .https ? edge.httpsProxyName : edge.httpProxyName }
    var target: String { "projects/\(project)/global/\(proto.rawValue)/\(proxyName)" }

    public var dependencies: [ResourceID] {
        [ResourceID(.globalAddress, edge.address), ResourceID(proto == .https ? .targetHTTPSProxy : .targetHTTPProxy, proxyName)]
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.ForwardingRule? {
        try await context.compute.globalForwardingRule(project: context.project, name: identity.name)
    }

    public func differences(from state: ComputeAPI.ForwardingRule) throws -> [FieldChange] {
        // Google answers a single port as a range (`443-443`).
        let ports = state.portRange.map { range in range.split(separator: "-").count == 2 && Set(range.split(separator: "-")).count == 1
            ? String(range.split(separator: "-")[0]) : range }
        if let ports, ports != port {
            throw ImmutableFieldError(resource: id, changes: [FieldChange("portRange", old: ports, new: port)],
                                      advice: "A forwarding rule's port is fixed: delete it (gcpctl delete forwarding-rule \(id.name)) and run setup.")
        }
        var changes = FieldChanges()
        changes.compare("target", observed: EdgeCompute.normalized(state.target), desired: target) { ComputeAPI.Reference.name($0) }
        changes.compareLabels(observed: state.labels, desired: edge.labels)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let rule = ComputeAPI.ForwardingRule(
            name: id.name, description: Ownership.description(for: context.environment),
            address: EdgeCompute.global(project, "addresses", edge.address), port: port, target: target, labels: edge.labels)
        let result = try await context.compute.insertGlobalForwardingRule(project: context.project, rule)
        try await EdgeCompute.created(result, "creating forwarding rule \(id.name)", in: context)
    }

    public func update(_ state: ComputeAPI.ForwardingRule, changes: [FieldChange], in context: ResourceContext) async throws {
        if changes.contains(where: { $0.field == "target" }) {
            let operation = try await context.compute.setForwardingRuleTarget(project: context.project, name: id.name, target: target)
            try await EdgeCompute.finished(operation, "pointing forwarding rule \(id.name) at \(proxyName)", in: context)
        }
        if changes.contains(where: { $0.field.hasPrefix("labels.") }) {
            let operation = try await context.compute.setForwardingRuleLabels(
                project: context.project, name: id.name, labels: edge.labels, labelFingerprint: state.labelFingerprint ?? "")
            try await EdgeCompute.finished(operation, "labelling forwarding rule \(id.name)", in: context)
        }
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteGlobalForwardingRule(project: context.project, name: identity.name)
        try await EdgeCompute.deleted(operation, "deleting forwarding rule \(identity.name)", in: context)
    }

    static func list(in context: ResourceContext, detail: ListingDetail) async throws -> KindListing {
        let rules = try await context.compute.globalForwardingRules(project: context.project)
        return try await EdgeCompute.found(rules, in: context) { rule in
            guard let name = rule.name else { return nil }
            return (ResourceIdentity(.forwardingRule, name), rule.creationTimestamp,
                    [rule.IPAddress.map { "\($0):\(rule.portRange ?? "")" }].compactMap { $0 })
        }
    }
}

extension ResourceKind {
    public static let forwardingRule = ResourceKind.edge(
        id: "forwarding-rule", title: "forwarding rule", plural: "forwarding rules", command: "forwarding-rule",
        priceKeys: [.lbForwardingRule, .lbDataProcessing], after: [], list: ForwardingRule.list,
        declared: { environment, _ in
            guard let edge = environment.edge else { return [] }
            return [ForwardingRule(edge: edge, proto: .https, project: environment.project)]
                + (edge.httpsRedirect ? [ForwardingRule(edge: edge, proto: .http, project: environment.project)] : [])
        })
        .deleted(by: ForwardingRule.self)
        .priced { estimator in try estimator.loadBalancer() }
}
