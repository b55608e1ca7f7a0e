import GoogleCloud

/// A kind `gcpctl adopt` can mark as the environment's, changing nothing else: the labels
/// it declares are added to those it has (none removed), or an account's description set.
/// Setup adopts by applying every difference instead (`Adoption` in its plan).
protocol Adoptable: Resource where State: OwnershipEvident {
    /// The labels the environment gives this resource.
    var declaredLabels: [String: String] { get }
    /// What adopting `state` changes: label additions, or an account's description.
    func adoptionChanges(_ state: State) -> [FieldChange]
    func adopt(_ state: State, labels: [String: String], in context: ResourceContext) async throws
}

extension Adoptable {
    /// The label-only change adopting `state` makes: the declared labels over the observed.
    func adoptionChanges(_ state: State) -> [FieldChange] {
        var changes = FieldChanges()
        let observed = state.ownershipEvidence.labels ?? [:]
        changes.compareLabels(observed: observed, desired: observed.merging(declaredLabels) { _, declared in declared })
        return changes.all
    }
}

extension StorageBucket: Adoptable {
    var declaredLabels: [String: String] { bucket.labels }

    func adopt(_ state: StorageAPI.Bucket, labels: [String: String], in context: ResourceContext) async throws {
        _ = try await context.storage.patchBucket(bucket.name, body: .object(["labels": .object(labels.mapValues(JSONValue.string))]))
    }
}

extension ManagedSecret: Adoptable {
    var declaredLabels: [String: String] { secret.labels }

    func adopt(_ state: State, labels: [String: String], in context: ResourceContext) async throws {
        _ = try await context.secretManager.patchLabels(project: context.project, id: secret.id, labels: labels)
    }
}

extension ArtifactRepository: Adoptable {
    var declaredLabels: [String: String] { labels }

    func adopt(_ state: ArtifactRegistryAPI.Repository, labels: [String: String], in context: ResourceContext) async throws {
        _ = try await context.artifactRegistry.patchRepository(project: context.project, location: repository.location,
                                                               id: repository.repository, description: nil, labels: labels)
    }
}

extension SQLInstance: Adoptable {
    var declaredLabels: [String: String] { labels }

    /// Only `settings.userLabels`; the settings the environment declares wait for setup.
    func adopt(_ state: SQLAdminAPI.Instance, labels: [String: String], in context: ResourceContext) async throws {
        try await context.serial.run(SQLInstance.gate(sql.instance)) {
            var settings = SQLAdminAPI.Settings()
            settings.userLabels = labels
            var patch = SQLAdminAPI.Instance(name: sql.instance, databaseVersion: "", region: "", settings: settings)
            patch.databaseVersion = nil
            patch.region = nil
            let operation = try await context.sqlAdmin.patchInstance(project: context.project, name: sql.instance, patch)
            try await context.sqlAdmin.waitFor(operation, project: context.project, what: "labelling Cloud SQL instance \(sql.instance)",
                                               poller: context.poller, progress: context.progress)
        }
    }
}

extension RuntimeServiceAccount: Adoptable {
    var declaredLabels: [String: String] { [:] }

    func adoptionChanges(_ state: IAMAPI.ServiceAccount) -> [FieldChange] {
        (state.description ?? "") == Ownership.serviceAccountDescription ? []
            : [FieldChange("description", old: state.description.flatMap { $0.isEmpty ? nil : $0 }, new: Ownership.serviceAccountDescription)]
    }

    func adopt(_ state: IAMAPI.ServiceAccount, labels: [String: String], in context: ResourceContext) async throws {
        _ = try await context.iam.patchServiceAccount(project: context.project, email: account.email, displayName: nil,
                                                      description: Ownership.serviceAccountDescription)
    }
}
