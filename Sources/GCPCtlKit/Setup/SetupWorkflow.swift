import GoogleCloud

/// `gcpctl setup` and `gcpctl plan`: observe every resource of the environment, show
/// the plan, ask, apply along the dependency graph, summarise.
public struct SetupWorkflow: Sendable {
    public var resources: SetupOptions
    /// `plan` / `setup --dry-run`: show the plan and change nothing.
    public var planOnly: Bool
    /// With `planOnly`: exit 2 when changes are pending (as terraform's -detailed-exitcode).
    public var detailedExitCode: Bool
    public var skipSQL: Bool
    /// `--only`: the parts of setup this run touches; nil: all of them.
    public var only: Set<SetupKind>?
    /// List unchanged resources in the plan too.
    public var showUnchanged: Bool
    public var planner: Planner
    public var executor: Executor

    public init(resources: SetupOptions = .init(), planOnly: Bool = false, detailedExitCode: Bool = false,
                skipSQL: Bool = false, only: Set<SetupKind>? = nil, showUnchanged: Bool = false, planner: Planner = Planner(),
                executor: Executor = Executor()) {
        self.showUnchanged = showUnchanged
        self.only = only
        self.resources = resources
        self.planOnly = planOnly
        self.detailedExitCode = detailedExitCode
        self.skipSQL = skipSQL
        self.planner = planner
        self.executor = executor
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let reporter = context.reporter
        reporter.header("\(planOnly ? "Plan" : "Setup") of \(context.environment.name) in project \(context.environment.project) (\(context.environment.region))")
        var resourceContext = try await connector.resourceContext(
            for: context, events: .showing(on: context.progress, reporter: reporter))
        var context = context
        var adoption: ScriptsSQLInstance?
        if !skipSQL, only?.contains(.sql) ?? true {
            (context, resourceContext, adoption) = await InstanceLookup.resolve(context, resourceContext, always: true)
        }
        let environment = context.environment
        var desired = ResourceKinds.declared(for: environment, options: resources)
        if skipSQL { desired.removeAll { [.sqlInstance, .sqlDatabase, .sqlUser, .sqlDataAPIPassword, .sqlExtension].contains($0.id.kind) } }
        if let only {
            desired = SetupKind.selecting(only, from: desired, environment: environment)
            reporter.info("Only \(only.sorted().map(\.rawValue).joined(separator: ", ")) (--only): \(desired.count) of setup's resources")
        }

        reporter.info("Looking at \(desired.count) resources…")
        async let notDeclared = UndeclaredResources.find(in: resourceContext)
        let plan = await planner.plan(desired, context: resourceContext)
        let undeclared = await notDeclared
        try context.interrupts.checkNotInterrupted()
        try await connector.checkCredentialsAccepted()
        if let rejected = plan.credentialsFailure { throw rejected }
        if let refusal = plan.configurationFailure { throw refusal }

        let adoptions = adoption.map { [$0.sentence] } ?? []
        if planOnly {
            reporter.result(PlanReport.Document(plan, adoptions: adoptions, undeclared: undeclared), succeeded: plan.failures.isEmpty) {
                PlanReport.show(plan, environment: environment, on: reporter, showUnchanged: showUnchanged, adoptions: adoptions,
                                undeclared: undeclared)
            }
            for failure in plan.failures {
                if case .blocked(let reason) = failure.action { reporter.error("\(failure.id): \(reason)") }
            }
            return planExitStatus(plan)
        }
        PlanReport.show(plan, environment: environment, on: reporter, showUnchanged: showUnchanged, adoptions: adoptions,
                        undeclared: undeclared)
        guard plan.hasChanges || !plan.failures.isEmpty else {
            let report = ExecutionReport(plan: plan, outcomes: Dictionary(uniqueKeysWithValues: plan.items.map { ($0.id, .unchanged) }))
            SetupSummary.show(report, environment: environment, remaining: await remaining(after: report, in: resourceContext),
                              on: reporter)
            try record(adoption, after: report, context: context)
            return .success
        }
        if plan.hasChanges {
            guard try await context.prompter.confirm("Apply these changes to project \(environment.project)?") else {
                reporter.warning("Cancelled; nothing was changed.")
                return .configurationError
            }
        }
        let refresher = context.progress.startRefreshing()
        let report = await executor.apply(plan, context: resourceContext)
        refresher.cancel()
        SetupSummary.show(report, environment: environment, remaining: await remaining(after: report, in: resourceContext),
                          on: reporter)
        try record(adoption, after: report, context: context)
        if report.wasInterrupted {
            let running = report.runningWhenInterrupted
            if !running.isEmpty {
                reporter.warning("Interrupted. These were under way and continue on Google's side: "
                                 + running.map(\.description).joined(separator: ", ") + ". Run setup again to pick them up.")
            }
            return .interrupted
        }
        return report.succeeded ? .success : .operationFailed
    }

    /// With `--detailed-exitcode` a CI gate applies on 2, so 2 means "changes pending" and
    /// nothing else: anything that could not be read or planned is 1, as terraform's
    /// -detailed-exitcode does, so a permission error never looks like a plan to apply.
    /// Without it, such a failure is 2 like any failed operation.
    func planExitStatus(_ plan: Plan) -> ExitStatus {
        guard plan.failures.isEmpty else { return detailedExitCode ? .configurationError : .operationFailed }
        return detailedExitCode && plan.hasChanges ? .operationFailed : .success
    }

    /// The next steps left after a successful setup: a database created now to look into,
    /// and the services not deployed yet (one read of the region's services; unknown when
    /// it fails, and then the step is shown).
    func remaining(after report: ExecutionReport, in context: ResourceContext) async -> SetupSummary.Remaining {
        guard report.succeeded else { return SetupSummary.Remaining() }
        let environment = context.environment
        let newDatabase = report.ordered.contains { $0.id.kind == .sqlDatabase && $0.outcome.label == "created" }
        guard !environment.services.isEmpty else { return SetupSummary.Remaining(newDatabase: newDatabase) }
        let deployed = try? await context.cloudRun.services(project: environment.project, region: environment.region).map(\.id)
        return SetupSummary.Remaining(newDatabase: newDatabase,
                                      undeployedServices: deployed.map { names in environment.services.map(\.name).filter { !names.contains($0) } })
    }

    /// Once the adopted instance is the environment's (its labels set), writes its name
    /// down so the commands that do not look for it find it.
    private func record(_ adoption: ScriptsSQLInstance?, after report: ExecutionReport, context: CommandContext) throws {
        guard let adoption, report.outcome(ResourceID(.sqlInstance, adoption.adopted))?.succeeded == true else { return }
        let written = try AdoptedInstanceRecord.write(adoption, environment: context.environment, workingDirectory: context.io.workingDirectory)
        context.reporter.info("Adopted Cloud SQL instance \(adoption.adopted); wrote \(written), so every command uses it from now on")
    }
}
