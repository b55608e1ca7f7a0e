import GoogleCloud

/// A serverless network endpoint group for one Cloud Run service
/// (https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts): regional,
/// in the environment's region; every field fixed, so a different service means deleting
/// it (after its backend service lets go of it) and making it again.
public struct ServerlessNEG: KindResource {
    public let edge: Environment.Edge
    public let service: String
    public let region: String

    public var identity: ResourceIdentity { ResourceIdentity(.serverlessNEG, edge.negName(for: service), location: region) }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ComputeAPI.NetworkEndpointGroup? {
        try await context.compute.networkEndpointGroup(project: context.project, region: region(of: identity, in: context), name: identity.name)
    }

    static func region(of identity: ResourceIdentity, in context: ResourceContext) -> String {
        identity.location ?? context.environment.region
    }

    public func differences(from state: ComputeAPI.NetworkEndpointGroup) throws -> [FieldChange] {
        var changes = FieldChanges()
        changes.compare("networkEndpointType", observed: state.networkEndpointType, desired: "SERVERLESS")
        changes.compare("cloudRun.service", observed: state.cloudRun?.service, desired: service)
        guard changes.all.isEmpty else {
            throw ImmutableFieldError(resource: id, changes: changes.all,
                                      advice: "A network endpoint group cannot be changed: delete it (gcpctl delete neg \(id.name)) once its backend service no longer uses it, then run setup.")
        }
        return []
    }

    public func create(in context: ResourceContext) async throws {
        let group = ComputeAPI.NetworkEndpointGroup(name: id.name, description: Ownership.description(for: context.environment),
                                                    cloudRunService: service)
        let result = try await context.compute.insertNetworkEndpointGroup(project: context.project, region: region, group)
        try await EdgeCompute.created(result, "creating network endpoint group \(id.name)", in: context)
    }

    /// Nothing changes in place: `differences` refuses instead.
    public func update(_ state: ComputeAPI.NetworkEndpointGroup, changes: [FieldChange], in context: ResourceContext) async throws {}

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let operation = try await context.compute.deleteNetworkEndpointGroup(
            project: context.project, region: region(of: identity, in: context), name: identity.name)
        try await context.waitForComputeDeletion(operation, what: "deleting network endpoint group \(identity.name)")
    }

    static func list(in context: ResourceContext, detail: ListingDetail) async throws -> KindListing {
        let region = context.environment.region
        let groups = try await context.compute.networkEndpointGroups(project: context.project, region: region)
        return try await EdgeCompute.found(groups, in: context) { group in
            guard let name = group.name, group.networkEndpointType == "SERVERLESS" else { return nil }
            return (ResourceIdentity(.serverlessNEG, name, location: region), group.creationTimestamp,
                    [group.cloudRun?.service.map { "Cloud Run \($0)" }].compactMap { $0 })
        }
    }
}

extension ResourceKind {
    public static let serverlessNEG = ResourceKind.edge(
        id: "serverless-neg", title: "serverless network endpoint group", plural: "serverless network endpoint groups", command: "neg",
        after: ["backend-service"], regional: true, list: ServerlessNEG.list,
        declared: { environment, _ in
            guard let edge = environment.edge else { return [] }
            return edge.services.map { ServerlessNEG(edge: edge, service: $0, region: environment.region) }
        })
        .deleted(by: ServerlessNEG.self)
}
