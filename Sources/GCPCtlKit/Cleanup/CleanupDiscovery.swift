import GoogleCloud

/// Finds every kind of resource cleanup deletes (property 31): every kind's listing at
/// once, each list to its last page, with the details a user decides by. A kind that
/// cannot be listed is reported, and the others are still found.
public struct CleanupDiscovery: Sendable {
    public init() {}

    /// Through a read-once client, so that kinds reading one list (the project number
    /// every judgement of a bucket needs) send it once.
    public func discover(in context: ResourceContext) async -> CleanupInventory {
        let context = context.readingOnce()
        let listed = ResourceKinds.cleanable.filter { $0.list != nil }
        return await withTaskGroup(of: (ResourceKind, Result<KindListing, any Error>).self) { group in
            for kind in listed {
                guard let list = kind.list else { continue }
                group.addTask {
                    do { return (kind, .success(try await list(context, .full))) } catch { return (kind, .failure(error)) }
                }
            }
            var inventory = CleanupInventory()
            for await (kind, result) in group {
                // The kinds found among this one's listing are not seen when it fails.
                let seen = [kind] + ResourceKinds.cleanable.filter { $0.foundBy == kind.id }
                switch result {
                case .success(let listing):
                    inventory.resources += listing.found.map(DiscoveredResource.init)
                    inventory.notes += listing.notes
                case .failure(let error as GoogleAPIError) where error.disabledService != nil:
                    for kind in seen { inventory.apisOff[kind] = error.disabledService ?? kind.service }
                case .failure(let error):
                    for kind in seen { inventory.failures[kind] = "\(error)" }
                }
            }
            inventory.resources.sort {
                ($0.kind.order, $0.name) < ($1.kind.order, $1.name)
            }
            return inventory
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
