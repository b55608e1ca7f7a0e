/// The order cleanup deletes in, as a graph: a resource after everything chosen of the kinds
/// its kind's `teardown.after` names (a network after its subnets, the database after the
/// services), after its own companions (an account after its project roles), and the APIs
/// last, only when every deletion succeeded. Order, not dependence: a deletion whose
/// predecessor failed is still tried (property 33), and Google says if it really cannot go.
struct CleanupOrder: Sendable {
    let deletions: [CleanupDeletion]
    /// The deletions that must have ended before each one starts.
    let predecessors: [ResourceID: [ResourceID]]
    /// Turning the APIs off, which needs every deletion to have succeeded.
    let apis: CleanupDeletion?

    init(_ chosen: [DiscoveredResource], apis: CleanupDeletion? = nil) {
        let deletions = chosen.flatMap(\.deletions)
        var predecessors: [ResourceID: [ResourceID]] = [:]
        for resource in chosen {
            for (index, deletion) in resource.deletions.enumerated() {
                let after = deletion.kind.teardown.after
                let first = deletions.filter { after.contains($0.kind.id) }.map(\.id)
                predecessors[deletion.id, default: []] += first + resource.deletions[..<index].map(\.id)
            }
        }
        self.deletions = deletions
        self.predecessors = predecessors
        self.apis = apis
    }

    var plan: Plan {
        var items = deletions.map { deletion in
            PlanItem(id: deletion.id, action: .delete, dependencies: [], after: predecessors[deletion.id] ?? []) { context in
                try await deletion.delete(context)
                return .deleted
            }
        }
        if let apis {
            items.append(PlanItem(id: apis.id, action: .delete, dependencies: deletions.map(\.id)) { context in
                try await apis.delete(context)
                return .deleted
            })
        }
        return Plan(items: items)
    }

    /// How many deletions have to end, one after another, before this one starts: the
    /// review lists resources by it, so that it reads in the order things go.
    func depth(of id: ResourceID) -> Int {
        var depths: [ResourceID: Int] = [:]
        func depth(_ id: ResourceID, visiting: Set<ResourceID>) -> Int {
            if let known = depths[id] { return known }
            let before = (predecessors[id] ?? []).filter { !visiting.contains($0) }
            let value = before.map { depth($0, visiting: visiting.union([id])) + 1 }.max() ?? 0
            depths[id] = value
            return value
        }
        return depth(id, visiting: [])
    }
}

extension CleanupOrder {
    /// `kept` (reasons by title), with what something kept still needs: a resource whose kind
    /// is deleted only after a kind that has a kept resource stays too (a protected instance
    /// kept keeps the private connection it is reached through, and so its range and network;
    /// a kept replica keeps its primary). Deleting those first would fail, or worse, cut the
    /// kept resource off.
    static func keeping(_ kept: [String: String], of chosen: [DiscoveredResource]) -> [String: String] {
        var kept = kept
        var changed = true
        while changed {
            changed = false
            var keptKinds: [String: String] = [:]
            for resource in chosen where kept[resource.title] != nil { keptKinds[resource.kind.id] = keptKinds[resource.kind.id] ?? resource.title }
            for resource in chosen where kept[resource.title] == nil {
                guard let user = resource.kind.teardown.after.sorted().lazy.compactMap({ keptKinds[$0] }).first else { continue }
                kept[resource.title] = "the kept \(user) needs it"
                changed = true
            }
        }
        return kept
    }
}
