import ArgumentParser
import GCPCtlKit

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what setup would create, update or delete, without changing anything.",
        discussion: """
        Reads every resource the environment declares (the same reads setup makes) and \
        prints a line for each one setup would change, then the count:
          + create KIND NAME       it does not exist
          ~ update KIND NAME       a field differs; beneath it, one line a field:
                                   FIELD: AS GOOGLE HAS IT → AS THE FILE SAYS
                                   and, for one that is not gcpctl's yet, the
                                   labels (or description) that make it so:
                                   adopt: add managed-by=gcpctl, gcpctl-env=ENV
          ! cannot plan KIND NAME  it could not be read; why
          ? KIND NAME: not declared: cleanup offers it
                                   gcpctl made it for this environment (labels
                                   managed-by=gcpctl, gcpctl-env=ENV), the file no
                                   longer declares it; setup leaves it alone
        Above them, ⇐ adopt Cloud SQL instance NAME instead of creating NAME (why): the \
        bash scripts' instance, used instead of a second one. \
        With --show-unchanged, also the resources that already match. A project role that \
        someone else gave the runtime service account shows under its project roles as \
        ROLE: granted → removed: setup removes it (that account's own bindings only, never \
        another member's). Cloud Run services are deploy's, not setup's: plan does not \
        show them. Nothing is changed.

        Examples:
          gcpctl plan --env=prod
          gcpctl plan --env=prod --format json > plan.json
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

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
