import ArgumentParser
import Foundation
import GCPCtlKit

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write environments/*.yaml from the bash scripts' .env files and the repository's layout.",
        discussion: """
        Leaves legacy mode in one step: each environment the .env files describe (.env.development, \
        .env.staging, .env.production; .env for development) gets environments/<name>.yaml \
        with what legacy mode does now: the scripts' settings, the bucket, Cloud SQL and \
        database names of the .env file, and the services' Dockerfiles (apps/api-gateway/Dockerfile \
        and the others, built from the repository root, where the repository has them). \
        The .env files stay the services' variables. Nothing is sent to Google.

        Examples:
          gcpctl init                       every environment with a .env file
          gcpctl init --env=prod --force    rewrite environments/production.yaml
        """
    )

    @Option(help: ArgumentHelp("Only this environment: development (dev), staging (stage) or production (prod). (default: every one with a .env file)", valueName: "name"))
    var env: String?

    @Option(name: .customLong("config-dir"), help: ArgumentHelp(
        "The directory that holds the .env files; environments/ is written there. (default: the current directory)",
        valueName: "dir"))
    var configDir: String?

    @Flag(help: "Replace environment files that exist. (default: keep them)")
    var force = false

    @Option(help: ArgumentHelp("text for people, or json for one JSON document on stdout.", valueName: "format"))
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-color"), help: "Never colour the output. (default: colour on a terminal unless NO_COLOR is set or TERM=dumb)")
    var noColor = false

    func validate() throws {
        if let env, EnvironmentName.canonical(env) == nil {
            throw ValidationError("--env: '\(env)' is not an environment the bash scripts knew; use development, staging or production (dev, stage, prod)")
        }
    }

    func run() async throws {
        let io = CommandIO.standard()
        let settings = GlobalSettings(environment: env ?? "development", configDirectory: configDir, format: format, noColor: noColor)
        let workflow = InitWorkflow(environments: env.flatMap(EnvironmentName.canonical).map { [$0] }, overwrite: force)
        let directory = configDir.map { URL(fileURLWithPath: $0, isDirectory: true, relativeTo: io.workingDirectory) } ?? io.workingDirectory
        try await CommandRunner(settings: settings, io: io).runWithoutEnvironment("init") { reporter in
            try workflow.run(directory: directory, workingDirectory: io.workingDirectory, reporter: reporter)
        }.end()
    }
}
