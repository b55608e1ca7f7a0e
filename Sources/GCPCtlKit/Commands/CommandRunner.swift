/// What a command's body gets: the loaded environment and the terminal.
public struct CommandContext: Sendable {
    /// `setup`, `sql start`…: for messages.
    public let command: String
    public let settings: GlobalSettings
    public let environment: Environment
    public let reporter: Reporter
    public let prompter: Prompter
    public let progress: ProgressDisplay
    public let interrupts: InterruptMonitor
    public let io: CommandIO
}

/// Runs a command the same way every time: build the Reporter, load and validate the
/// environment, run the body (cancelled on Ctrl-C), and turn the outcome into an exit status
/// and the lines that explain it. Commands stay thin, and testable without argv.
public struct CommandRunner: Sendable {
    public let settings: GlobalSettings
    public let io: CommandIO
    public let reporter: Reporter
    /// Credential-based project lookups (key file, metadata server), tried last.
    public var projectFallbacks: [ProjectFallback]

    public init(settings: GlobalSettings, io: CommandIO, projectFallbacks: [ProjectFallback] = []) {
        self.settings = settings
        self.io = io
        self.projectFallbacks = projectFallbacks
        reporter = Reporter(
            settings: settings.outputSettings, output: io.output, diagnostics: io.diagnostics,
            environment: io.processEnvironment, resizes: io.resizes
        )
    }

    /// Loads the environment, then runs `body` and maps what happens to an exit status.
    public func run(
        _ command: String, _ body: @escaping @Sendable (CommandContext) async throws -> ExitStatus
    ) async -> ExitStatus {
        let loaded = Locked<Environment?>(nil)
        let work = Task { () async throws -> ExitStatus in
            let environment = try await EnvironmentLoader(
                workingDirectory: io.workingDirectory, processEnvironment: io.processEnvironment
            ).load(settings.environmentRequest, projectFallbacks: projectFallbacks)
            loaded.withLock { $0 = environment }
            try io.interrupts.checkNotInterrupted()
            reporter.redactor.register(variables: environment.plainVariables)
            environment.warnings.forEach(reporter.warning)
            reporter.debug("environment \(environment.name) from \(environment.origin.file); project \(environment.project) from \(environment.origin.project); region \(environment.region) from \(environment.origin.region)")
            let progress = ProgressDisplay(reporter: reporter)
            let context = CommandContext(
                command: command, settings: settings, environment: environment, reporter: reporter,
                prompter: Prompter(input: io.input, reporter: reporter, assumeYes: settings.assumeYes),
                progress: progress, interrupts: io.interrupts, io: io
            )
            // Elapsed times and "still creating…" lines move on their own while the body runs.
            let ticker = progress.startRefreshing()
            defer { ticker.cancel() }
            return try await body(context)
        }
        io.interrupts.onInterrupt { _ in work.cancel() }
        let status: ExitStatus
        var completed = false
        do {
            let returned = try await work.value
            if let interruption = io.interrupts.interruption {
                status = finish(interruption)
            } else {
                status = returned
                completed = true
            }
        } catch {
            status = finish(error)
        }
        printDocument(command, status: status, completed: completed, environment: loaded.current)
        return status
    }

    /// With `--format json`, the one document on stdout: the envelope around what the body
    /// gave `Reporter.result`, also when the command failed before giving anything.
    func printDocument(_ command: String, status: ExitStatus, completed: Bool, environment: Environment?) {
        guard settings.format == .json else { return }
        let recorded = reporter.recordedResult
        let ok = completed && (recorded.succeeded ?? (status == .success))
        reporter.emitJSON(CommandDocument(
            command: command, exitCode: status.rawValue, ok: ok,
            project: environment.map { $0.projectIsPlaceholder ? nil : $0.project } ?? settings.project,
            environment: environment?.name ?? EnvironmentName.canonical(settings.environment) ?? settings.environment,
            region: environment?.region ?? settings.region,
            errors: recorded.errors, result: recorded.value?.encodable))
    }

    /// For a command that works before there is an environment to load (`gcpctl init`):
    /// `body` gets the reporter; errors become lines and an exit status as for any command.
    public func runWithoutEnvironment(_ command: String, _ body: @escaping @Sendable (Reporter) async throws -> ExitStatus) async -> ExitStatus {
        let status: ExitStatus
        var completed = false
        do {
            status = try await body(reporter)
            completed = true
        } catch {
            status = finish(error)
        }
        printDocument(command, status: status, completed: completed, environment: nil)
        return status
    }

    /// A command whose capability has not landed: the environment is still loaded and
    /// validated (so `--help` and configuration errors are real), then it says so.
    public func unavailable(_ command: String) async -> ExitStatus {
        await run(command) { _ in throw CommandUnavailableError(command: command) }
    }

    /// Reports `error` (its lines also become the JSON document's `errors`) and returns its status.
    func finish(_ error: any Error) -> ExitStatus {
        var error = error
        if error is CancellationError, let interruption = io.interrupts.interruption { error = interruption }
        let status = ExitStatus.of(error)
        let lines = (error as? ConfigurationError)?.lines ?? ["\(error)"]
        lines.forEach(reporter.error)
        return status
    }
}
