import ArgumentParser
import GCPCtlKit

struct RevisionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisions",
        abstract: "List a service's revisions: created, image, traffic, ready.",
        discussion: """
        Examples:
          gcpctl revisions api-gateway --env=prod
          gcpctl rollback api-gateway --env=prod --to-revision api-gateway-00041-xyz
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The service whose revisions to list.", valueName: "service"))
    var service: String

    func run() async throws {
        let workflow = RevisionsWorkflow(service: service)
        try await global.runWithCloud("revisions") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
