import ArgumentParser
import GCPCtlKit

/// `--kind`: a kind `list` lists.
struct ListKind: KindArgument {
    static var choices: [ResourceKind] { ResourceKinds.listable }
    let kind: ResourceKind
}

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the resources gcpctl manages in the project, by kind.",
        discussion: """
        A resource is gcpctl's when it carries the label managed-by=gcpctl (service \
        accounts: the description "Managed by gcpctl"; APIs: the environment declares it). \
        The ENVIRONMENT column is its gcpctl-env label. Every page of every list is read.

        Examples:
          gcpctl list --env=prod
          gcpctl list --kind bucket --kind secret --format json
          gcpctl list --all          # also what gcpctl did not create
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions

    @Option(help: ArgumentHelp("Only this kind; repeat for several. (default: all kinds)", valueName: "kind"))
    var kind: [ListKind] = []

    @Flag(help: "Also list resources gcpctl did not create. (default: only gcpctl's)")
    var all = false

    func run() async throws {
        let workflow = ListWorkflow(kinds: kind.map(\.kind), includeUnmanaged: all)
        try await global.runWithCloud("list") { context, connector in try await workflow.run(context, connector: connector) }
    }
}
