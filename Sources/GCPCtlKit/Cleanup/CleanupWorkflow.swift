import GoogleCloud

/// `gcpctl cleanup`: find every resource (property 31), show it, let the user choose
/// (menu, y/N per kind, or everything after typing DELETE ALL), review, confirm, delete in
/// dependency order with failures isolated (property 33), summarise.
///
/// Consent: without a terminal nothing is deleted without `--yes`, and `--all` needs
/// `--confirm-project` naming the project; the menu and `--selective` need a terminal.
/// A deletion-protected Cloud SQL instance needs its name typed (or `--delete-protected`
/// with `--confirm-project`), else it is kept.
public struct CleanupWorkflow: Sendable {
    public var options: CleanupOptions
    public var discovery: CleanupDiscovery
    public var executor: Executor

    public init(options: CleanupOptions = CleanupOptions(), discovery: CleanupDiscovery = CleanupDiscovery(),
                executor: Executor = Executor()) {
        self.options = options
        self.discovery = discovery
        self.executor = executor
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment, reporter = context.reporter
        if let given = options.confirmProject, given != environment.project {
            throw CleanupRefusal.projectMismatch(given: given, project: environment.project)
        }
        reporter.header("Cleanup of \(environment.name) in project \(environment.project) (\(environment.region))")
        if options.includeUnmanaged {
            reporter.error("--include-unmanaged: resources that are not gcpctl's for \(environment.name) are offered too, whoever made them. Check each one before you delete it.")
        }
        let resourceContext = try await connector.resourceContext(for: context, events: .showing(on: context.progress, reporter: reporter))
        reporter.info("Looking for resources in project \(environment.project)…")
        async let found = discovery.discover(in: resourceContext)
        let apis = try await apisToDisable(in: resourceContext)
        let inventory = await found
        try context.interrupts.checkNotInterrupted()
        try await connector.checkCredentialsAccepted()
        if !reporter.isJSON {
            CleanupInventoryReport.show(inventory, environment: environment, includeUnmanaged: options.includeUnmanaged, on: reporter)
        }

        let offered = inventory.resources.filter { $0.ownership.isOffered(includeUnmanaged: options.includeUnmanaged) }
        func finish(chosen: [DiscoveredResource] = [], kept: [String: String] = [:], execution: ExecutionReport? = nil,
                    cancelled: Bool = false) -> ExitStatus {
            let report = CleanupReport(inventory: inventory, environment: environment, includeUnmanaged: options.includeUnmanaged,
                                       chosen: chosen, protectionKept: kept, apis: apis, execution: execution, cancelled: cancelled)
            CleanupSummary.show(report, environment: environment, on: reporter)
            return report.exitStatus
        }
        guard !offered.isEmpty || apis != nil else {
            reportNothingOffered(inventory, environment: environment, on: reporter)
            return finish()
        }
        try checkSomeoneCanConsent(context)

        guard let chosen = try await CleanupSelection(mode: options.mode, prompter: context.prompter).choose(from: offered),
              !chosen.isEmpty || apis != nil else {
            return finish(cancelled: true)
        }
        CleanupReview.show(chosen, apis: apis?.services, project: environment.project, on: reporter)
        guard try await confirm(chosen, apis: apis?.services, context: context) else {
            return finish(chosen: chosen, cancelled: true)
        }
        let kept = CleanupOrder.keeping(try await confirmProtected(chosen, context: context), of: chosen)
        // A kept instance still needs its API, to be deleted later.
        let order = CleanupOrder(chosen.filter { kept[$0.title] == nil }, apis: kept.isEmpty ? apis?.deletion : nil)

        let refresher = context.progress.startRefreshing()
        let execution = await CleanupExecution(executor: executor).run(order, context: resourceContext)
        refresher.cancel()
        let running = execution.runningWhenInterrupted
        if !running.isEmpty {
            reporter.warning("Interrupted. These deletions were under way and continue on Google's side: "
                             + running.map(\.description).joined(separator: ", ") + ".")
        }
        return finish(chosen: chosen, kept: kept, execution: execution)
    }

    func reportNothingOffered(_ inventory: CleanupInventory, environment: Environment, on reporter: Reporter) {
        var text = "Nothing to delete: no resources of gcpctl's for \(environment.name) in project \(environment.project)."
        let others = inventory.resources.filter { $0.ownership != .google }.count
        if others > 0 && !options.includeUnmanaged {
            text += others == 1 ? " 1 other is not gcpctl's (--include-unmanaged offers it)."
                                : " \(others) others are not gcpctl's (--include-unmanaged offers them)."
        }
        reporter.info(text)
    }

    /// `--disable-apis`: the environment's APIs that are on now (Service Usage itself stays on).
    func apisToDisable(in context: ResourceContext) async throws -> (services: [String], deletion: CleanupDeletion)? {
        guard options.disableAPIs else { return nil }
        let enabled = try await ProjectAPIs(services: context.environment.apis).observe(in: context) ?? []
        let services = context.environment.apis.filter { enabled.contains($0) && $0 != "serviceusage.googleapis.com" }
        guard !services.isEmpty else { return nil }
        return (services, CleanupDeletion(ProjectAPIs(services: services)))
    }

    /// Refuses before any question when no one could answer it.
    func checkSomeoneCanConsent(_ context: CommandContext) throws {
        guard !context.prompter.input.isInteractive else { return }
        if options.mode != .all { throw CleanupRefusal.needsTerminal(mode: options.mode, project: context.environment.project) }
        if !context.prompter.assumeYes { throw CleanupRefusal.needsYes(project: context.environment.project) }
    }

    /// `--all`: DELETE ALL typed (or `--confirm-project`); otherwise y/N (or `--yes`).
    func confirm(_ chosen: [DiscoveredResource], apis: [String]?, context: CommandContext) async throws -> Bool {
        let project = context.environment.project
        let count = chosen.count + (apis == nil ? 0 : 1)
        guard options.mode == .all else {
            let what = count == 1 ? chosen.first?.title ?? "the project's APIs" : "these \(count) resources"
            return try await context.prompter.confirm("Delete \(what) from project \(project)?")
        }
        return try await context.prompter.confirmByTyping(
            "DELETE ALL", prompt: "This deletes everything listed above (\(count)) from project \(project) and cannot be undone.",
            bypass: (flag: "--confirm-project=\(project)", isSet: options.confirmProject == project))
    }

    /// Each chosen instance with deletion protection: its name typed, else it is kept.
    /// Answers: reason kept, by title.
    func confirmProtected(_ chosen: [DiscoveredResource], context: CommandContext) async throws -> [String: String] {
        var kept: [String: String] = [:]
        let bypass = options.deleteProtected && options.confirmProject == context.environment.project
        for resource in chosen where resource.isProtected {
            let prompt = "\(resource.title) has deletion protection on. gcpctl will turn it off and delete the instance with its data and backups."
            guard bypass || context.prompter.input.isInteractive else {
                context.reporter.warning("\(resource.title) kept: deletion protection is on; pass --delete-protected with --confirm-project to delete it without a terminal.")
                kept[resource.title] = "deletion protection (--delete-protected deletes it)"
                continue
            }
            if try await !context.prompter.confirmByTyping(resource.name, prompt: prompt, bypass: (flag: "--delete-protected", isSet: bypass)) {
                kept[resource.title] = "deletion protection (name not typed)"
            }
        }
        return kept
    }
}
