import GoogleCloud

/// `gcpctl sql start|stop`: sets the instance's activation policy (ALWAYS runs it, NEVER
/// stops it and bills only storage), then waits on Cloud SQL's operation. Asking for the
/// state the instance is already in changes nothing and says so.
public struct SQLPowerWorkflow: Sendable {
    public enum Action: String, Sendable {
        case start, stop

        public var activationPolicy: String { self == .start ? "ALWAYS" : "NEVER" }
        var participle: String { self == .start ? "starting" : "stopping" }
        var result: String { self == .start ? "running" : "stopped" }
    }

    public var action: Action
    /// `--no-wait`: return once Cloud SQL has accepted the change.
    public var wait: Bool

    public init(_ action: Action, wait: Bool = true) {
        self.action = action
        self.wait = wait
    }

    struct Document: Encodable {
        var instance: String
        var activationPolicy: String
        var state: String
        var changed: Bool
        var operation: String?
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        guard context.environment.cloudSQL != nil else {
            throw DayTwoError.noCloudSQL(environment: context.environment.name, file: context.environment.origin.file)
        }
        let reporter = context.reporter
        let (context, resourceContext, _) = await InstanceLookup.resolve(context, try await connector.resourceContext(for: context), always: false)
        let environment = context.environment
        guard let sql = environment.cloudSQL else { return .configurationError }
        let instance = SQLInstance(sql, region: environment.region, labels: environment.labels)
        guard let observed = try await instance.observe(in: resourceContext) else {
            throw DayTwoError.notFound(what: "Cloud SQL instance \(sql.instance) in project \(environment.project)",
                                       fix: "create it with \(StatusFix.setup(environment))")
        }
        let target = action.activationPolicy
        if observed.settings?.activationPolicy == target {
            reporter.result(Document(instance: sql.instance, activationPolicy: target, state: SQLInstance.serving(observed), changed: false)) {
                reporter.outcome("Cloud SQL instance \(sql.instance) is already \(action.result) (activation policy \(target)); nothing to do")
            }
            return .success
        }
        if action == .stop {
            guard try await context.prompter.confirm(
                "Stop Cloud SQL instance \(sql.instance)? Services using it cannot connect until gcpctl sql start.") else {
                reporter.warning("Cancelled; the instance keeps running.")
                return .configurationError
            }
        }
        guard wait else {
            let operation = try await patch(sql.instance, to: target, in: resourceContext)
            reporter.result(Document(instance: sql.instance, activationPolicy: target, state: "PENDING", changed: true, operation: operation.name)) {
                reporter.outcome("Cloud SQL is \(action.participle) \(sql.instance) (operation \(operation.name)); gcpctl status --env=\(environment.shortName) shows when it is done")
            }
            return .success
        }
        let activity = "\(action.participle) Cloud SQL instance \(sql.instance)"
        var retries = 1
        var operation: SQLOperation
        while true {
            operation = try await patch(sql.instance, to: target, in: resourceContext)
            do {
                try await waitFor(operation, activity: activity, context: context, in: resourceContext)
                break
            } catch OperationError.failed(let what, let message) where retries > 0 {
                // Cloud SQL's operations sometimes fail for reasons of their own (setup tries
                // its failed operations again too); the patch sets a state, so repeating it is
                // safe, and the instance may have got there anyway.
                retries -= 1
                reporter.warning("\(OperationError.failed(what: what, message: message)); trying again")
                if try await instance.observe(in: resourceContext)?.settings?.activationPolicy == target { break }
            }
        }
        let after = try await instance.observe(in: resourceContext)
        reporter.result(Document(instance: sql.instance, activationPolicy: target, state: after.map(SQLInstance.serving) ?? "unknown",
                                 changed: true, operation: operation.name)) {
            reporter.outcome("Cloud SQL instance \(sql.instance) is \(action.result) (activation policy \(target))")
        }
        return .success
    }

    private func patch(_ name: String, to activationPolicy: String, in context: ResourceContext) async throws -> SQLOperation {
        var patch = SQLAdminAPI.Instance(name: name, databaseVersion: "", region: "", settings: SQLAdminAPI.Settings())
        patch.databaseVersion = nil
        patch.region = nil
        patch.settings?.activationPolicy = activationPolicy
        return try await context.sqlAdmin.patchInstance(project: context.project, name: name, patch)
    }

    private func waitFor(_ operation: SQLOperation, activity: String, context: CommandContext, in resourceContext: ResourceContext) async throws {
        let handle = context.progress.start(activity)
        do {
            try await resourceContext.sqlAdmin.waitFor(
                operation, project: resourceContext.project, what: activity, poller: resourceContext.poller,
                progress: { report in context.progress.update(handle, activity: activity + (report.status.map { " (\($0))" } ?? "")) })
            context.progress.finish(handle, .succeeded(nil))
        } catch {
            // Said once, by the caller: a failed operation as a warning when it tries again,
            // anything else as the command's error, with what was being done.
            context.progress.finish(handle, .abandoned)
            if error is OperationError || error is CancellationError || Task.isCancelled { throw error }
            throw ActivityError(activity: activity, underlying: error)
        }
    }
}
