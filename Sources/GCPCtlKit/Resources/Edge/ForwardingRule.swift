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

    public struct State: Sendable, OwnershipEvident {
        public var rule: ComputeAPI.ForwardingRule
        /// The address the environment names, read beside the rule: its IP, or nil when it
        /// does not exist yet (the rule cannot be on it). nil when not read (judging whose
        /// the rule is).
        public var declaredIP: String??
        public var ownershipEvidence: Ownership.Evidence { rule.ownershipEvidence }
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> State? {
        try await context.compute.globalForwardingRule(project: context.project, name: identity.name).map { State(rule: $0) }
    }

    /// The rule, and the declared address's IP to compare its own with.
    public func observe(in context: ResourceContext) async throws -> State? {
        async let address = context.compute.globalAddress(project: context.project, name: edge.address)
        guard var state = try await Self.observe(identity, in: context) else {
            _ = try? await address
            return nil
        }
        state.declaredIP = .some(try await address?.address)
        return state
    }

    public func differences(from state: State) throws -> [FieldChange] {
        let rule = state.rule
        // Google answers a single port as a range (`443-443`).
        let ports = rule.portRange.map { range in range.split(separator: "-").count == 2 && Set(range.split(separator: "-")).count == 1
            ? String(range.split(separator: "-")[0]) : range }
        var fixed: [FieldChange] = []
        if let ports, ports != port { fixed.append(FieldChange("portRange", old: ports, new: port)) }
        if case .some(let declared) = state.declaredIP, let own = rule.IPAddress, own != declared {
            fixed.append(FieldChange("IPAddress", old: own, new: declared.map { "\($0) (\(edge.address))" } ?? "the new address \(edge.address)"))
        }
        if !fixed.isEmpty {
            throw ImmutableFieldError(resource: id, changes: fixed,
                                      advice: "A forwarding rule's address and port are fixed: delete it (gcpctl delete forwarding-rule \(id.name)) "
                                          + "and run setup, which makes it anew; point the domain's DNS at the new address.")
        }
        var changes = FieldChanges()
        changes.compare("target", observed: EdgeCompute.normalized(rule.target), desired: target) { ComputeAPI.Reference.name($0) }
        changes.compareLabels(observed: rule.labels, desired: edge.labels)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let rule = ComputeAPI.ForwardingRule(
            name: id.name, description: Ownership.description(for: context.environment),
            address: EdgeCompute.global(project, "addresses", edge.address), port: port, target: target, labels: edge.labels)
        let result = try await context.compute.insertGlobalForwardingRule(project: context.project, rule)
        try await EdgeCompute.created(result, "creating forwarding rule \(id.name)", in: context)
    }

    public func update(_ state: State, changes: [FieldChange], in context: ResourceContext) async throws {
        if changes.contains(where: { $0.field == "target" }) {
            let operation = try await context.compute.setForwardingRuleTarget(project: context.project, name: id.name, target: target)
            try await EdgeCompute.finished(operation, "pointing forwarding rule \(id.name) at \(proxyName)", in: context)
        }
        if changes.contains(where: { $0.field.hasPrefix("labels.") }) {
            let operation = try await context.compute.setForwardingRuleLabels(
                project: context.project, name: id.name, labels: edge.labels, labelFingerprint: state.rule.labelFingerprint ?? "")
            try await EdgeCompute.finished(operation, "labelling forwarding rule \(id.name)", in: context)
        }
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteGlobalForwardingRule(project: context.project, name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "deleting forwarding rule \(identity.name)")
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
