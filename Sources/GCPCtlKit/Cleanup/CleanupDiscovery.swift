import GoogleCloud

/// Finds every kind of resource cleanup deletes (property 31): all kinds are listed at
/// once, each list to its last page, with the details a user decides by. A kind that
/// cannot be listed is reported, and the others are still found.
public struct CleanupDiscovery: Sendable {
    public init() {}

    /// One list call (and what it needs to describe its results), yielding one or more kinds.
    enum Lister: CaseIterable {
        case cloudRun, gke, sql, storage, secrets, artifactRegistry, serviceAccounts

        var kinds: [ResourceKind] {
            switch self {
            case .cloudRun: [.cloudRunService]
            case .gke: [.gkeCluster]
            case .sql: [.sqlInstance]
            case .storage: [.bucket, .buildBucket]
            case .secrets: [.secret]
            case .artifactRegistry: [.artifactRepository]
            case .serviceAccounts: [.serviceAccount]
            }
        }
    }

    public func discover(in context: ResourceContext) async -> CleanupInventory {
        await withTaskGroup(of: (Lister, Result<Listing, any Error>).self) { group in
            for lister in Lister.allCases {
                group.addTask {
                    do { return (lister, .success(try await list(lister, in: context))) } catch { return (lister, .failure(error)) }
                }
            }
            var inventory = CleanupInventory()
            for await (lister, result) in group {
                switch result {
                case .success(let listing):
                    inventory.resources += listing.resources
                    inventory.notes += listing.notes
                case .failure(let error as GoogleAPIError) where error.disabledService != nil:
                    for kind in lister.kinds { inventory.apisOff[kind] = error.disabledService ?? kind.service }
                case .failure(let error):
                    for kind in lister.kinds { inventory.failures[kind] = "\(error)" }
                }
            }
            inventory.resources.sort {
                (LegacyCleanupOrder.position(of: $0.kind), $0.name) < (LegacyCleanupOrder.position(of: $1.kind), $1.name)
            }
            return inventory
        }
    }

    struct Listing: Sendable {
        var resources: [DiscoveredResource] = []
        /// Incomplete answers worth a warning (GKE zones that did not answer).
        var notes: [String] = []
    }

    func list(_ lister: Lister, in context: ResourceContext) async throws -> Listing {
        switch lister {
        case .cloudRun: Listing(resources: try await cloudRunServices(in: context))
        case .gke: try await gkeClusters(in: context)
        case .sql: Listing(resources: try await sqlInstances(in: context))
        case .storage: Listing(resources: try await buckets(in: context))
        case .secrets: Listing(resources: try await secrets(in: context))
        case .artifactRegistry: Listing(resources: try await repositories(in: context))
        case .serviceAccounts: try await serviceAccounts(in: context)
        }
    }
}

/// Everything discovery found, and the kinds it could not look at.
public struct CleanupInventory: Sendable {
    public var resources: [DiscoveredResource] = []
    /// Kinds whose API is off, with the API: nothing of theirs can be listed, nor deleted.
    public var apisOff: [ResourceKind: String] = [:]
    /// Kinds whose list failed, with the reason.
    public var failures: [ResourceKind: String] = [:]
    public var notes: [String] = []

    public func resources(of kind: ResourceKind) -> [DiscoveredResource] {
        resources.filter { $0.kind == kind }
    }
}
