import ArgumentParser
import GCPCtlKit

struct URLsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "urls",
        abstract: "Print the URL of each deployed Cloud Run service.",
        discussion: """
        One service and URL a line on stdout, ready for scripts.

        Examples:
          gcpctl urls --env=prod
          gcpctl urls --env=prod --format json
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    func run() async throws {
        try await global.runWithCloud("urls") { context, connector in try await URLsWorkflow().run(context, connector: connector) }
    }
}
