import Foundation

/// The options every command takes (`GlobalOptions` in the gcpctl executable), as plain
/// values so commands can be run and tested without argv.
public struct GlobalSettings: Sendable, Equatable {
    /// `--env`: a name or alias (development/dev, staging/stage, production/prod).
    public var environment: String
    public var project: String?
    public var region: String?
    public var configDirectory: String?
    /// `--yes`: answer simple confirmations yes (never typed confirmations).
    public var assumeYes: Bool
    public var format: OutputFormat
    public var noColor: Bool
    public var quiet: Bool
    public var verbose: Bool
    /// `--impersonate-service-account`: act as this service account with whatever credentials are found.
    public var impersonateServiceAccount: String?
    /// `--wide` (commands that print tables): tables are not fitted to the window.
    public var wide: Bool
    /// `config validate`: no project needed (a stand-in id checks the names).
    public var projectOptional = false

    public init(
        environment: String = "development", project: String? = nil, region: String? = nil,
        configDirectory: String? = nil, assumeYes: Bool = false, format: OutputFormat = .text,
        noColor: Bool = false, quiet: Bool = false, verbose: Bool = false, impersonateServiceAccount: String? = nil,
        wide: Bool = false
    ) {
        self.environment = environment
        self.project = project
        self.region = region
        self.configDirectory = configDirectory
        self.assumeYes = assumeYes
        self.format = format
        self.noColor = noColor
        self.quiet = quiet
        self.verbose = verbose
        self.impersonateServiceAccount = impersonateServiceAccount
        self.wide = wide
    }

    public var outputSettings: OutputSettings {
        OutputSettings(format: format, verbosity: quiet ? .quiet : verbose ? .verbose : .normal, colorDisabled: noColor, wide: wide)
    }

    public var environmentRequest: EnvironmentRequest {
        EnvironmentRequest(name: environment, project: project, region: region, configDirectory: configDirectory,
                           projectOptional: projectOptional)
    }
}

/// The world a command runs in: streams, input, process environment, directory, signals.
/// `standard()` in the executable; captures and scripted input in tests.
public struct CommandIO: Sendable {
    public var output: any TerminalStream
    public var diagnostics: any TerminalStream
    public var input: any LineSource
    public var processEnvironment: [String: String]
    public var workingDirectory: URL
    public var interrupts: InterruptMonitor
    /// Window-size changes of the terminal (SIGWINCH), when there is one to follow.
    public var resizes: TerminalResizes?

    public init(
        output: any TerminalStream, diagnostics: any TerminalStream, input: any LineSource,
        processEnvironment: [String: String], workingDirectory: URL, interrupts: InterruptMonitor = InterruptMonitor(),
        resizes: TerminalResizes? = nil
    ) {
        self.output = output
        self.diagnostics = diagnostics
        self.input = input
        self.processEnvironment = processEnvironment
        self.workingDirectory = workingDirectory
        self.interrupts = interrupts
        self.resizes = resizes
    }

    /// This process: its stdout, stderr, stdin, environment, directory and signals.
    public static func standard() -> CommandIO {
        CommandIO(
            output: StandardStream.output, diagnostics: StandardStream.error, input: StandardInput(),
            processEnvironment: ProcessInfo.processInfo.environment,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
            interrupts: .installed(resizes: .process), resizes: .process
        )
    }
}
