import ArgumentParser
import GCPCtlKit

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Check every resource of the environment; a health check for scripts and CI.",
        discussion: """
        Shows the APIs, the Artifact Registry repository (images), buckets (objects and \
        sizes), the service account and its roles, secrets (version counts, never values), \
        the Cloud SQL instance (state, tier, connection name, backups), Cloud Run services \
        (URL, ready revision, traffic, /health) and the alert policies, all read at once. \
        Marks what is missing (with the command that creates it) or drifted from the \
        environment file (field by field).

        Exit status: 0 all present and healthy; 3 something missing, drifted, not deployed \
        or unhealthy; 2 something could not be read (permission denied, an API error): the \
        report is incomplete; 1 configuration or credentials.

        Examples:
          gcpctl status --env=prod
          gcpctl status --env=prod --quiet || echo "unhealthy"
          gcpctl status --format json | jq '.services'
          gcpctl status --env=dev --watch --interval 10
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var tables: TableOptions

    @Option(help: ArgumentHelp("Give up on checks that take longer, in seconds.", valueName: "seconds"))
    var timeout = 30

    @Flag(help: "Check again every --interval seconds until Ctrl-C, redrawing the screen on a terminal. (default: check once)")
    var watch = false

    @Option(help: ArgumentHelp("With --watch, seconds between checks. (default: 5)", valueName: "seconds"))
    var interval: Int?

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be at least 1 second") }
        if let interval {
            guard watch else { throw ValidationError("--interval goes with --watch") }
            guard interval > 0 else { throw ValidationError("--interval must be at least 1 second") }
        }
        if watch && global.format == .json {
            throw ValidationError("--watch redraws for people; for JSON, run status --format json as often as needed")
        }
    }

    func run() async throws {
        let workflow = StatusWorkflow(timeout: .seconds(timeout), watchInterval: watch ? .seconds(interval ?? 5) : nil)
        try await global.runWithCloud("status", with: [tables]) { context, connector in try await workflow.run(context, connector: connector) }
    }
}
