import GoogleCloud

/// Connects to Google once per command, only when the command needs it: resolves the
/// credentials, fetches the first token (so a credentials problem is reported before any
/// plan), registers it with the redactor, and traces HTTP with `--verbose`.
public actor CloudConnector {
    let processEnvironment: [String: String]
    let reporter: Reporter
    let transport: (any HTTPTransport)?
    private var connecting: Task<GoogleCloudConnection, any Error>?
    static let minimumTokenLength = 12

    public init(processEnvironment: [String: String], reporter: Reporter, transport: (any HTTPTransport)? = nil) {
        self.processEnvironment = processEnvironment
        self.reporter = reporter
        self.transport = transport
    }

    public func connection() async throws -> GoogleCloudConnection {
        if let connecting { return try await connecting.value }
        let task = Task { [processEnvironment, reporter, transport] in
            var options = GoogleCloudConnection.Options.fromEnvironment(processEnvironment)
            if reporter.settings.verbosity == .verbose {
                options.tracer = { event in reporter.trace(event.line) }
            }
            let connection = try await GoogleCloudConnection.connect(environment: processEnvironment, options: options,
                                                                     transport: transport)
            reporter.debug("credentials: \(connection.credentials.source)")
            let token = try await connection.client.tokens.token()
            // Real tokens are long; masking every "demo" in the output for a toy token an
            // emulator accepts would only garble it.
            if token.count >= CloudConnector.minimumTokenLength { reporter.redactor.register(token) }
            return connection
        }
        connecting = task
        return try await task.value
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

extension GoogleAPIError: ExitStatusProviding {
    /// Rejected credentials are the user's to fix (1); anything else Google refused is a
    /// failed operation (2).
    public var exitStatus: ExitStatus { httpStatus == 401 ? .configurationError : .operationFailed }
}
