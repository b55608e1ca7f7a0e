import ArgumentParser
import GCPCtlKit

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what setup would create, update or delete, without changing anything.",
        discussion: """
        Reads the current state from Google Cloud and prints each resource as create, \
        update (with the fields that differ), unchanged or delete. Nothing is changed.

        Examples:
          gcpctl plan --env=prod
          gcpctl plan --env=prod --format json > plan.json
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Also list the resources that are already as declared. (default: only changes)")
    var showUnchanged = false

    func run() async throws {
        try await global.unavailable("plan")
    }
}
