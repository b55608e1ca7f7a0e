import GoogleCloud

/// `gcpctl adopt`: makes what exists under the environment's names the environment's,
/// changing nothing else. For a project the bash scripts set up: their unlabelled buckets,
/// repository, secrets and Cloud SQL instance get gcpctl's labels (the service account its
/// description), so status, list and cleanup treat them as gcpctl's, and the scripts'
/// instance stands in for a declared one that does not exist (`ScriptsSQLInstance`). A
/// plan of those label-only changes, a confirmation, then those changes alone; setup
/// afterwards brings the settings in line.
public struct AdoptWorkflow: Sendable {
    /// `--dry-run`: show the plan only.
    public var planOnly: Bool
    public var executor: Executor

    public init(planOnly: Bool = false, executor: Executor = Executor()) {
        self.planOnly = planOnly
        self.executor = executor
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let reporter = context.reporter
        reporter.header("Adoption into \(context.environment.name) in project \(context.environment.project)")
        let connected = try await connector.resourceContext(for: context, events: .showing(on: context.progress, reporter: reporter))
        let (context, resourceContext, instance) = await InstanceLookup.resolve(context, connected, always: true)
        let environment = context.environment
        let findings = await AdoptionFinding.all(for: environment, in: resourceContext)
        try context.interrupts.checkNotInterrupted()
        let document = AdoptionReport.Document(findings: findings, instance: instance)
        let toAdopt = findings.filter(\.isAdoption)
        reporter.result(document) { AdoptionReport.show(findings, instance: instance, environment: environment, on: reporter) }
        if let failure = findings.compactMap(\.failure).first { throw failure }
        guard !planOnly else { return .success }
        guard !toAdopt.isEmpty else {
            try record(instance, adopted: true, context: context)
            return .success
        }
        guard try await context.prompter.confirm(
            "Adopt these \(toAdopt.count) resources into \(environment.name)? Only labels (and the service account's description) change.") else {
            reporter.warning("Cancelled; nothing was changed.")
            return .configurationError
        }
        let plan = Plan(items: toAdopt.compactMap(\.planItem))
        let report = await executor.apply(plan, context: resourceContext)
        AdoptionReport.summarise(report, on: reporter)
        if report.wasInterrupted { return .interrupted }
        let instanceAdopted = instance.map { report.outcome(ResourceID(.sqlInstance, $0.adopted))?.succeeded ?? true } ?? false
        try record(instance, adopted: instanceAdopted, context: context)
        return report.succeeded ? .success : .operationFailed
    }

    private func record(_ instance: ScriptsSQLInstance?, adopted: Bool, context: CommandContext) throws {
        guard let instance, adopted else { return }
        let written = try AdoptedInstanceRecord.write(instance, environment: context.environment, workingDirectory: context.io.workingDirectory)
        context.reporter.info("Adopted Cloud SQL instance \(instance.adopted); wrote \(written), so every command uses it from now on")
    }
}
