import GoogleCloud

/// `gcpctl delete KIND NAME`: one resource, through its kind's own delete, after checking
/// the name by its kind's rules (before any request), looking at it (absent: nothing to
/// do), checking whose it is (`Ownership`: this environment's, else `--force`; another
/// project's bucket, never), and asking (a prompt on a terminal, `--yes` in CI, refused
/// otherwise; a Cloud SQL instance's name must be typed, or `--yes` given).
public struct DeleteWorkflow: Sendable {
    public var kind: ResourceKind
    public var name: String
    /// Delete what gcpctl did not make, or another environment's.
    public var force: Bool

    public init(kind: ResourceKind, name: String, force: Bool = false) {
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
        guard let identify = kind.identify, let observeOwnership = kind.observeOwnership, let remove = kind.remove else {
            throw DayTwoError.unsupportedKind(kind.commandName)
        }
        if let problem = kind.nameProblem?(name) { throw DayTwoError.invalidName(problem) }
        let identity = try identify(name, environment)
        let resourceContext = try await connector.resourceContext(
            for: context, events: .showing(on: context.progress, reporter: reporter)).working(on: identity.id)
        guard let (ownership, evidence) = try await observeOwnership(identity, resourceContext) else {
            reporter.result(Document(kind: kind.commandName, name: name, deleted: false, existed: false)) {
                reporter.outcome("\(identity.id) does not exist in project \(environment.project); nothing to delete")
            }
            return .success
        }
        try ownership.checkDeletable("\(identity.id)", evidence: evidence, force: force)
        let question = "Delete \(kind.deletionDescription(identity)) from project \(environment.project)?"
        let confirmed = kind.teardown.confirmation == .typeName
            ? try await context.prompter.confirmByTyping(name, prompt: question, bypass: ("--yes", context.prompter.assumeYes))
            : try await context.prompter.confirm(question)
        guard confirmed else {
            reporter.warning("Cancelled; nothing was deleted.")
            return .configurationError
        }
        try await resourceContext.tracking(.delete, endsAs: .deleted) { try await remove(identity, resourceContext) }
        reporter.result(Document(kind: kind.commandName, name: name, deleted: true, existed: true)) {
            reporter.outcome("Deleted \(identity.id) from project \(environment.project)")
        }
        return .success
    }
}
