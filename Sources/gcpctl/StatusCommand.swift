import ArgumentParser
import GCPCtlKit

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Check every resource of the environment; a health check for scripts and CI.",
        discussion: """
        Shows the APIs, buckets (with sizes), the Cloud SQL instance (state, connection \
        name), secrets, Cloud Run services (URLs, ready revision) and marks what is missing \
        or drifted. Exit status 0 when all is healthy, 3 when something is missing, drifted \
        or unhealthy.

        Examples:
          gcpctl status --env=prod
          gcpctl status --env=prod --quiet || echo "unhealthy"
          gcpctl status --format json | jq '.services'
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Give up on checks that take longer, in seconds. (default: 30)", valueName: "seconds"))
    var timeout = 30

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be at least 1 second") }
    }

    func run() async throws {
        try await global.unavailable("status")
    }
}
