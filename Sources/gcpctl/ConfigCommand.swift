import ArgumentParser
import GCPCtlKit

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or check the resolved environment, without calling Google.",
        discussion: """
        Examples:
          gcpctl config show --env=prod
          gcpctl config show --env=prod --format json | jq .buckets
          gcpctl config validate --env=staging     # in CI, before deploying
        """,
        subcommands: [ConfigShowCommand.self, ConfigValidateCommand.self]
    )
}

struct ConfigShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the environment as gcpctl resolved it: names expanded, defaults applied, and where the project and region came from."
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    func run() async throws {
        try await global.run("config show") { context in
            EnvironmentReport.show(context.environment, on: context.reporter)
            return .success
        }
    }
}

struct ConfigValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the environment file and print every problem, one a line; exit status 1 if there are any.",
        discussion: """
        Every problem of the file (and of what it extends) in one pass: values of the wrong \
        type, unknown keys (with the closest known key), and Google's naming and sizing \
        rules, each as FILE:LINE:COLUMN: KEY: PROBLEM. Needs no credentials and no project: \
        without one, names that use {project} are checked with the stand-in id project-id.
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    /// A project is not needed to check the file.
    struct ProjectOptional: SettingsOptions {
        func apply(to settings: inout GlobalSettings) { settings.projectOptional = true }
    }

    func run() async throws {
        try await global.run("config validate", with: [ProjectOptional()]) { context in
            let environment = context.environment
            let project = environment.origin.project == .standIn
                ? "no project set: {project} checked as \(environment.project)" : "project \(environment.project)"
            context.reporter.result(["file": environment.origin.file]) {
                context.reporter.outcome("\(environment.origin.file) is valid (\(project), region \(environment.region))")
            }
            return .success
        }
    }
}
