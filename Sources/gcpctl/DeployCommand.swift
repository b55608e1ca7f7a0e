import ArgumentParser
import GCPCtlKit

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Build the services' images with Cloud Build and deploy them to Cloud Run.",
        discussion: """
        For each service: build its image from its source directory, tag it with a timestamp \
        and latest, deploy a revision with the declared limits, variables, secrets and Cloud \
        SQL connection, check that its URL answers, and write the URLs to the environment's \
        .env file. With no service named, every service is deployed, in file order.

        Examples:
          gcpctl deploy --env=prod
          gcpctl deploy api-gateway --env=prod
          gcpctl deploy --env=prod --no-traffic --tag candidate   # then: gcpctl promote
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The services to deploy. (default: all of the environment's services)", valueName: "service"))
    var services: [String] = []

    @Flag(help: "Deploy the new revision without sending it traffic; promote it later with gcpctl promote. (default: it takes all traffic once ready)")
    var noTraffic = false

    @Option(help: ArgumentHelp("A revision tag, giving the new revision its own URL (https://TAG---service…). (default: none)", valueName: "tag"))
    var tag: String?

    @Flag(help: "Deploy the image already tagged latest instead of building. (default: build)")
    var skipBuild = false

    @Flag(help: "Do not check that the service URL answers after deploying. (default: check)")
    var noVerify = false

    func run() async throws {
        try await global.unavailable("deploy")
    }
}
