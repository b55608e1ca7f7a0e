import ArgumentParser
import GCPCtlKit

struct DeleteServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-service",
        abstract: "Delete deployed Cloud Run services (images and other resources stay).",
        discussion: """
        Examples:
          gcpctl delete-service websocket-server --env=dev
          gcpctl delete-service --all --env=dev --yes
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The services to delete.", valueName: "service"))
    var services: [String] = []

    @Flag(help: "Delete every service of the environment in its region. (default: only those named)")
    var all = false

    @Flag(help: "Delete a named service even if gcpctl did not deploy it, or another environment did. (default: refuse)")
    var force = false

    func validate() throws {
        if all == !services.isEmpty {
            throw ValidationError(all ? "name services or use --all, not both" : "name the services to delete, or use --all")
        }
    }

    func run() async throws {
        let workflow = DeleteServiceWorkflow(services: services, all: all, force: force)
        try await global.runWithCloud("delete-service") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
