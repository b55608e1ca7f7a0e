import GoogleCloud

/// The Docker repository in Artifact Registry that builds push images to.
public struct ArtifactRepository: KindResource {
    public let repository: Environment.ArtifactRegistry
    public let labels: [String: String]

    public init(_ repository: Environment.ArtifactRegistry, labels: [String: String]) {
        self.repository = repository
        self.labels = labels
    }

    public var identity: ResourceIdentity {
        ResourceIdentity(.artifactRepository, repository.repository, location: repository.location)
    }

    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> ArtifactRegistryAPI.Repository? {
        try await context.artifactRegistry.repository(project: context.project, location: location(of: identity, in: context), id: identity.name)
    }

    /// A repository's location is part of its identity (the environment's, if it has none).
    static func location(of identity: ResourceIdentity, in context: ResourceContext) -> String {
        identity.location ?? context.environment.artifactRegistry.location
    }

    public func differences(from state: ArtifactRegistryAPI.Repository) throws -> [FieldChange] {
        if let format = state.format, format != repository.format {
            throw ImmutableFieldError(resource: id, changes: [FieldChange("format", old: format, new: repository.format)],
                                      advice: "Name another repository in artifactRegistry.repository.")
        }
        var changes = FieldChanges()
        changes.compare("description", observed: state.description ?? "", desired: repository.description)
        changes.compareLabels(observed: state.labels, desired: labels)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let result = try await context.artifactRegistry.createRepository(
            project: context.project, location: repository.location, id: repository.repository,
            description: repository.description, labels: labels)
        if case .created(let operation) = result {
            try await context.artifactRegistry.waitFor(operation, what: "creating repository \(repository.repository)",
                                                       poller: context.poller, progress: context.progress)
        }
    }

    public func update(_ state: ArtifactRegistryAPI.Repository, changes: [FieldChange], in context: ResourceContext) async throws {
        _ = try await context.artifactRegistry.patchRepository(
            project: context.project, location: repository.location, id: repository.repository,
            description: repository.description, labels: labels)
    }

    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        // An operation answered as done may still have failed: waiting reads its error.
        if let operation = try await context.artifactRegistry.deleteRepository(
            project: context.project, location: location(of: identity, in: context), id: identity.name) {
            try await context.artifactRegistry.waitFor(operation, what: "deleting repository \(identity.name)",
                                                       poller: context.poller, progress: context.progress)
        }
    }
}

extension ResourceKind {
    /// Listed and deleted in the environment's Artifact Registry location.
    public static let artifactRepository: ResourceKind = ResourceKind(
        id: "artifact-registry", title: "Artifact Registry repository", plural: "Artifact Registry repositories",
        commandNames: ["repository"], service: "artifactregistry.googleapis.com", priceKeys: [.registryStorage],
        section: .artifactRegistry,
        teardown: Teardown(consequence: "and every image in it", reviewed: "with every image in it"),
        nameProblem: NamingRules.repositoryIDProblem,
        identify: { name, environment in ResourceIdentity(.artifactRepository, name, location: environment.artifactRegistry.location) },
        list: { context, _ in
            // The repositories in the environment's location, images and all.
            let location = context.environment.artifactRegistry.location
            let repositories = try await context.artifactRegistry.repositories(project: context.project, location: location)
            return KindListing(try await repositories.asyncCompactMap { repository in
                guard let id = repository.name?.split(separator: "/").last.map(String.init) else { return nil }
                var details = [repository.format].compactMap { $0 }
                if let size = ByteSizes.parse(repository.sizeBytes) { details.append(ByteCount.format(size)) }
                return FoundResource(ResourceIdentity(.artifactRepository, id, location: location), created: repository.createTime,
                                     labels: repository.labels, ownership: try await Ownership.of(repository, in: context), details: details)
            })
        }, setupPart: .registry,
        declared: { environment, _ in [ArtifactRepository(environment.artifactRegistry, labels: environment.labels)] })
        .deleted(by: ArtifactRepository.self)
        .priced { estimator in [try estimator.artifactRegistry()] }
}

extension StatusSection {
    public static let artifactRegistry = StatusSection(id: "artifactRegistry", title: "Artifact Registry")
}
