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

    @OptionGroup var global: GlobalOptions

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
        abstract: "Check the environment file and print every problem, one a line; exit status 1 if there are any."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.run("config validate") { context in
            let environment = context.environment
            context.reporter.result(["file": environment.origin.file]) {
                context.reporter.outcome("\(environment.origin.file) is valid (project \(environment.project), region \(environment.region))")
            }
            return .success
        }
    }
}
