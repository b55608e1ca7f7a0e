/// Runs the chosen deletes step by step (`CleanupStep`), everything within a step at once
/// through the `Executor`. A failure is recorded and every other delete still runs
/// (property 33); only an interruption stops the steps not yet started. The APIs are
/// turned off only after a clean run: while a resource is left, its API stays on so the
/// next cleanup can still delete it.
struct CleanupExecution {
    let executor: Executor

    func run(_ deletions: [CleanupDeletion], context: ResourceContext) async -> ExecutionReport {
        let items = deletions.map { deletion in
            PlanItem(id: deletion.id, action: .delete, dependencies: []) { context in
                try await deletion.delete(context)
                return .deleted
            }
        }
        var outcomes: [ResourceID: ResourceOutcome] = [:]
        var interrupted = false
        for step in CleanupStep.allCases {
            let ids = Set(deletions.filter { $0.step == step }.map(\.id))
            guard !ids.isEmpty else { continue }
            if interrupted || Task.isCancelled {
                for id in ids { outcomes[id] = .interrupted(wasRunning: false) }
                continue
            }
            if step == .apis, let failed = outcomes.filter({ !$0.value.succeeded }).keys.min() {
                for id in ids.sorted() {
                    outcomes[id] = .skipped(because: failed)
                    context.events.finished(id, .skipped(because: failed))
                }
                continue
            }
            let report = await executor.apply(Plan(items: items.filter { ids.contains($0.id) }), context: context)
            outcomes.merge(report.outcomes) { $1 }
            interrupted = report.wasInterrupted
        }
        return ExecutionReport(plan: Plan(items: items), outcomes: outcomes)
    }
}
