import GoogleCloud

/// Connects to Google once per command, only when the command needs it: resolves the
/// credentials, fetches the first token (so a credentials problem is reported before any
/// plan), registers it with the redactor, and traces HTTP with `--verbose`.
public actor CloudConnector {
    let processEnvironment: [String: String]
    let reporter: Reporter
    let transport: (any HTTPTransport)?
    /// `--impersonate-service-account`.
    let impersonateServiceAccount: String?
    /// The environment's project, once loaded: user credentials bill it (`x-goog-user-project`).
    private var targetProject: String?
    private var connecting: Task<GoogleCloudConnection, any Error>?
    private let unreachableStop: UnreachableEndpointStop
    static let minimumTokenLength = 12

    public init(processEnvironment: [String: String], reporter: Reporter, transport: (any HTTPTransport)? = nil,
                impersonateServiceAccount: String? = nil) {
        self.processEnvironment = processEnvironment
        self.reporter = reporter
        self.transport = transport
        self.impersonateServiceAccount = impersonateServiceAccount
        unreachableStop = UnreachableEndpointStop(reporter: reporter)
    }

    /// Runs `command`'s body, stopping it with one line (exit 1) when its endpoint cannot be
    /// reached or does not answer before it changed anything, or when its deadline passes.
    public nonisolated func stoppingAtUnreachableEndpoint(
        _ command: String, _ body: @escaping @Sendable () async throws -> ExitStatus
    ) async throws -> ExitStatus {
        try await unreachableStop.run(command, deadline: CommandDeadline.of(command, environment: processEnvironment), body)
    }

    /// The project the command works on, known once the environment is loaded.
    public func workOn(project: String) {
        targetProject = targetProject ?? project
    }

    public func connection() async throws -> GoogleCloudConnection {
        if let connecting { return try await connecting.value }
        let task = Task { [processEnvironment, reporter, transport, impersonateServiceAccount, targetProject, unreachableStop] in
            var options = GoogleCloudConnection.Options.fromEnvironment(processEnvironment)
            if reporter.settings.verbosity == .verbose {
                options.tracer = { event in reporter.trace(event.line) }
            }
            options.impersonateServiceAccount = impersonateServiceAccount
            options.targetProject = targetProject
            // Every token the credentials see (a subject token, a federated token, each access
            // token) is masked wherever gcpctl prints. Real tokens are long; masking every "demo"
            // in the output for a toy token an emulator accepts would only garble it.
            options.secrets = { secret in
                if secret.count >= CloudConnector.minimumTokenLength { reporter.redactor.register(secret) }
            }
            // A server that keeps gcpctl waiting is said, not sat through in silence.
            options.waitNotice = { line in reporter.detail("… " + line) }
            options.onUnreachable = { event in unreachableStop.endpointFailed(event) }
            let connection = try await GoogleCloudConnection.connect(environment: processEnvironment, options: options,
                                                                     transport: transport)
            reporter.debug("credentials: \(connection.credentials.source)")
            _ = try await connection.client.tokens.token()
            return connection
        }
        connecting = task
        return try await task.value
    }

    /// Throws once Google has rejected the credentials (a 401 with a fresh token, an
    /// invalid_grant): for a command to end with that one message, exit status 1, instead
    /// of a failure per resource.
    public func checkCredentialsAccepted() async throws {
        guard let connecting, let connection = try? await connecting.value else { return }
        try await connection.client.tokens.checkAccepted()
    }

    /// For `EnvironmentLoader`: the project the credentials name, when nothing else does.
    public nonisolated var projectFallback: ProjectFallback {
        { [self] in
            guard let connection = try? await connection(), let project = await connection.credentialsProject() else { return nil }
            return (project, "\(connection.credentials.source)")
        }
    }

    /// The context resources work in, for the environment the command loaded.
    public func resourceContext(for context: CommandContext, events: ExecutionEvents = .ignored) async throws -> ResourceContext {
        let connection = try await connection()
        return ResourceContext(cloud: connection.client, poller: connection.poller, project: context.environment.project,
                               environment: context.environment, events: events)
    }
}

extension CredentialsError: ExitStatusProviding {
    public var exitStatus: ExitStatus { .configurationError }
}

extension TransportError: ExitStatusProviding {
    /// An endpoint that cannot be reached or does not answer is the user's to fix (1): the
    /// network, a proxy or the endpoint override. A connection lost halfway is a failed
    /// operation (2).
    public var exitStatus: ExitStatus { meansBadEndpoint ? .configurationError : .operationFailed }
}

extension GoogleAPIError: ExitStatusProviding {
    /// Rejected credentials are the user's to fix (1); anything else Google refused is a
    /// failed operation (2).
    public var exitStatus: ExitStatus { httpStatus == 401 ? .configurationError : .operationFailed }
}
