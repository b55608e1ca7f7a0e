import ArgumentParser
import GCPCtlKit

struct EnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Enable Google Cloud APIs: the ones named, or all the environment declares.",
        discussion: """
        Enabling an API that is already enabled changes nothing. A short name is completed: \
        run means run.googleapis.com.

        Examples:
          gcpctl enable --env=dev
          gcpctl enable run sqladmin.googleapis.com
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The APIs to enable. (default: the environment's apis list)", valueName: "api"))
    var apis: [String] = []

    func run() async throws {
        let workflow = EnableWorkflow(apis: apis)
        try await global.runWithCloud("enable") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
