import GoogleCloud

/// Applies a plan along its dependency graph: everything whose dependencies are done runs
/// at once (up to `concurrency`), the slowest resource (a Cloud SQL instance) first among
/// equals; a failure stops only what depends on it; an interruption stops new work.
public struct Executor: Sendable {
    public var concurrency: Int
    /// How long to keep retrying a resource whose API was just enabled and still answers
    /// SERVICE_DISABLED (Google: up to a few minutes).
    public var apiPropagationTimeout: Duration
    public var retryInterval: Duration
    /// Further attempts after a long-running operation failed.
    public var operationRetries: Int

    public init(concurrency: Int = 8, apiPropagationTimeout: Duration = .seconds(180), retryInterval: Duration = .seconds(2),
                operationRetries: Int = 1) {
        self.concurrency = concurrency
        self.apiPropagationTimeout = apiPropagationTimeout
        self.retryInterval = retryInterval
        self.operationRetries = operationRetries
    }

    public func apply(_ plan: Plan, context: ResourceContext) async -> ExecutionReport {
        var outcomes: [ResourceID: ResourceOutcome] = [:]
        var waiting: [ResourceID: PlanItem] = [:]
        for item in plan.items {
            switch item.action {
            case .unchanged: outcomes[item.id] = .unchanged
            case .blocked(let reason): outcomes[item.id] = .failed(reason)
            default: waiting[item.id] = item
            }
        }
        let inPlan = Set(plan.items.map(\.id))
        let events = context.events
        var running = Set<ResourceID>()

        await withTaskGroup(of: (ResourceID, ResourceOutcome).self) { group in
            func startReady() {
                var progressed = true
                while progressed {
                    progressed = false
                    for item in waiting.values.sorted(by: Executor.startOrder) {
                        let dependencies = item.dependencies.filter(inPlan.contains)
                        let predecessors = item.after.filter(inPlan.contains)
                        // Waiting on work an interrupt stopped: not attempted, for that reason.
                        if (dependencies + predecessors).contains(where: { if case .interrupted? = outcomes[$0] { true } else { false } }) {
                            waiting[item.id] = nil
                            outcomes[item.id] = .interrupted(wasRunning: false)
                            events.finished(item.id, .interrupted(wasRunning: false))
                            progressed = true
                            continue
                        }
                        if let failed = dependencies.first(where: { outcomes[$0].map { !$0.succeeded } ?? false }) {
                            waiting[item.id] = nil
                            outcomes[item.id] = .skipped(because: failed)
                            events.finished(item.id, .skipped(because: failed))
                            progressed = true
                            continue
                        }
                        guard running.count < concurrency, !Task.isCancelled,
                              dependencies.allSatisfy({ outcomes[$0]?.succeeded == true }),
                              predecessors.allSatisfy({ outcomes[$0] != nil }) else { continue }
                        waiting[item.id] = nil
                        running.insert(item.id)
                        events.started(item.id, item.action)
                        let itemContext = context.working(on: item.id)
                        group.addTask { (item.id, await run(item, in: itemContext)) }
                        progressed = true
                    }
                }
            }
            startReady()
            while let (id, outcome) = await group.next() {
                running.remove(id)
                outcomes[id] = outcome
                events.finished(id, outcome)
                startReady()
            }
        }
        for id in waiting.keys { outcomes[id] = .interrupted(wasRunning: false) }
        return ExecutionReport(plan: plan, outcomes: outcomes)
    }

    private func run(_ item: PlanItem, in context: ResourceContext) async -> ResourceOutcome {
        let started = ContinuousClock.now
        var step = item.apply
        var operationRetries = operationRetries
        while true {
            do {
                return try await step(context)
            } catch is CancellationError {
                return .interrupted(wasRunning: true)
            } catch let error as GoogleAPIError where error.disabledService != nil
                        && ContinuousClock.now - started < apiPropagationTimeout {
                // Just enabled: Google takes a while to let calls through. Poll, not a fixed wait.
                context.events.progress(item.id, OperationProgress(what: "waiting for \(error.disabledService ?? "the API")",
                                                                   status: "API still enabling", elapsed: ContinuousClock.now - started))
                do { try await Task.sleep(for: retryInterval) } catch { return .interrupted(wasRunning: true) }
            } catch let error as OperationError where operationRetries > 0 && !Task.isCancelled {
                // Google's operations sometimes fail for reasons of their own; look again
                // and try once more before calling it a failure.
                operationRetries -= 1
                context.events.note(item.id, "\(error); trying again")
                step = item.converge
            } catch {
                if Task.isCancelled { return .interrupted(wasRunning: true) }
                return .failed("\(error)")
            }
        }
    }

    /// The long pole first (the kind that usually takes longest), then in plan order.
    static func startOrder(_ lhs: PlanItem, _ rhs: PlanItem) -> Bool {
        let lhsDuration = lhs.id.kind.typicalDuration, rhsDuration = rhs.id.kind.typicalDuration
        if lhsDuration != rhsDuration { return lhsDuration > rhsDuration }
        return lhs.id < rhs.id
    }
}

/// What an apply did, resource by resource, and the exit code it means.
public struct ExecutionReport: Sendable {
    public var plan: Plan
    public var outcomes: [ResourceID: ResourceOutcome]

    public func outcome(_ id: ResourceID) -> ResourceOutcome? { outcomes[id] }

    public var ordered: [(id: ResourceID, outcome: ResourceOutcome)] {
        outcomes.keys.sorted().map { ($0, outcomes[$0]!) }
    }

    public var failures: [(id: ResourceID, reason: String)] {
        ordered.compactMap { entry in
            switch entry.outcome {
            case .failed(let reason): (entry.id, reason)
            case .skipped(let dependency): (entry.id, "skipped: \(dependency) failed")
            default: nil
            }
        }
    }

    public var wasInterrupted: Bool {
        outcomes.values.contains { if case .interrupted = $0 { true } else { false } }
    }

    /// Interrupted while their change was under way: those changes continue at Google.
    public var runningWhenInterrupted: [ResourceID] {
        ordered.filter { if case .interrupted(true) = $0.outcome { true } else { false } }.map(\.id)
    }

    public var succeeded: Bool { outcomes.values.allSatisfy(\.succeeded) }

    public func count(_ label: String) -> Int { outcomes.values.filter { $0.label == label }.count }
}
