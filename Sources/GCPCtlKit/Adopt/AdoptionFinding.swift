import GoogleCloud

/// What `gcpctl adopt` found for one resource the environment declares.
struct AdoptionFinding: Sendable {
    enum Kind: Sendable {
        /// Not gcpctl's: these label (or description) changes make it the environment's.
        case adopt([FieldChange])
        /// Already the environment's.
        case ours
        /// Does not exist: setup creates it.
        case missing
        /// Another environment's (its `gcpctl-env` label): adopt does not take it over.
        case otherEnvironment(String?)
        case failed(any Error & Sendable)
    }

    var id: ResourceID
    var kind: Kind
    var planItem: PlanItem?

    var isAdoption: Bool { if case .adopt = kind { true } else { false } }
    var failure: (any Error & Sendable)? { if case .failed(let error) = kind { error } else { nil } }

    /// Every kind gcpctl labels, observed at once.
    static func all(for environment: Environment, in context: ResourceContext) async -> [AdoptionFinding] {
        var resources: [any Adoptable] = [ArtifactRepository(environment.artifactRegistry, labels: environment.labels)]
        resources += environment.buckets.map(StorageBucket.init)
        resources.append(RuntimeServiceAccount(environment.serviceAccount))
        resources += environment.secrets.map(ManagedSecret.init)
        if let sql = environment.cloudSQL { resources.append(SQLInstance(sql, region: environment.region, labels: environment.labels)) }
        return await withTaskGroup(of: AdoptionFinding.self) { group in
            for resource in resources {
                group.addTask { await finding(for: resource, in: context.working(on: resource.id)) }
            }
            return await group.reduce(into: []) { $0.append($1) }.sorted { $0.id < $1.id }
        }
    }

    static func finding<R: Adoptable>(for resource: R, in context: ResourceContext) async -> AdoptionFinding {
        do {
            guard let state = try await resource.observe(in: context) else { return AdoptionFinding(id: resource.id, kind: .missing) }
            switch try await Ownership.of(state, in: context) {
            case .environment:
                return AdoptionFinding(id: resource.id, kind: .ours)
            case .otherEnvironment(let owner):
                return AdoptionFinding(id: resource.id, kind: .otherEnvironment(owner))
            case .google, .otherProject:
                return AdoptionFinding(id: resource.id, kind: .otherEnvironment(nil))
            case .unmanaged:
                let changes = resource.adoptionChanges(state)
                let labels = (state.ownershipEvidence.labels ?? [:]).merging(resource.declaredLabels) { _, declared in declared }
                let item = PlanItem(id: resource.id, action: .update(changes), dependencies: []) { context in
                    try await resource.adopt(state, labels: labels, in: context)
                    return .updated(changes)
                }
                return AdoptionFinding(id: resource.id, kind: .adopt(changes), planItem: item)
            }
        } catch {
            return AdoptionFinding(id: resource.id, kind: .failed(error))
        }
    }
}
