import ArgumentParser
import GCPCtlKit

struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Estimate the environment's monthly cost from its settings and expected usage.",
        discussion: """
        Prices the Cloud SQL instance, each Cloud Run service, each bucket, Artifact \
        Registry, Secret Manager and Cloud Build from the environment file and its usage \
        block, line by line (quantity × unit price), with the free tiers, a total and the \
        biggest savings. Prices come from the dated price book \
        (templates/pricing/price-book.yaml, else the built-in copy) or, with --live, from \
        the Cloud Billing Catalog; each line says which. Bucket, repository and secret \
        sizes are measured in the project when the credentials allow (not with --offline).

        Examples:
          gcpctl cost --env=prod
          gcpctl cost --env=dev --offline
          gcpctl cost --compare dev,prod
          gcpctl cost --env=dev --live --format json
        """
    )

    @OptionGroup(title: GlobalOptions.title) var global: GlobalOptions
    @OptionGroup var tables: TableOptions

    @Flag(name: [.customLong("live"), .customLong("catalog")],
          help: "Read current prices from the Cloud Billing Catalog API. (default: the price book)")
    var live = false

    @Flag(help: "Use only the environment file and the price book: no credentials, no request. (default: measure sizes when the credentials work)")
    var offline = false

    @Option(help: ArgumentHelp("Show these environments side by side, e.g. dev,prod (instead of --env).", valueName: "names"))
    var compare: String?

    @Option(name: .customLong("price-book"), help: ArgumentHelp(
        "A price book file. (default: <config dir>/templates/pricing/price-book.yaml, else the built-in copy)", valueName: "path"))
    var priceBook: String?

    func validate() throws {
        if live && offline { throw ValidationError("--live reads the catalog over the network; it cannot be used with --offline") }
        do {
            if let compare { _ = try CostWorkflow.environments(in: compare) }
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let workflow = CostWorkflow(mode: offline ? .offline : live ? .live : .observed,
                                    compare: try compare.map(CostWorkflow.environments(in:)) ?? [], priceBookPath: priceBook)
        try await global.runWithCloud("cost", with: [tables], projectFallbacks: workflow.projectFallbacks) { context, connector in
            try await workflow.run(context, connector: connector)
        }
    }
}
