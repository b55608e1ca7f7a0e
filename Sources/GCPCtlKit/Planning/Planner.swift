import GoogleCloud

/// Observes every resource concurrently and decides, for each, what applying would do.
public struct Planner: Sendable {
    public var concurrency: Int

    public init(concurrency: Int = 16) {
        self.concurrency = concurrency
    }

    public func plan(_ resources: [any Resource], context: ResourceContext) async -> Plan {
        let apis = resources.first { $0.id.kind == .apis }?.id
        let limiter = AsyncLimiter(limit: concurrency)
        // Resources read some things in common (the project's alert policies, its channels):
        // one pass sends each read once. What applies the plan reads afresh.
        let context = context.readingOnce()
        let items = await withTaskGroup(of: PlanItem.self) { group in
            for resource in resources {
                group.addTask {
                    await limiter.run { await Planner.item(for: resource, implied: apis, context: context.working(on: resource.id)) }
                }
            }
            return await group.reduce(into: [PlanItem]()) { $0.append($1) }
        }
        return Plan(items: items)
    }

    static func item<R: Resource>(for resource: R, implied apis: ResourceID?, context: ResourceContext) async -> PlanItem {
        var dependencies = resource.dependencies
        if let apis, resource.id != apis, !dependencies.contains(apis) { dependencies.append(apis) }
        func item(_ action: PlanAction, _ apply: @escaping @Sendable (ResourceContext) async throws -> ResourceOutcome) -> PlanItem {
            PlanItem(id: resource.id, action: action, dependencies: dependencies, apply: apply,
                     converge: { context in try await converge(resource, in: context) })
        }
        do {
            guard let state = try await resource.observe(in: context) else {
                return item(.create) { context in
                    try await resource.create(in: context)
                    return .created
                }
            }
            let changes = try resource.differences(from: state)
            if changes.isEmpty { return item(.unchanged) { _ in .unchanged } }
            var update = item(.update(changes)) { context in
                try await resource.update(state, changes: changes, in: context)
                return .updated(changes)
            }
            update.adoption = Adoption.of(state, changes: changes, environment: context.environment)
            return update
        } catch let error as GoogleAPIError where error.disabledService.map(context.environment.apis.contains) == true {
            let reason = "\(error.disabledService ?? "its API") is not enabled yet; checked again before creating"
            return item(.createIfMissing(reason: reason)) { context in try await converge(resource, in: context) }
        } catch let error as GoogleAPIError where error.disabledService != nil {
            let service = error.disabledService ?? "its API"
            let reason = "\(service) is not enabled, and the environment's apis do not list it; add it there, or run `gcpctl enable \(service)`"
            return item(.blocked(reason: reason)) { _ in .failed(reason) }
        } catch {
            var blocked = item(.blocked(reason: "\(error)")) { _ in .failed("\(error)") }
            blocked.failure = error
            return blocked
        }
    }

    /// Observe, then create or update: for resources that could not be observed at plan time.
    public static func converge<R: Resource>(_ resource: R, in context: ResourceContext) async throws -> ResourceOutcome {
        guard let state = try await resource.observe(in: context) else {
            try await resource.create(in: context)
            return .created
        }
        let changes = try resource.differences(from: state)
        guard !changes.isEmpty else { return .unchanged }
        try await resource.update(state, changes: changes, in: context)
        return .updated(changes)
    }
}
