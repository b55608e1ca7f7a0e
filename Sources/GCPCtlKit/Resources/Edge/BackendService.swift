import GoogleCloud

/// The backend service of one public Cloud Run service (https://cloud.google.com/load-balancing/docs/https/setting-up-https-serverless):
/// `EXTERNAL_MANAGED`, its serverless NEG as the only backend, request logging on, and the
/// Cloud Armor policy attached with `setSecurityPolicy` right after it is made. No health
/// check: serverless NEGs are not health-checked.
public struct BackendService: KindResource {
    public let edge: Environment.Edge
    public let service: String
    public let project: String
    public let region: String

    static let scheme = "EXTERNAL_MANAGED"

    public var identity: ResourceIdentity { ResourceIdentity(.backendService, edge.backendName(for: service)) }

    public var dependencies: [ResourceID] {
        [ResourceID(.serverlessNEG, edge.negName(for: service))] + (edge.armor.map { [ResourceID(.securityPolicy, $0.policy)] } ?? [])
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.BackendService? {
        try await context.compute.backendService(project: context.project, name: identity.name)
    }

    var group: String {
        EdgeCompute.regional(project, region, "networkEndpointGroups", edge.negName(for: service))
    }

    var policy: String? {
        edge.armor.map { EdgeCompute.global(project, "securityPolicies", $0.policy) }
    }

    public func differences(from state: ComputeAPI.BackendService) throws -> [FieldChange] {
        if let scheme = state.loadBalancingScheme, scheme != Self.scheme {
            throw ImmutableFieldError(resource: id, changes: [FieldChange("loadBalancingScheme", old: scheme, new: Self.scheme)],
                                      advice: "The scheme is fixed: delete the backend service (gcpctl delete backend-service \(id.name)) and run setup.")
        }
        var changes = FieldChanges()
        changes.compare("backends", observed: (state.backends ?? []).compactMap { EdgeCompute.normalized($0.group) },
                        desired: [group]) { $0.map(ComputeAPI.Reference.name).joined(separator: ", ") }
        changes.compare("logConfig.enable", observed: state.logConfig?.enable ?? false, desired: true)
        changes.compare("securityPolicy", observed: EdgeCompute.shortName(state.securityPolicy), desired: edge.armor?.policy)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let body = ComputeAPI.BackendService(name: id.name, description: Ownership.description(for: context.environment),
                                             loadBalancingScheme: Self.scheme, groups: [group], logging: true)
        let result = try await context.compute.insertBackendService(project: context.project, body)
        try await EdgeCompute.created(result, "creating backend service \(id.name)", in: context)
        if let policy = policy { try await attach(policy, in: context) }
    }

    public func update(_ state: ComputeAPI.BackendService, changes: [FieldChange], in context: ResourceContext) async throws {
        if changes.contains(where: { $0.field != "securityPolicy" }) {
            var body = ComputeAPI.BackendService(name: nil, description: nil, loadBalancingScheme: nil,
                                                 groups: [group], logging: true)
            body.fingerprint = state.fingerprint
            let operation = try await context.compute.patchBackendService(project: context.project, name: id.name, body)
            try await EdgeCompute.finished(operation, "updating backend service \(id.name)", in: context)
        }
        if changes.contains(where: { $0.field == "securityPolicy" }) { try await attach(policy, in: context) }
    }

    private func attach(_ policy: String?, in context: ResourceContext) async throws {
        let operation = try await context.compute.setSecurityPolicy(project: context.project, backendService: id.name, policy: policy)
        try await EdgeCompute.finished(operation, "attaching Cloud Armor policy to \(id.name)", in: context)
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteBackendService(project: context.project, name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "deleting backend service \(identity.name)")
    }

    static func list(in context: ResourceContext, detail: ListingDetail) async throws -> KindListing {
        let services = try await context.compute.backendServices(project: context.project)
        return try await EdgeCompute.found(services, in: context) { service in
            guard let name = service.name else { return nil }
            let policy = EdgeCompute.shortName(service.securityPolicy).map { "Cloud Armor \($0)" }
            return (ResourceIdentity(.backendService, name), service.creationTimestamp, [service.loadBalancingScheme, policy].compactMap { $0 })
        }
    }
}

extension ResourceKind {
    public static let backendService = ResourceKind.edge(
        id: "backend-service", title: "backend service", plural: "backend services", command: "backend-service",
        after: ["url-map"], list: BackendService.list,
        declared: { environment, _ in
            guard let edge = environment.edge else { return [] }
            return edge.services.map { BackendService(edge: edge, service: $0, project: environment.project, region: environment.region) }
        })
        .deleted(by: BackendService.self)
}
