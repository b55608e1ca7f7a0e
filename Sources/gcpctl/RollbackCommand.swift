import ArgumentParser
import GCPCtlKit

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Send all of a service's traffic back to an earlier revision.",
        discussion: """
        Examples:
          gcpctl rollback api-gateway --env=prod                # the revision before the latest
          gcpctl rollback api-gateway --to-revision api-gateway-00041-xyz
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The service to roll back.", valueName: "service"),
              completion: .custom { words, _, _ in await Completions.services(words) })
    var service: String

    @Option(help: ArgumentHelp("The revision to return to. (default: the newest ready revision older than the latest one)", valueName: "revision"))
    var toRevision: String?

    func run() async throws {
        let workflow = RollbackWorkflow(service: service, toRevision: toRevision)
        try await global.runWithCloud("rollback") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
