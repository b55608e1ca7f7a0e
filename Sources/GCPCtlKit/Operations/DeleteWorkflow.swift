import GoogleCloud

/// `gcpctl delete KIND NAME`: one resource, through its kind's own delete, after checking
/// the name by its kind's rules (before any request), looking at it (absent: nothing to
/// do), checking whose it is (`Ownership`: this environment's, else `--force`; another
/// project's bucket, never), and asking (a prompt on a terminal, `--yes` in CI, refused
/// otherwise; a Cloud SQL instance's name must be typed, or `--yes` given).
public struct DeleteWorkflow: Sendable {
    public var kind: ManagedKind
    public var name: String
    /// Delete what gcpctl did not make, or another environment's.
    public var force: Bool

    public init(kind: ManagedKind, name: String, force: Bool = false) {
        self.kind = kind
        self.name = name
        self.force = force
    }

    struct Document: Encodable {
        var kind: String
        var name: String
        var deleted: Bool
        var existed: Bool
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let environment = context.environment
        let reporter = context.reporter
        if let problem = kind.nameProblem(name) { throw DayTwoError.invalidName(problem) }
        let target = try DeletionTarget.resolve(kind, name, in: environment)
        let resourceContext = try await connector.resourceContext(
            for: context, events: .showing(on: context.progress, reporter: reporter)).working(on: target.id)
        guard let (ownership, evidence) = try await target.observe(resourceContext) else {
            reporter.result(Document(kind: kind.rawValue, name: name, deleted: false, existed: false)) {
                reporter.outcome("\(target.id) does not exist in project \(environment.project); nothing to delete")
            }
            return .success
        }
        try ownership.checkDeletable("\(target.id)", evidence: evidence, force: force)
        let question = "Delete \(target.description) from project \(environment.project)?"
        let confirmed = target.needsTypedConfirmation
            ? try await context.prompter.confirmByTyping(name, prompt: question, bypass: ("--yes", context.prompter.assumeYes))
            : try await context.prompter.confirm(question)
        guard confirmed else {
            reporter.warning("Cancelled; nothing was deleted.")
            return .configurationError
        }
        try await resourceContext.tracking(.delete, endsAs: .deleted) { try await target.delete(resourceContext) }
        reporter.result(Document(kind: kind.rawValue, name: name, deleted: true, existed: true)) {
            reporter.outcome("Deleted \(target.id) from project \(environment.project)")
        }
        return .success
    }
}
