import GoogleCloud

/// What gcpctl made for this environment (labels managed-by=gcpctl and gcpctl-env=<short
/// name>) that the environment no longer declares: a bucket renamed in the file, a service
/// removed from it. Setup never deletes them; plan and status show them as "not declared:
/// cleanup offers it". One list a kind, all at once; a kind that cannot be listed (its API
/// off, no permission) is left out: this is a hint, not a check.
public struct UndeclaredResource: Sendable, Equatable, Encodable {
    public var kind: ResourceKind
    public var name: String

    /// `bucket clone-old-dev`.
    public var title: String { "\(kind.title) \(name)" }

    public static let note = "not declared: cleanup offers it"
}

enum UndeclaredResources {
    /// The kinds looked at, each with the names the environment declares of it, in the
    /// order they are shown.
    static func declared(by environment: Environment, project: String) -> [(kind: ResourceKind, names: Set<String>)] {
        // The build's staging and logs buckets carry the environment's labels; setup makes
        // them, though the file does not name them.
        let buildBuckets = [StagingBucket.name(project: project), BuildLogsBucket(environment: environment).name]
        return [
            (.cloudRunService, Set(environment.services.map(\.name))),
            (.sqlInstance, Set([environment.cloudSQL?.instance].compactMap { $0 })),
            (.sqlReplica, Set(environment.cloudSQL?.replicas.map(\.instance) ?? [])),
            (.redisInstance, Set([environment.redis?.instance].compactMap { $0 })),
            (.bucket, Set(environment.buckets.map(\.name) + buildBuckets)),
            (.secret, Set(environment.secrets.map(\.id))),
            (.artifactRepository, [environment.artifactRegistry.repository]),
        ]
    }

    static func find(in context: ResourceContext) async -> [UndeclaredResource] {
        let kinds = declared(by: context.environment, project: context.project)
        let found = await withTaskGroup(of: (Int, [UndeclaredResource]).self) { group in
            for (index, (kind, names)) in kinds.enumerated() {
                group.addTask { (index, await undeclared(kind, declared: names, in: context)) }
            }
            return await group.reduce(into: [(Int, [UndeclaredResource])]()) { $0.append($1) }
        }
        return found.sorted { $0.0 < $1.0 }.flatMap { $0.1 }
    }

    /// The listed resources of `kind` (its brief listing) that are this environment's and
    /// not declared.
    private static func undeclared(_ kind: ResourceKind, declared: Set<String>, in context: ResourceContext) async -> [UndeclaredResource] {
        guard let list = kind.list, let listing = try? await list(context, .brief) else { return [] }
        return listing.found.filter { !declared.contains($0.identity.name) && $0.ownership == .environment }
            .map { UndeclaredResource(kind: kind, name: $0.identity.name) }.sorted { $0.name < $1.name }
    }
}

extension UndeclaredResources {
    /// Status's rows for them: information, never a reason to be unhealthy.
    static let statusCheck = StatusCheck(section: .undeclared, kind: "not-declared", name: "not declared") { context in
        await find(in: context).map { resource in
            StatusRow(section: .undeclared, kind: resource.kind.id, name: resource.title, state: .info,
                      reason: UndeclaredResource.note, fix: .command("gcpctl cleanup --env=\(context.environment.shortName)"))
        }
    }
}

extension StatusSection {
    /// This environment's resources that it no longer declares (information only).
    public static let undeclared = StatusSection(id: "undeclared", title: "Not declared")
}
