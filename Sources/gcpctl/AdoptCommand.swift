import ArgumentParser
import GCPCtlKit

struct AdoptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Make what the bash scripts (or anyone) made under the environment's names the environment's: labels only.",
        discussion: """
        Looks at the repository, buckets, service account, secrets and Cloud SQL instance the \
        environment declares. Those that exist without gcpctl's labels get them \
        (managed-by=gcpctl, gcpctl-env=<env> and the environment's own; the service account \
        gets gcpctl's description), and nothing else changes; afterwards status, list and \
        cleanup treat them as gcpctl's. Where the declared Cloud SQL instance does not exist \
        but the scripts' digitwinlive-db does, that one is adopted and its name written to \
        the .env file (or the environment file). Resources labelled for another environment \
        are left alone. Shows the plan and asks first (--yes to skip the question).

        Examples:
          gcpctl adopt --env=dev --dry-run
          gcpctl adopt --env=dev
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var consent: ConsentOptions

    @Flag(name: .customLong("dry-run"), help: "Show what would be adopted and change nothing. (default: ask, then adopt)")
    var dryRun = false

    func run() async throws {
        let workflow = AdoptWorkflow(planOnly: dryRun)
        try await global.runWithCloud("adopt", with: [consent]) { context, connector in try await workflow.run(context, connector: connector) }
    }
}
