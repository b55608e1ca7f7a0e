/// What cleanup did with each resource it found, and the exit status that means.
public struct CleanupReport: Sendable {
    public enum Fate: Sendable, Equatable {
        case deleted
        case failed(String)
        /// Chosen, but not attempted (interrupted, or what it waited for failed).
        case skipped(String)
        /// Not deleted, on purpose: the reason says whose choice it was.
        case kept(String)

        public var label: String {
            switch self {
            case .deleted: "deleted"
            case .failed: "failed"
            case .skipped: "skipped"
            case .kept: "kept"
            }
        }
    }

    public struct Entry: Sendable {
        public var resource: DiscoveredResource
        public var fate: Fate
    }

    public var inventory: CleanupInventory
    public var entries: [Entry]
    /// `--disable-apis`: the APIs to turn off and what became of that.
    public var apis: (services: [String], fate: Fate)?
    public var cancelled: Bool
    public var interrupted: Bool

    /// Every failure with its reason: deletes that failed, kinds that could not be listed.
    public var failures: [(what: String, reason: String)] {
        var failures = entries.compactMap { entry -> (String, String)? in
            if case .failed(let reason) = entry.fate { (entry.resource.title, reason) } else { nil }
        }
        if case .failed(let reason)? = apis?.fate { failures.append(("project APIs", reason)) }
        for kind in ResourceKinds.cleanable {
            if let reason = inventory.failures[kind] { failures.append(("\(kind.plural) (listing)", reason)) }
        }
        return failures
    }

    public var exitStatus: ExitStatus {
        if interrupted { return .interrupted }
        if !failures.isEmpty { return .operationFailed }
        return cancelled ? .configurationError : .success
    }

    public func entries(_ label: String) -> [Entry] { entries.filter { $0.fate.label == label } }
}

extension CleanupReport {
    /// `execution` is nil when nothing ran (nothing chosen, or cancelled).
    init(inventory: CleanupInventory, environment: Environment, includeUnmanaged: Bool, chosen: [DiscoveredResource],
         protectionKept: [String: String], apis: (services: [String], deletion: CleanupDeletion)?,
         execution: ExecutionReport?, cancelled: Bool) {
        let chosenNames = Set(chosen.map(\.title))
        self.inventory = inventory
        self.cancelled = cancelled
        interrupted = execution?.wasInterrupted ?? false
        entries = inventory.resources.map { resource in
            let fate: Fate
            if let reason = protectionKept[resource.title] {
                fate = .kept(reason)
            } else if !resource.ownership.isOffered(includeUnmanaged: includeUnmanaged) {
                fate = .kept(Self.notOffered(resource.ownership, environment: environment))
            } else if !chosenNames.contains(resource.title) || execution == nil {
                fate = .kept(cancelled ? "cancelled" : "not chosen")
            } else {
                fate = Self.fate(of: resource.deletions.map(\.id), in: execution)
            }
            return Entry(resource: resource, fate: fate)
        }
        self.apis = apis.map { apis in
            let fate: Fate =
                if execution == nil { .kept(cancelled ? "cancelled" : "not chosen") }
                else if !protectionKept.isEmpty { .kept("left on for the kept \(protectionKept.keys.sorted().joined(separator: ", "))") }
                else { Self.fate(of: [apis.deletion.id], in: execution) }
            return (apis.services, fate)
        }
    }

    static func fate(of ids: [ResourceID], in execution: ExecutionReport?) -> Fate {
        let outcomes = ids.map { (id: $0, outcome: execution?.outcome($0)) }
        let failed = outcomes.compactMap { entry -> String? in
            guard case .failed(let reason)? = entry.outcome else { return nil }
            return ids.count > 1 ? "\(entry.id): \(reason)" : reason
        }
        if !failed.isEmpty { return .failed(failed.joined(separator: "; ")) }
        for entry in outcomes {
            switch entry.outcome {
            case .skipped(let dependency)?: return .skipped("\(dependency) failed")
            case .interrupted?, nil: return .skipped("interrupted")
            default: continue
            }
        }
        return .deleted
    }

    static func notOffered(_ ownership: Ownership, environment: Environment) -> String {
        switch ownership {
        case .google: "Google's"
        case .otherProject(let number): "held by project \(number); never deleted"
        case .otherEnvironment(let owner?): "shared with \(owner), whose labels it has; --include-unmanaged offers it"
        case .otherEnvironment(nil): "gcpctl's for another environment; --include-unmanaged offers it"
        case .unmanaged, .environment: "not gcpctl's; --include-unmanaged offers it"
        }
    }
}
