import ArgumentParser
import GCPCtlKit

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Send all of a service's traffic (or every service's) back to an earlier revision.",
        discussion: """
        Examples:
          gcpctl rollback --env=prod                            # every service, after one confirmation
          gcpctl rollback api-gateway --env=prod                # the revision before the latest
          gcpctl rollback api-gateway --to-revision api-gateway-00041-xyz
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var consent: ConsentOptions

    @Argument(help: ArgumentHelp("The service to roll back. (default: every service of the environment, after one confirmation)", valueName: "service"),
              completion: .custom { words, _, _ in await Completions.services(words) })
    var service: String?

    @Option(help: ArgumentHelp("The revision to return to. (default: the newest ready revision older than the latest one)", valueName: "revision"))
    var toRevision: String?

    func run() async throws {
        let workflow = RollbackWorkflow(service: service, toRevision: toRevision)
        try await global.runWithCloud("rollback", with: [consent]) { context, connector in try await workflow.run(context, connector: connector) }
    }
}
