import ArgumentParser
import GCPCtlKit

struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Send traffic to a revision deployed with --no-traffic.",
        discussion: """
        Examples:
          gcpctl promote api-gateway --env=prod                 # latest ready revision, 100%
          gcpctl promote api-gateway --env=prod --percent 10    # canary
          gcpctl promote api-gateway --revision api-gateway-00042-abc
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The services to promote. (default: all of the environment's services)", valueName: "service"),
              completion: .custom { words, _, _ in await Completions.services(words) })
    var services: [String] = []

    @Option(help: ArgumentHelp("The revision to promote. (default: the latest ready revision)", valueName: "revision"))
    var revision: String?

    @Option(help: ArgumentHelp("The share of traffic it gets, 1-100.", valueName: "percent"))
    var percent = 100

    func validate() throws {
        guard (1...100).contains(percent) else { throw ValidationError("--percent must be from 1 to 100") }
        if revision != nil && services.count != 1 { throw ValidationError("--revision needs exactly one service") }
    }

    func run() async throws {
        let workflow = PromoteWorkflow(services: services, revision: revision, percent: percent)
        try await global.runWithCloud("promote") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
