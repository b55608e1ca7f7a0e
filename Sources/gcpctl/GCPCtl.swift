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
        subcommands: [
            SetupCommand.self, PlanCommand.self, DeployCommand.self, StatusCommand.self,
            CleanupCommand.self, CostCommand.self, SQLCommand.self, EnableCommand.self,
            ListCommand.self, URLsCommand.self, DeleteCommand.self, PromoteCommand.self,
            RollbackCommand.self, DeleteServiceCommand.self, ConfigCommand.self,
            VersionCommand.self,
            SecretCommand.self, RevisionsCommand.self, LogsCommand.self, DoctorCommand.self,
            InitCommand.self, AdoptCommand.self,
        ]
    )

    /// ArgumentParser's own `main`, except that argument errors exit with 1 (gcpctl's
    /// "configuration" status) instead of 64, so scripts see one code for "fix how you call it".
    static func main() async {
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
    /// Runs `body` through GCPCtlKit's `CommandRunner` and exits with its status.
    func run(_ command: String, _ body: @escaping @Sendable (CommandContext) async throws -> ExitStatus) async throws {
        try await CommandRunner(settings: settings, io: .standard()).run(command, body).end()
    }

    /// Runs `body` with a connector to Google Cloud, connected on first use; the
    /// credentials also name the project when nothing else does (unless `projectFallbacks`
    /// says otherwise: an offline estimate never asks the credentials).
    func runWithCloud(_ command: String,
                      projectFallbacks: (CloudConnector) -> [ProjectFallback] = { [$0.projectFallback] },
                      _ body: @escaping @Sendable (CommandContext, CloudConnector) async throws -> ExitStatus) async throws {
        let io = CommandIO.standard()
        var runner = CommandRunner(settings: settings, io: io)
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
