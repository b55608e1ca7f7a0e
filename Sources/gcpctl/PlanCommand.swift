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

    @Flag(help: "Exit with 2 when changes are pending, 0 when there are none (for CI). (default: 0 either way)")
    var detailedExitcode = false

    @OptionGroup var parts: SetupPartsOption

    @Flag(name: .customLong("skip-sql"), help: "Leave out the Cloud SQL instance, database and user. (default: include them)")
    var skipSQL = false

    func validate() throws {
        if !parts.only.isEmpty && skipSQL { throw ValidationError("--only and --skip-sql cannot be used together; name the parts to plan with --only") }
    }

    func run() async throws {
        let workflow = SetupWorkflow(planOnly: true, detailedExitCode: detailedExitcode, skipSQL: skipSQL, only: try parts.selection(),
                                     showUnchanged: showUnchanged)
        try await global.runWithCloud("plan") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
