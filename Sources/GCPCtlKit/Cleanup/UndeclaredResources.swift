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
    typealias Listed = [(name: String, labels: [String: String]?)]

    static func find(in context: ResourceContext) async -> [UndeclaredResource] {
        let environment = context.environment, project = context.project
        async let services = undeclared(.cloudRunService, declared: environment.services.map(\.name), in: context) {
            try await context.cloudRun.services(project: project, region: environment.region).map { ($0.id, $0.labels) }
        }
        async let instances = undeclared(.sqlInstance, declared: [environment.cloudSQL?.instance].compactMap { $0 }, in: context) {
            try await context.sqlAdmin.instances(project: project).compactMap { instance in
                instance.name.map { ($0, instance.settings?.userLabels) }
            }
        }
        // The build's staging and logs buckets carry the environment's labels; setup makes
        // them, though the file does not name them.
        let buildBuckets = [StagingBucket.name(project: project), BuildLogsBucket(environment: environment).name]
        async let buckets = undeclared(.bucket, declared: environment.buckets.map(\.name) + buildBuckets, in: context) {
            try await context.storage.buckets(project: project).compactMap { bucket in bucket.name.map { ($0, bucket.labels) } }
        }
        async let secrets = undeclared(.secret, declared: environment.secrets.map(\.id), in: context) {
            try await context.secretManager.secrets(project: project).map { ($0.id, $0.labels) }
        }
        async let repositories = undeclared(.artifactRepository, declared: [environment.artifactRegistry.repository], in: context) {
            try await context.artifactRegistry.repositories(project: project, location: environment.artifactRegistry.location)
                .compactMap { repository in repository.name?.split(separator: "/").last.map { (String($0), repository.labels) } }
        }
        let all = await [services, instances, buckets, secrets, repositories]
        return all.flatMap { $0 }
    }

    /// The listed resources of `kind` that are this environment's and not declared.
    private static func undeclared(_ kind: ResourceKind, declared: [String], in context: ResourceContext,
                                   _ list: @Sendable () async throws -> Listed) async -> [UndeclaredResource] {
        guard let listed = try? await list() else { return [] }
        return listed.filter { resource in
            // Listed by project, so held by it: the labels decide (Ownership's one rule).
            !declared.contains(resource.name)
                && Ownership.of(.labels(resource.labels), in: context.environment, projectNumber: nil) == .environment
        }.map { UndeclaredResource(kind: kind, name: $0.name) }.sorted { $0.name < $1.name }
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
