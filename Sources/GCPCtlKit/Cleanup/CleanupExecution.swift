/// Runs the chosen deletes through the `Executor` along `CleanupOrder`'s graph: whatever is
/// not waiting on another deletion runs at once. A failure is recorded and every other
/// delete still runs (property 33); only an interruption stops what has not started. The
/// APIs are turned off only after a clean run: while a resource is left, its API stays on
/// so the next cleanup can still delete it.
struct CleanupExecution {
    let executor: Executor

    func run(_ order: CleanupOrder, context: ResourceContext) async -> ExecutionReport {
        await executor.apply(order.plan, context: context)
    }
}
