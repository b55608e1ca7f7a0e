import ArgumentParser
import Foundation
import GCPCtlKit

@main
struct GCPCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gcpctl",
        abstract: "Provision and operate the application's Google Cloud resources.",
        discussion: """
        gcpctl reads environments/<name>.yaml (or, without one, the bash scripts' .env \
        files), compares it with what exists in Google Cloud, and creates, updates or deletes \
        what differs. Every command takes --env (development, staging, production or their \
        short names dev, stage, prod).

        Typical use:
          gcpctl setup --env=dev          create everything the environment declares
          gcpctl deploy --env=prod        build and deploy every service
          gcpctl status --env=prod        health check; exit status 3 when not healthy
          gcpctl cleanup                  choose what to delete from a menu

        Exit statuses: 0 success; 1 configuration, prerequisites or arguments; 2 a resource \
        operation failed; 3 status found something unhealthy; 130 interrupted.
        Shell completion: gcpctl --generate-completion-script bash|zsh|fish.
        """,
        version: BuildInfo.embedded.line,
        // gcpctl version beside the groups; delete-service is an old spelling, kept working but not listed.
        subcommands: [VersionCommand.self, DeleteServiceCommand.self],
        groupedSubcommands: groups
    )

    /// The command groups of `gcpctl --help`, in the order an environment lives: a new
    /// command is one line in its group.
    static let groups = [
        CommandGroup(name: "Provision", subcommands: [
            InitCommand.self,
            SetupCommand.self,
            PlanCommand.self,
            AdoptCommand.self,
            EnableCommand.self,
            DoctorCommand.self,
        ]),
        CommandGroup(name: "Deploy", subcommands: [
            DeployCommand.self,
            PromoteCommand.self,
            RollbackCommand.self,
            RevisionsCommand.self,
            URLsCommand.self,
        ]),
        CommandGroup(name: "Inspect", subcommands: [
            StatusCommand.self,
            ListCommand.self,
            LogsCommand.self,
            CostCommand.self,
            ConfigCommand.self,
        ]),
        CommandGroup(name: "Day-2", subcommands: [
            SQLCommand.self,
            SecretCommand.self,
            DeleteCommand.self,
            CleanupCommand.self,
        ]),
    ]

    /// ArgumentParser's own `main`, except that argument errors exit with 1 (gcpctl's
    /// "configuration" status) instead of 64, so scripts see one code for "fix how you call it".
    static func main() async {
        if let problem = CommandLineCheck.problem(in: Array(CommandLine.arguments.dropFirst()), root: GCPCtl.self) {
            StandardStream.error.write("Error: \(problem)\n")
            ArgumentFailureDocument.printIfJSON(message: problem, exitCode: ExitStatus.configurationError.rawValue, arguments: CommandLine.arguments)
            Foundation.exit(ExitStatus.configurationError.rawValue)
        }
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let stream = code == .success ? StandardStream.output : StandardStream.error
                stream.write(message + "\n")
            }
            let status = code == .validationFailure ? ExitStatus.configurationError.rawValue : code.rawValue
            // An ExitCode is a command's own status, its document already printed.
            if status != 0, !(error is ExitCode) {
                ArgumentFailureDocument.printIfJSON(message: self.message(for: error), exitCode: status, arguments: CommandLine.arguments)
            }
            Foundation.exit(status)
        }
    }
}

extension ExitStatus {
    /// Ends the command with this status (ArgumentParser exits with it).
    func end() throws {
        if self != .success { throw ExitCode(rawValue) }
    }
}

extension GlobalOptions {
    /// The settings with what the command's own option groups add (`--yes`, `--wide`).
    func settings(with options: [any SettingsOptions]) -> GlobalSettings {
        var settings = self.settings
        options.forEach { $0.apply(to: &settings) }
        return settings
    }

    /// Runs `body` through GCPCtlKit's `CommandRunner` and exits with its status.
    func run(_ command: String, with options: [any SettingsOptions] = [],
             _ body: @escaping @Sendable (CommandContext) async throws -> ExitStatus) async throws {
        try await CommandRunner(settings: settings(with: options), io: .standard()).run(command, body).end()
    }

    /// Runs `body` with a connector to Google Cloud, connected on first use; the
    /// credentials also name the project when nothing else does (unless `projectFallbacks`
    /// says otherwise: an offline estimate never asks the credentials).
    func runWithCloud(_ command: String, with options: [any SettingsOptions] = [],
                      projectFallbacks: (CloudConnector) -> [ProjectFallback] = { [$0.projectFallback] },
                      _ body: @escaping @Sendable (CommandContext, CloudConnector) async throws -> ExitStatus) async throws {
        let io = CommandIO.standard()
        var runner = CommandRunner(settings: settings(with: options), io: io)
        let connector = CloudConnector(processEnvironment: io.processEnvironment, reporter: runner.reporter,
                                       impersonateServiceAccount: settings.impersonateServiceAccount)
        runner.projectFallbacks = projectFallbacks(connector)
        try await runner.run(command) { context in
            try await connector.stoppingAtUnreachableEndpoint(command) {
                await connector.workOn(project: context.environment.project)
                do {
                    return try await body(context, connector)
                } catch {
                    // Whatever failed first, rejected credentials are what the user must fix: say that.
                    try await connector.checkCredentialsAccepted()
                    throw error
                }
            }
        }.end()
    }

    /// For commands whose capability has not landed yet: parse, load and validate, then say so.
    func unavailable(_ command: String) async throws {
        try await CommandRunner(settings: settings, io: .standard()).unavailable(command).end()
    }
}
