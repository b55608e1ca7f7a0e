import ArgumentParser
import GCPCtlKit

struct SetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create every resource the environment declares, and fix what has drifted.",
        discussion: """
        Enables the APIs, then creates the Artifact Registry repository, the buckets with \
        their lifecycle rules, the service account and its roles, the secrets and the Cloud \
        SQL instance, in dependency order and concurrently where possible. What already \
        exists is adopted, not recreated: running setup twice changes nothing the second time.
        It shows the plan and asks before changing anything (--yes to skip the question).

        Examples:
          gcpctl setup --env=dev
          gcpctl setup --env=prod --yes --skip-sql
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Leave out the Cloud SQL instance (its create takes 5-20 minutes and it costs money while it runs). (default: create it)")
    var skipSQL = false

    func run() async throws {
        try await global.unavailable("setup")
    }
}
