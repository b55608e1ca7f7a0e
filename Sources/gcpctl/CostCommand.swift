import ArgumentParser
import GCPCtlKit

struct CostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Estimate the environment's monthly cost from its settings and expected usage.",
        discussion: """
        Prices the Cloud SQL tier and storage, Cloud Run requests and instance time, storage, \
        Artifact Registry, Cloud Build minutes and Secret Manager from the environment's \
        usage block, and shows what each costs per month.

        Examples:
          gcpctl cost --env=prod
          gcpctl cost --env=dev --catalog --format json
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Read current list prices from the Cloud Billing Catalog API. (default: the built-in price table)")
    var catalog = false

    func run() async throws {
        try await global.unavailable("cost")
    }
}
