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

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The APIs to enable. (default: the environment's apis list)", valueName: "api"))
    var apis: [String] = []

    /// A malformed name would reach Service Usage and come back as a 403 that blames the
    /// account's roles; the name itself is what to fix.
    func validate() throws {
        for api in apis {
            if NamingRules.apiNameProblem(EnableWorkflow.serviceName(api)) != nil {
                throw ValidationError("'\(api)' is not an API name; use lowercase letters, digits and hyphens, e.g. run or run.googleapis.com")
            }
        }
    }

    func run() async throws {
        let workflow = EnableWorkflow(apis: apis)
        try await global.runWithCloud("enable") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
